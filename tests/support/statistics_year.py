"""A year (2025) of records with known counts in every register, built through the services: records on
1 January 00:00 and 31 December 23:59, records of 2024 and 2026, voided records, 机密 and 绝密 records, and
imported history (收文 and 发文 books through the import service). ``EXPECTED`` holds what the 领导 (机密,
no 机要 post) must be told for 2025; ``EXPECTED_JIYAO`` what 机要 (绝密, 收发文 + 机要 only) must be told."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import openpyxl

from app.domain.enums import Role, SecretLevel

YEAR = 2025

# what the 2025 summary must say for `leader` (机密; every post's figures through 领导, no 密码电报)
EXPECTED = {
    "surveys": 2,
    "forums": 1,
    "topics": 2,
    "articles": 3,
    "published": 2,
    "drafts": 3,
    "outgoing": 3,  # 2 signed live + 1 imported (印发日期 only); the draft and the voided one not
    "incoming": 6,  # 4 live (not the 绝密 one, not the voided one) + 2 imported
    "incoming_upper": 4,
    "large_meetings": 2,
    "plain_telegrams": 2,
    "cipher_telegrams": None,  # 领导 has no 机要 post
    "info_submitted": 3,
    "info_adopted": 2,
    "city_supervision": 3,
    "city_supervision_rate": 33.3,
    "petition_persons": 6,  # 1 letter + visits of 3 and 2 persons
    "petition_close_rate": 33.3,
    "petition_satisfaction": 100.0,
    "leader_receptions": 2,
}
# 2024 for the same reader (the 比上年 column)
EXPECTED_2024 = {
    "incoming": 2,
    "outgoing": 1,
    "large_meetings": 1,
    "plain_telegrams": 1,
    "petition_persons": 1,
}
EXPECTED_JIYAO = {"incoming": 7, "plain_telegrams": 2, "cipher_telegrams": 3, "outgoing": 3}


def writer_for(actor: Any) -> Any:
    """Someone who may write every register at every level (the test office's one clerk for all posts)."""
    return replace(actor, roles=frozenset(Role), clearance=SecretLevel.TOP_SECRET)


def _book(path: Any, header: list[str], rows: list[list[Any]]) -> Any:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def build(services: Any, w: Any, clerk: Any, tmp_path: Any) -> None:
    reg = services.registers

    def add(key: str, voided: bool = False, **values: Any) -> Any:
        rec = reg.create(w, key, values)
        if voided:
            reg.void(w, key, rec.id, "重复登记")
        return rec

    secret = {"secret_level": "秘密", "secret_period": "10年", "copy_numbers": "000001"}
    confidential = {"secret_level": "机密", "secret_period": "20年", "copy_numbers": "000002"}
    top = {"secret_level": "绝密", "secret_period": "30年", "copy_numbers": "000003"}
    # 收文
    add("incoming", received_at="2025-01-01 00:00", sender="中共××市委办公室", title="一月一日的来文")
    add("incoming", received_at="2025-12-31 23:59", sender="中共××省委办公厅", title="除夕来文", **secret)
    add("incoming", received_at="2025-06-10 09:00", sender="县财政局", title="县内来文", handling_kind="阅件")
    add("incoming", received_at="2025-06-11 09:00", sender="国务院办公厅", title="机密来文", **confidential)
    add("incoming", received_at="2025-07-01 09:00", sender="中共××市委", title="绝密来文", **top)
    add("incoming", True, received_at="2025-06-15 09:00", sender="中共××市委", title="作废的来文")
    add("incoming", received_at="2024-12-31 23:59", sender="中共××市委办公室", title="上年的来文")
    add("incoming", received_at="2026-01-01 00:00", sender="中共××市委办公室", title="下年的来文")
    head = ["收文编号", "收文日期", "来文单位", "标题", "密级", "承办单位", "办理情况"]
    rows = [
        ["2025-901", "2025-03-03", "市委办公室", "导入的来文甲", "", "县委组织部", "已办结"],
        ["2025-902", "2025-04-04", "县委组织部", "导入的来文乙", "", "", ""],
        ["2024-901", "2024-05-05", "市委办公室", "导入的上年来文", "", "", "已办结"],
    ]
    assert services.importer.run(clerk, "incoming", _book(tmp_path / "收文.xlsx", head, rows)).imported == 3
    # 发文
    out = {"doc_type": "通知", "public_attr": "主动公开", "drafter": "张三", "signer": "李四"}
    add(
        "outgoing",
        prefix="县委办发",
        title="元旦发文",
        drafted_on="2024-12-30",
        signed_on="2025-01-01",
        **out,
    )
    add(
        "outgoing",
        prefix="县委办发",
        title="除夕发文",
        drafted_on="2025-12-30",
        signed_on="2025-12-31",
        **out,
    )
    draft = {k: v for k, v in out.items() if k != "signer"}
    add("outgoing", prefix="县委办发", title="未签发的稿", drafted_on="2025-05-01", **draft)
    add(
        "outgoing",
        True,
        prefix="县委办发",
        title="作废",
        drafted_on="2025-05-01",
        signed_on="2025-05-02",
        **out,
    )
    add(
        "outgoing",
        prefix="县委办函",
        title="上年发文",
        drafted_on="2024-12-30",
        signed_on="2024-12-31",
        **out,
    )
    add(
        "outgoing",
        prefix="县委办发",
        title="下年发文",
        drafted_on="2025-12-31",
        signed_on="2026-01-01",
        **out,
    )
    head = ["发文字号", "标题", "文种", "印发日期"]
    rows = [["县委办函〔2025〕7号", "导入的发文", "函", "2025-05-06"]]
    assert services.importer.run(clerk, "outgoing", _book(tmp_path / "发文.xlsx", head, rows)).imported == 1
    # 会议
    add("meetings", name="元旦大会", kind="大型会议", starts_at="2025-01-01 00:00")
    add("meetings", name="年终大会", kind="大型会议", starts_at="2025-12-31 23:00")
    add(
        "meetings",
        name="常委会",
        kind="常委会",
        starts_at="2025-06-01 09:00",
        secret_level="机密",
        secret_period="20年",
    )
    add(
        "meetings",
        name="绝密大会",
        kind="大型会议",
        starts_at="2025-07-01 09:00",
        secret_level="绝密",
        secret_period="30年",
    )
    add("meetings", True, name="作废大会", kind="大型会议", starts_at="2025-03-01 09:00")
    add("meetings", name="上年大会", kind="大型会议", starts_at="2024-12-31 09:00")
    add("meetings", name="下年大会", kind="大型会议", starts_at="2026-01-01 09:00")
    # 电报
    tg = {"priority": "平急", "counterpart": "市委办公室", "title": "电报", "copies_count": "1"}
    cipher = {"secret_level": "机密", "secret_period": "10年", "total_no": "0123", "relay_no": "4567"}
    add("plain_in", at="2025-01-01 00:00", dept_no="国办明电〔2025〕1号", **tg)
    add("plain_out", at="2025-12-31 23:59", **tg)
    add("plain_in", True, at="2025-05-05 10:00", dept_no="国办明电〔2025〕2号", **tg)
    add("plain_in", at="2024-12-31 23:59", dept_no="国办明电〔2024〕9号", **tg)
    add("plain_in", at="2026-01-01 00:00", dept_no="国办明电〔2026〕1号", **tg)
    add("cipher_in", at="2025-05-05 10:00", dept_no="省委密电〔2025〕5号", **tg, **cipher)
    add("cipher_out", at="2025-06-06 10:00", **tg, **cipher)
    top_cipher = {**cipher, "secret_level": "绝密", "secret_period": "30年"}
    add("cipher_in", at="2025-07-07 10:00", dept_no="省委密电〔2025〕6号", **tg, **top_cipher)
    # 信息报送
    info = {"unit": "县农业农村局", "author": "黄婷", "category": "动态"}
    add("info_submissions", submitted_on="2025-01-01", title="甲", adoption_text="市委办公室采用", **info)
    add("info_submissions", submitted_on="2025-12-31", title="乙", **info)
    add("info_submissions", submitted_on="2025-06-01", title="丙", adoption_text="省委办公厅采用",
        secret_level="机密", secret_period="10年", **info)  # fmt: skip
    add("info_submissions", submitted_on="2025-07-01", title="丁", adoption_text="市委办公室采用",
        secret_level="绝密", secret_period="30年", **info)  # fmt: skip
    add("info_submissions", True, submitted_on="2025-03-01", title="作废", **info)
    add("info_submissions", submitted_on="2024-12-31", title="上年", **info)
    add("info_submissions", submitted_on="2026-01-01", title="下年", **info)
    # 督办
    add("supervision_items", received_on="2025-01-01", source="市委督办", content="元旦督办")
    add("supervision_items", received_on="2025-12-31", source="市委督办", content="除夕督办")
    done = add("supervision_items", received_on="2025-06-01", source="市委督办", content="办结的督办")
    wf = services.workflow
    wf.run(w, "supervision_items", done.id, "assign", {"lead_unit": "县财政局", "deadline": "2025-06-30"})
    wf.run(w, "supervision_items", done.id, "feedback", {"final": "yes", "progress": "已完成"})
    wf.run(w, "supervision_items", done.id, "close", {"result": "已办结"})
    add("supervision_items", received_on="2025-03-03", source="县委交办", content="县委交办")
    add("supervision_items", received_on="2025-04-04", source="市委督办", content="绝密督办",
        secret_level="绝密", secret_period="30年")  # fmt: skip
    add("supervision_items", True, received_on="2025-05-05", source="市委督办", content="作废")
    add("supervision_items", received_on="2024-12-31", source="市委督办", content="上年")
    add("supervision_items", received_on="2026-01-01", source="市委督办", content="下年")
    # 信访
    svc = services.service("reception")
    person = {"petitioner": "张桂兰", "township": "城关镇", "category": "土地征收", "summary": "征地补偿"}
    svc.register(w, {**person, "registered_on": "2025-01-01", "channel": "来信"})
    svc.register(w, {**person, "registered_on": "2025-12-31", "channel": "来访", "persons": 3})
    closed = svc.register(w, {**person, "registered_on": "2025-06-01", "channel": "来访", "persons": 2})
    for step, values in (
        ("accept", {"accepted_on": "2025-06-03", "handling": "直接办理"}),
        ("reply", {"replied_on": "2025-06-20", "reply_result": "解释", "reply_text": "已解释"}),
        ("visit", {"visited_on": "2025-06-25", "satisfaction": "满意"}),
        ("close", {"closed_on": "2025-06-26"}),
    ):
        wf.run(w, "petitions", closed.id, step, values)
    voided = svc.register(w, {**person, "registered_on": "2025-02-02", "channel": "来信"})
    reg.void(w, "petitions", voided.id, "重复登记")
    svc.register(w, {**person, "registered_on": "2024-12-31", "channel": "来信"})
    svc.register(w, {**person, "registered_on": "2026-01-01", "channel": "来信"})
    # 公务接待
    guest = {"guest_unit": "市委办公室", "purpose": "督查", "persons": 2}
    add("receptions", arrive_on="2025-01-01", leave_on="2025-01-01", guest_level="省级", **guest)
    add("receptions", arrive_on="2025-12-31", leave_on="2025-12-31", guest_level="市级", **guest)
    add("receptions", arrive_on="2025-06-01", leave_on="2025-06-01", guest_level="县级", **guest)
    add("receptions", True, arrive_on="2025-05-01", leave_on="2025-05-01", guest_level="市级", **guest)
    add("receptions", arrive_on="2024-12-31", leave_on="2024-12-31", guest_level="市级", **guest)
    add("receptions", arrive_on="2026-01-01", leave_on="2026-01-01", guest_level="省级", **guest)
    # 调研与文稿
    for kind, day, void in (
        ("调研", "2025-01-01", False),
        ("调研", "2025-12-31", False),
        ("座谈会", "2025-06-01", False),
        ("调研", "2025-03-03", True),
        ("调研", "2024-12-31", False),
        ("调研", "2026-01-01", False),
    ):
        add("research_activities", void, kind=kind, held_on=day, subject="乡村振兴")
    for day in ("2025-01-01", "2025-12-31", "2024-12-31", "2026-01-01"):
        add("research_topics", title=f"课题{day}", lead="孙丽", started_on=day)
    for level, journal, day in (
        ("省级", "《党建研究》", "2025-03-01"),
        ("市级", "《市委通讯》", "2025-12-31"),
        ("县级", "《简报》", "2025-06-01"),
        ("省级", "《党建研究》", "2024-12-31"),
    ):
        add(
            "research_articles",
            title=f"{level}文章",
            authors="孙丽",
            finished_on=day,
            level=level,
            journal=journal,
        )
    for kind, day, void in (
        ("讲话", "2025-01-01", False),
        ("讲话", "2025-07-01", False),
        ("工作报告", "2025-12-31", False),
        ("讲话", "2025-08-01", True),
        ("讲话", "2026-01-01", False),
    ):
        add("drafts", void, kind=kind, title="讲话稿", drafter="马骏", requested_on=day)
    # 值班记录
    log = {"kind": "来电", "content": "来电", "recorder": "陈强"}
    add("duty_log", at="2025-01-01 00:00", **log)
    add("duty_log", at="2025-12-31 23:59", **log)
    add("duty_log", at="2025-06-01 10:00", secret_level="机密", secret_period="10年", **log)
    add("duty_log", at="2025-07-01 10:00", secret_level="绝密", secret_period="30年", **log)
    add("duty_log", True, at="2025-08-01 10:00", **log)
    add("duty_log", at="2024-12-31 23:59", **log)
    add("duty_log", at="2026-01-01 00:00", **log)
