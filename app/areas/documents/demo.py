"""A realistic demo year of 收发文 (the office's summary: 802 documents received, 63 issued), deterministic
from the random generator handed in, written in one transaction per register so it takes seconds."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from app.areas.documents.archive import FONDS_SETTING, archive_number
from app.areas.documents.registers import (
    INCOMING,
    OUTGOING,
    DocState,
    HandlingKind,
    OutState,
    Retention,
)
from app.domain.enums import DocType, SecretLevel, Urgency
from app.kit.registers.numbering import next_seq
from app.kit.workflow.pieces import UrgeMethod
from app.services.settings import get_value, set_value
from db.models.workflow import Instruction, StepEvent, Urge

if TYPE_CHECKING:
    from app.services.container import Services

RECEIVED, ISSUED = 802, 63
SENDERS = [
    ("中共××市委办公室", "市委办发"),
    ("中共××市委办公室", "市委办函"),
    ("××市人民政府办公室", "市政办发"),
    ("中共××市委", "市委发"),
    ("中共××市委组织部", "市组通"),
    ("中共××市委宣传部", "市宣发"),
    ("××市纪委监委", "市纪发"),
    ("中共××市委政法委员会", "市政法发"),
    ("××市应急管理局", "市应急发"),
    ("××市生态环境局", "市环发"),
    ("县委组织部", "县组发"),
    ("县委宣传部", "县宣发"),
    ("县人民政府办公室", "县政办发"),
    ("县发展和改革局", "县发改发"),
    ("县财政局", "县财发"),
    ("县教育局", "县教发"),
    ("县卫生健康局", "县卫健发"),
    ("县农业农村局", "县农发"),
    ("××镇党委", "×镇党发"),
    ("××乡党委", "×乡党发"),
    ("县信访局", "县信发"),
]
SUBJECTS = [
    "做好春季森林防火工作",
    "开展安全生产大检查",
    "加强汛期值班值守",
    "做好元旦春节期间有关工作",
    "深化党纪学习教育",
    "推进乡村振兴重点工作",
    "开展作风建设专项整治",
    "做好高温天气防范应对",
    "加强基层党组织建设",
    "做好年度目标考核",
    "开展矛盾纠纷排查化解",
    "做好秋冬季疫病防控",
    "加强耕地保护和粮食安全",
    "推进营商环境优化提升",
    "做好重要节点信访维稳",
    "开展燃气安全专项整治",
    "做好防汛抗旱工作",
    "加强意识形态工作",
    "做好财政预算执行",
    "推进河湖长制工作",
    "开展国家安全教育日活动",
    "做好干部教育培训",
    "加强保密工作",
    "做好统计调查工作",
]
FORMS = [
    ("关于", "的通知", DocType.NOTICE),
    ("关于", "的意见", DocType.OPINION),
    ("关于", "情况的通报", DocType.CIRCULAR),
    ("关于", "的函", DocType.LETTER),
    ("关于", "有关事项的批复", DocType.REPLY),
    ("关于", "工作情况的报告", DocType.REPORT),
]
UNITS = [
    "县委办公室",
    "县政府办公室",
    "县应急管理局",
    "县农业农村局",
    "县教育局",
    "县卫生健康局",
    "县发展和改革局",
    "县林业局",
    "县水利局",
    "县公安局",
    "县委组织部",
    "县委宣传部",
    "县信访局",
]
INSTRUCTIONS = [
    "请分管领导阅示，相关部门抓好落实。",
    "同意拟办意见。",
    "请{unit}牵头研究落实，及时报告进展情况。",
    "阅。请办公室跟踪督办。",
    "此事重要，请认真贯彻，按时限要求完成。",
    "请各位常委传阅。",
]


def _when(year: int, day_of_year: int, rng: Any) -> datetime:
    return datetime.combine(
        date(year, 1, 1) + timedelta(days=day_of_year), time(rng.randint(8, 17), rng.choice([0, 15, 30, 45]))
    )


def _event(s: Any, register: str, rid: int, step: str, at: datetime, who: Any, detail: dict) -> None:
    s.add(
        StepEvent(
            register=register,
            record_id=rid,
            step=step,
            at=at,
            actor_login=who.login,
            actor_name=who.name,
            after=json.dumps(
                {k: v for k, v in detail.items() if k != "reason"}, ensure_ascii=False, default=str
            ),
            reason=detail.get("reason", ""),
        )
    )


def fill(services: Services, options: Any) -> dict[str, int]:
    from app.demo import LEADERS

    year, rng = options["year"], options["rng"]
    clerk = options["actor"](services, "lijun")  # 机要 + 收发文, cleared for every level
    today = date.today()
    regs = services.registers
    with services.db.write() as s:
        if not get_value(s, FONDS_SETTING):
            set_value(s, FONDS_SETTING, "J012")
        fonds = get_value(s, FONDS_SETTING)
        # a year up to today when it is the current year: nothing received or issued in the future
        last = min(360, (today - date(year, 1, 1)).days) if year == today.year else 360
        days = sorted(rng.randrange(0, max(last, 1)) for _ in range(RECEIVED))
        for d in days:
            at = _when(year, d, rng)
            sender, code = rng.choice(SENDERS)
            head, tail, kind = rng.choice(FORMS)
            level = rng.choices(list(SecretLevel), [85, 10, 4, 1])[0]
            urgency = rng.choices(list(Urgency), [80, 15, 5])[0]
            act = rng.random() < 0.55
            due = (at.date() + timedelta(days=rng.choice([3, 5, 7, 10, 15, 30]))) if act else None
            values = {
                "received_at": at,
                "received_by": clerk.name,
                "sender": sender,
                "sender_number": f"{code}〔{year}〕{rng.randint(1, 180)}号",
                "title": f"{head}{rng.choice(SUBJECTS)}{tail}",
                "doc_type": kind.value,
                "urgency": urgency.value,
                "copies": rng.choice([1, 1, 1, 2, 3]),
                "copy_numbers": f"{rng.randint(1, 300):06d}" if level.is_classified else "",
                "pages": rng.randint(1, 24),
                "attachments": rng.choice(["", "", "附件1份", "附件2份"]),
                "handling_kind": (HandlingKind.ACT if act else HandlingKind.READ).value,
                "due_on": due,
                "lead_unit": rng.choice(UNITS) if act else "",
                "assist_units": "",
                "readers": "",
                "note": "",
                "secret_level": level.value,
                "secret_period": ""
                if not level.is_classified
                else f"{rng.choice([1, 5, level.max_period_years])}年",
            }
            obj = regs.create_in(s, clerk, INCOMING, values, extra={"state": DocState.REGISTERED.value})
            _event(s, "incoming", obj.id, "sign", at, clerk, {"received_by": clerk.name})
            _event(s, "incoming", obj.id, "register", at, clerk, {})
            _advance_incoming(s, obj, at, act, rng, clerk, LEADERS, today, fonds)
            regs.reindex(s, INCOMING, obj)
    with services.db.write() as s:
        last = min(355, (today - date(year, 1, 1)).days - 6) if year == today.year else 355
        issued_days = sorted(rng.randrange(0, max(last, 1)) for _ in range(ISSUED))
        for d in issued_days:
            drafted = date(year, 1, 1) + timedelta(days=d)
            signed = drafted + timedelta(days=rng.randint(1, 4))
            prefix, kind = rng.choices(
                [("县委办发", DocType.NOTICE), ("县委办函", DocType.LETTER), ("县委办", DocType.REPORT)],
                [60, 25, 15],
            )[0]
            level = rng.choices([SecretLevel.NONE, SecretLevel.SECRET], [90, 10])[0]
            n = rng.choice([20, 30, 45, 60])
            values = {
                "prefix": prefix,
                "doc_type": kind.value,
                "title": f"关于{rng.choice(SUBJECTS)}的{kind.label}",
                "urgency": rng.choices(list(Urgency), [85, 12, 3])[0].value,
                "public_attr": "not_public" if level.is_classified else rng.choice(["public", "not_public"]),
                "nonpublic_reason": "涉及工作秘密",
                "issuer": "中共××县委办公室",
                "issuer_mark": "" if kind is DocType.LETTER else "中共××县委办公室文件",
                "main_to": "各乡镇党委，县委各部委办，县直各单位党组（党委）"
                if kind is not DocType.REPORT
                else "中共××市委办公室",
                "cc": "县人大常委会办公室，县政府办公室，县政协办公室",
                "internal": "",
                "attachments": "",
                "drafting_unit": rng.choice(["综合科", "秘书科", "督查室"]),
                "drafter": rng.choice(["王芳", "陈强", "刘洋", "孙丽"]),
                "drafted_on": drafted,
                "checker": "张建华",
                "check_opinion": "已核",
                "countersign": "",
                "signer": rng.choice(LEADERS),
                "sign_opinion": "同意",
                "signed_on": signed,
                "written_on": signed,
                "issued_on": signed + timedelta(days=1),
                "print_copies": n,
                "copy_from": 1 if level.is_classified else None,
                "copy_to": n if level.is_classified else None,
                "body": "",
                "note": "",
                "secret_level": level.value,
                "secret_period": "5年" if level.is_classified else "",
            }
            obj = regs.create_in(s, clerk, OUTGOING, values)
            obj.reviewer, obj.review_opinion, obj.state = "张建华", "程序完备", OutState.ISSUED.value
            obj.distribution = f"{values['issued_on']} 机要交换站送出{n - 5}份，存档5份（{clerk.name}）"
            for step in ("draft", "check", "approve", "review", "issue"):
                _event(s, "outgoing", obj.id, step, datetime.combine(signed, time(10)), clerk, {})
            if signed < today - timedelta(days=60):
                item = next_seq(s, f"archive:{fonds}:D30:", year)
                obj.archive_no, obj.retention, obj.archived_on = (
                    archive_number(fonds, year, "D30", item),
                    "D30",
                    signed + timedelta(days=30),
                )
                obj.state = OutState.ARCHIVED.value
            regs.reindex(s, OUTGOING, obj)
    return {"收文": RECEIVED, "发文": ISSUED}


def _advance_incoming(
    s: Any,
    obj: Any,
    at: datetime,
    act: bool,
    rng: Any,
    clerk: Any,
    leaders: list[str],
    today: date,
    fonds: str,
) -> None:
    """Take a registered document as far along as its age makes plausible: 拟办, 批示, 承办, 办结, 归档."""
    age = (today - at.date()).days
    if rng.random() < 0.02:
        obj.state, obj.return_reason = DocState.RETURNED.value, "不符合行文规则，请按程序报送"
        _event(s, "incoming", obj.id, "return", at, clerk, {"reason": obj.return_reason})
        return
    obj.proposal = (
        "建议呈" + rng.choice(leaders) + "同志阅示" + (f"，由{obj.lead_unit}牵头办理。" if act else "。")
    )
    obj.proposal_by, obj.proposal_on, obj.state = clerk.name, at.date(), DocState.PROPOSED.value
    _event(s, "incoming", obj.id, "propose", at, clerk, {"text": obj.proposal})
    for leader in rng.sample(leaders, rng.choice([0, 1, 1, 2])):
        text = rng.choice(INSTRUCTIONS).format(unit=obj.lead_unit or "有关部门")
        when = at.date() + timedelta(days=rng.randint(0, 2))
        s.add(
            Instruction(
                register="incoming",
                record_id=obj.id,
                leader=leader,
                text=text,
                given_on=when,
                recorded_by=clerk.login,
                recorded_at=datetime.combine(when, time(16)),
            )
        )
        obj.state = DocState.INSTRUCTED.value
        _event(s, "incoming", obj.id, "instruct", datetime.combine(when, time(16)), clerk, {"leader": leader})
    if act:
        obj.state = DocState.HANDLING.value
        # most work is finished on time; a few recent items stay open past their deadline (overdue list)
        finished = obj.due_on is not None and obj.due_on < today and rng.random() < 0.93
        if obj.due_on and obj.due_on < today and not finished and rng.random() < 0.6:
            s.add(
                Urge(
                    register="incoming",
                    record_id=obj.id,
                    method=rng.choice(list(UrgeMethod)).value,
                    urged_on=obj.due_on,
                    person=clerk.name,
                    target=obj.lead_unit,
                    note="已电话提醒，承办单位称正在办理",
                    recorded_by=clerk.login,
                    recorded_at=datetime.combine(obj.due_on, time(9)),
                )
            )
        if finished:
            done = min(obj.due_on, today)
            obj.result, obj.done_on, obj.state = (
                "已按要求办理完毕，情况已报县委办。",
                done,
                DocState.DONE.value,
            )
            _event(s, "incoming", obj.id, "finish", datetime.combine(done, time(17)), clerk, {})
    elif age > 3:
        obj.state = DocState.DONE.value
        obj.result, obj.done_on = "已阅", at.date() + timedelta(days=1)
    if obj.state == DocState.DONE.value and age > 45 and rng.random() < 0.7:
        code = rng.choices([r.value for r in Retention], [20, 50, 30])[0]
        item = next_seq(s, f"archive:{fonds}:{code}:", obj.year)
        obj.archive_no, obj.retention = archive_number(fonds, obj.year, code, item), code
        obj.archived_on, obj.state = at.date() + timedelta(days=40), DocState.ARCHIVED.value
        _event(
            s,
            "incoming",
            obj.id,
            "archive",
            datetime.combine(obj.archived_on, time(10)),
            clerk,
            {"archive_no": obj.archive_no},
        )
