"""Demo data for the 电报 area: a year like the office's own summary (489 明传, 95 密码), with copies,
leaders' readings, 清退 and one destruction batch. Deterministic from the rng it is given."""

from __future__ import annotations

import random
import re
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from app.areas.telegrams.registers import CIPHER_IN, CIPHER_OUT, INCOMING, PLAIN_IN, PLAIN_OUT
from app.domain.enums import SecretLevel, TelegramPriority
from app.kit.registers.numbering import next_seq
from app.services import audit
from db.models.copies import Copy, CopyStep, DestructionBatch
from db.models.telegrams import Telegram

if TYPE_CHECKING:
    from app.services.container import Services

COUNTS = {PLAIN_IN: 402, PLAIN_OUT: 87, CIPHER_IN: 78, CIPHER_OUT: 17}  # 489 明传 + 95 密码
SENDERS = [
    ("国务院办公厅", "国办明电"),
    ("省委办公厅", "省委办明电"),
    ("省政府办公厅", "省政办明电"),
    ("市委办公室", "市委办明电"),
    ("市政府办公室", "市政办明电"),
    ("省应急管理厅", "省应急明电"),
    ("省防汛抗旱指挥部", "省防指明电"),
    ("市委组织部", "市组明电"),
]
CIPHER_SENDERS = [
    ("中共中央办公厅", "中办密电"),
    ("省委办公厅", "省委办密电"),
    ("市委办公室", "市委办密电"),
    ("省委组织部", "省组密电"),
]
RECIPIENTS = ["市委办公室", "市政府办公室", "市委组织部", "市应急管理局", "各乡镇党委、政府", "市委政法委"]
SUBJECTS = [
    "防汛抗旱",
    "森林防灭火",
    "安全生产",
    "寒潮防范",
    "春节期间值班值守",
    "疫情防控",
    "秋粮收购",
    "信访维稳",
    "重大活动安全保障",
    "地质灾害防范",
    "道路交通安全",
    "冬春火灾防控",
    "耕地保护",
    "河湖长制",
    "乡村振兴",
    "环保督察整改",
    "极端天气应对",
    "干部教育培训",
]
FORMS = [
    "关于做好{}工作的紧急通知",
    "关于进一步加强{}工作的通知",
    "关于{}有关情况的通报",
    "关于报送{}情况的通知",
    "关于切实抓好{}工作的电报",
]
HANDLERS = ["县应急管理局", "县委组织部", "县公安局", "县农业农村局", "县自然资源局", "县信访局", "县卫健局"]
LEADERS = ["周振荣", "吴建国", "郑海波", "冯志远", "何晓东"]
INSTRUCTIONS = [
    "请{}牵头抓好落实。",
    "已阅，请按要求认真落实，及时报告情况。",
    "请相关单位高度重视，迅速部署。",
    "请办公室跟踪督办，按时报送。",
]
PRIORITY_WEIGHTS = [
    (TelegramPriority.ORDINARY, 55),
    (TelegramPriority.URGENT, 30),
    (TelegramPriority.EXTRA_URGENT, 12),
    (TelegramPriority.FLASH, 3),
]
LEVEL_WEIGHTS = [(SecretLevel.SECRET, 50), (SecretLevel.CONFIDENTIAL, 40), (SecretLevel.TOP_SECRET, 10)]


def _pick(rng: random.Random, weighted: list[tuple[Any, int]]) -> Any:
    return rng.choices([w[0] for w in weighted], [w[1] for w in weighted])[0]


def _moment(rng: random.Random, year: int, last: date) -> datetime:
    start = date(year, 1, 1)
    span = max((last - start).days, 0)
    day = start + timedelta(days=rng.randint(0, span))
    return datetime.combine(day, time(rng.randint(8, 18), rng.choice([0, 10, 20, 30, 40, 50])))


def _values(rng: random.Random, key: str, at: datetime, out_seq: int) -> dict[str, Any]:
    cipher = key in (CIPHER_IN, CIPHER_OUT)
    incoming = key in INCOMING
    subject = rng.choice(SUBJECTS)
    if incoming:
        unit, code = rng.choice(CIPHER_SENDERS if cipher else SENDERS)
        dept_no = f"{code}〔{at.year}〕{rng.randint(1, 300)}号"
    else:
        unit = rng.choice(RECIPIENTS)
        dept_no = f"{'县委密电' if cipher else '县委明电'}〔{at.year}〕{out_seq}号"
    level = _pick(rng, LEVEL_WEIGHTS) if cipher else SecretLevel.NONE
    leader = rng.choice(LEADERS)
    return {
        "at": at,
        "dept_no": dept_no,
        "priority": _pick(rng, PRIORITY_WEIGHTS).value,
        "counterpart": unit,
        "title": rng.choice(FORMS).format(subject),
        "pages": rng.randint(1, 6),
        "copies_count": (rng.randint(1, 2) if cipher else rng.randint(1, 3)) if incoming else 1,
        "first_copy_no": f"{rng.randint(1, 400):06d}" if incoming else "",
        "total_no": f"{rng.randint(1000, 99999)}" if cipher else "",
        "relay_no": f"{rng.randint(100, 9999)}" if cipher and incoming else "",
        "secret_level": level.value,
        "secret_period": rng.choice(["", "10年", "5年"])
        if level is SecretLevel.SECRET
        else ("20年" if level is SecretLevel.CONFIDENTIAL else ("30年" if cipher else "")),
        "instructions": f"拟请{leader}同志阅示。" if incoming else "",
        # 领导批示 and 阅电人 are what the copies' readings say: filled in by _circulate
        "leader_remarks": "",
        "readers": "",
        "handler_unit": rng.choice(HANDLERS) if incoming else "",
        "result": "已按要求落实" if rng.random() < 0.6 else "",
        "reply_to": "",
    }


def fill(services: Services, options: dict[str, Any]) -> dict[str, int]:
    rng: random.Random = options["rng"]
    year: int = options["year"]
    actor = options["actor"](services, "lijun")
    today = date.today()
    last = min(date(year, 12, 31), today)
    ids: dict[str, list[int]] = {}
    for key, count in COUNTS.items():
        moments = sorted(_moment(rng, year, last) for _ in range(count))
        rows = [_values(rng, key, at, i + 1) for i, at in enumerate(moments)]
        ids[key] = services.registers.bulk_create(actor, key, rows, action="import", detail={"demo": True})
    stats = _circulate(services, actor, rng, ids, today)
    return {
        "明传电报": COUNTS[PLAIN_IN] + COUNTS[PLAIN_OUT],
        "密码电报": COUNTS[CIPHER_IN] + COUNTS[CIPHER_OUT],
        **stats,
    }


def _circulate(
    services: Services, actor: Any, rng: random.Random, ids: dict[str, list[int]], today: date
) -> dict[str, int]:
    """Readings through the secretary, returns (cipher copies the same day, except the last few) and one
    destruction batch of the first half year's returned cipher copies — one transaction."""
    steps = returned = destroyed = 0
    with services.db.write() as s:
        incoming = ids[PLAIN_IN] + ids[CIPHER_IN]
        sent_at: dict[int, datetime] = {
            i: at
            for i, at in s.execute(select(Telegram.id, Telegram.at).where(Telegram.id.in_(incoming)))
            if at is not None  # every demo telegram has its time
        }
        by_key: dict[str, list[Copy]] = defaultdict(list)
        for c in s.scalars(
            select(Copy).where(Copy.register.in_([PLAIN_IN, CIPHER_IN]), Copy.record_id.in_(incoming))
        ):
            by_key[c.register].append(c)
        to_destroy: list[Copy] = []
        telegrams = {t.id: t for t in s.scalars(select(Telegram).where(Telegram.id.in_(incoming)))}
        read_by: dict[int, list[str]] = defaultdict(list)
        remarks: dict[int, list[str]] = defaultdict(list)
        for key, copies in by_key.items():
            for c in copies:
                at = sent_at[c.record_id]
                moment = at + timedelta(minutes=rng.randint(10, 60))
                fresh = (today - at.date()).days < 3
                telegram = telegrams[c.record_id]
                # the leader the 批办 names reads first, then one or two others
                named = re.search(r"拟请(.+?)同志", telegram.instructions or "")
                first = named.group(1) if named else rng.choice(LEADERS)
                others = [x for x in LEADERS if x != first]
                readers = [first, *rng.sample(others, rng.randint(0, 2))]
                for n, reader in enumerate(readers):
                    if fresh and n == len(readers) - 1 and rng.random() < 0.5:
                        c.steps.append(CopyStep(reader=reader, sent_at=moment, sent_by=actor.name))
                        c.holder = reader  # still being read
                        steps += 1
                        if reader not in read_by[c.record_id]:
                            read_by[c.record_id].append(reader)
                        break
                    back = moment + timedelta(minutes=rng.randint(20, 150))
                    instruct = rng.random() < 0.3
                    remark = (
                        rng.choice(INSTRUCTIONS).format(telegram.handler_unit or "有关单位")
                        if instruct
                        else ""
                    )
                    c.steps.append(
                        CopyStep(
                            reader=reader,
                            sent_at=moment,
                            sent_by=actor.name,
                            taken_back_at=back,
                            taken_back_by=actor.name,
                            remark_kind="instruction" if instruct else "circle",
                            remark=remark,
                        )
                    )
                    if reader not in read_by[c.record_id]:
                        read_by[c.record_id].append(reader)
                    if remark and f"{reader}：{remark}" not in remarks[c.record_id]:
                        remarks[c.record_id].append(f"{reader}：{remark}")
                    c.holder = actor.name
                    moment = back + timedelta(minutes=rng.randint(5, 30))
                    steps += 1
                if c.steps[-1].taken_back_at and (key == CIPHER_IN and not fresh or rng.random() < 0.3):
                    c.returned_at = moment + timedelta(minutes=30)
                    c.returned_by, c.received_by, c.holder = actor.name, "市委机要局", "市委机要局"
                    returned += 1
                    if key == CIPHER_IN and at.month <= 6:
                        to_destroy.append(c)
        for rid, telegram in telegrams.items():  # the register says what the copies say
            telegram.readers = "、".join(read_by.get(rid, []))
            telegram.leader_remarks = "；".join(remarks.get(rid, []))
            key = telegram.series
            services.registers.reindex(s, services.catalog.get(key), telegram)
        if to_destroy:
            day = date(min(sent_at[c.record_id] for c in to_destroy).year, 7, 15)
            seq = next_seq(s, "destruction_batches", day.year)
            batch = DestructionBatch(
                number=f"销〔{day.year}〕{seq}号",
                year=day.year,
                seq=seq,
                listed_by=actor.name,
                approver="周振荣",
                witness1="李军",
                witness2="王芳",
                destroyed_on=day,
                method="碎纸机粉碎",
                note="上半年已清退密码电报",
                created_at=datetime.now(),
                created_by=actor.login,
            )
            s.add(batch)
            s.flush()
            for c in to_destroy:
                c.destruction_id, c.holder = batch.id, ""
            destroyed = len(to_destroy)
        audit.record(
            s,
            actor,
            "import",
            "copies",
            "",
            detail={"demo": True, "steps": steps, "returned": returned, "destroyed": destroyed},
        )
    return {"阅电记录": steps, "清退份数": returned, "销毁份数": destroyed}
