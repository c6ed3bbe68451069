"""Old Excel books as offices keep them, for the registers of 会议, 来访接待 (信访/公务接待/来客), 督办, 信息报送,
值班 and 调研与文稿: a title row above the header, the office's own column names (and a column of its own
the program has no field for), dates written four ways (2025.3.5, 2025年3月5日, an Excel serial 45721,
2025/3/5) next to real date cells, rows from the neighbouring years, the book's own numbers, a state or
办理情况 column, and a few bad rows (no title, an impossible date, a number used twice).

    facts = write_book("petitions", tmp_path / "信访.xlsx")
    facts.good, facts.bad_rows, facts.numbers, facts.kept, facts.highest   # what an import must give

    python -m tests.support.legacy_books DIR     (writes every book into DIR, for trying them by hand)
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

EXCEL_EPOCH = date(1899, 12, 30)


def _serial(d: date) -> int:
    return (d - EXCEL_EPOCH).days


def written_date(d: date, i: int) -> Any:
    """The ways one book writes its dates, in turn: 2025.3.5, 2025年3月5日, 45721 (a number cell that
    lost its date format), 2025/3/5, a real date cell."""
    return (
        f"{d.year}.{d.month}.{d.day}",
        f"{d.year}年{d.month}月{d.day}日",
        _serial(d),
        f"{d.year}/{d.month}/{d.day}",
        d,
    )[i % 5]


def written_time(t: datetime, i: int) -> Any:
    hm = f"{t.hour}:{t.minute:02d}"
    return (
        f"{t.year}.{t.month}.{t.day} {hm}",
        f"{t.year}年{t.month}月{t.day}日 {hm}",
        round(_serial(t.date()) + (t.hour * 60 + t.minute) / 1440, 6),
        f"{t.year}/{t.month}/{t.day} {hm}",
        t,
    )[i % 5]


@dataclass(frozen=True)
class Column:
    header: str  # the office's own name for the column
    value: Callable[[random.Random, int, date], Any]  # (rng, row index, the row's date) -> cell


@dataclass(frozen=True)
class BookSpec:
    register: str
    title: str  # the title row above the header
    number: str  # the book's numbers: "信〔{year}〕{seq}号"
    number_header: str
    date_header: str
    columns: tuple[Column, ...]
    title_header: str  # the column a row cannot do without (blanked in a bad row)
    kept: str  # a column of the office's the register has no field for
    timed: bool = False  # the date column holds a date and time


def _pick(*choices: Any) -> Callable[[random.Random, int, date], Any]:
    return lambda rng, _i, _d: rng.choice(choices)


UNITS = (
    "县发展和改革局",
    "县财政局",
    "县自然资源局",
    "县住房和城乡建设局",
    "县农业农村局",
    "城关镇",
    "河西乡",
)
NAMES = ("张建国", "李秀英", "王志强", "刘桂兰", "陈明", "杨丽", "赵德才", "黄海燕")
TOPICS = ("防汛抗旱", "安全生产", "乡村振兴", "营商环境", "耕地保护", "基层党建", "信访维稳", "秋粮收购")


def _subject(prefix: str, suffix: str) -> Callable[[random.Random, int, date], str]:
    return lambda rng, i, _d: f"{prefix}{rng.choice(TOPICS)}{suffix}（{i + 1}）"


SPECS: dict[str, BookSpec] = {
    "meetings": BookSpec(
        "meetings",
        "县委办公室会议活动登记台账",
        "会〔{year}〕{seq}号",
        "会议编号",
        "召开时间",
        (
            Column("会议名称", _subject("全县", "工作会议")),
            # the book's own types (常委会议, 茶话会) are not in the type table: the import adds them
            Column("会议类别", _pick("常委会", "专题会议", "工作会议", "视频会议", "常委会议", "茶话会")),
            Column("地点", _pick("县委第一会议室", "县委第二会议室", "县行政中心大会堂")),
            Column("主办单位", _pick("县委办公室", "县政府办公室", *UNITS[:3])),
            Column("主持人", _pick(*NAMES[:4])),
            Column("参会人数", lambda rng, _i, _d: rng.randint(12, 260)),
            Column("会议记录人", _pick(*NAMES[4:])),
        ),
        "会议名称",
        "会议记录人",
        timed=True,
    ),
    "petitions": BookSpec(
        "petitions",
        "县委办公室来信来访登记簿",
        "信〔{year}〕{seq}号",
        "编号",
        "登记时间",
        (
            Column("来信来访", _pick("来信", "来访", "来电")),
            Column("姓名", _pick(*NAMES)),
            Column("住址", lambda rng, _i, _d: f"{rng.choice(UNITS[5:])}{rng.randint(1, 9)}组"),
            Column("反映问题", _subject("反映", "问题")),
            Column("问题类型", _pick("土地征收", "劳动社保", "农村农业", "城建拆迁")),
            Column("承办单位", _pick(*UNITS)),
            Column("办理情况", _pick("已办结", "办理中", "已答复")),
            Column("接访人", _pick(*NAMES[:3])),
        ),
        "反映问题",
        "接访人",
    ),
    "receptions": BookSpec(
        "receptions",
        "县委办公室公务接待登记台账",
        "接〔{year}〕{seq}号",
        "编号",
        "接待日期",
        (
            Column("来访单位", _pick("市委政研室", "省农业农村厅", "市发展改革委", "市委组织部")),
            Column("级别", _pick("省级", "市级")),
            Column("公务活动内容", _subject("", "专题调研")),
            Column("人数", lambda rng, _i, _d: rng.randint(2, 9)),
            Column("公函号", lambda rng, i, d: f"市委函〔{d.year}〕{i + 3}号"),
            # left out (write_book(..., without=("工作餐次数",))), 陪餐人数 and 餐费 break the live meal rules:
            # such rows are imported and marked 不符合现行规则
            Column("工作餐次数", lambda _rng, _i, _d: 1),
            Column("陪餐人数", lambda rng, _i, _d: rng.randint(1, 3)),
            Column("餐费", lambda rng, _i, _d: rng.choice((100, 120, 150))),  # within 60元/人次
            Column("经办人", _pick("陈强", "孙丽")),
            Column("结算方式", _pick("公务卡", "转账")),
        ),
        "公务活动内容",
        "结算方式",
    ),
    "visitors": BookSpec(
        "visitors",
        "县委大院来客登记簿",
        "{year}-{seq:05d}",
        "序号",
        "来访时间",
        (
            Column("来客姓名", _pick(*NAMES)),
            Column("工作单位", _pick(*UNITS)),
            Column("来访事由", _subject("商谈", "事宜")),
            Column("被访人", _pick("周振荣", "刘洋", "王芳")),
            Column("车牌号", lambda rng, _i, _d: f"云A{rng.randint(10000, 99999)}"),
        ),
        "来访事由",
        "车牌号",
        timed=True,
    ),
    "supervision_items": BookSpec(
        "supervision_items",
        "县委督查室督办事项台账",
        "督〔{year}〕{seq}号",
        "督办编号",
        "交办日期",
        (
            Column("督办来源", _pick("市委督办", "县委交办", "领导批示", "上级来文")),
            Column("文号", lambda rng, i, d: f"市委督〔{d.year}〕{i + 10}号"),
            Column("督办内容", _subject("推进", "工作")),
            Column("牵头单位", _pick(*UNITS)),
            Column("配合单位", _pick("", *UNITS[:2])),
            Column("责任领导", _pick(*NAMES[:4])),
            Column("完成时限", lambda _rng, i, d: written_date(d + timedelta(days=30), i + 1)),
            Column("办理进度", _pick("已办结", "办理中")),
            Column("督查员", _pick("刘洋", "孙丽")),
        ),
        "督办内容",
        "督查员",
    ),
    "info_submissions": BookSpec(
        "info_submissions",
        "县委办公室信息报送登记簿",
        "信〔{year}〕{seq}号",
        "信息编号",
        "报送时间",
        (
            Column("信息标题", _subject("我县扎实推进", "工作")),
            Column("报送单位", _pick(*UNITS)),
            Column("撰稿人", _pick(*NAMES)),
            Column("信息类别", _pick("工作动态", "经验做法", "问题反映")),
            Column("报送对象", _pick("市委办公室", "省委办公厅")),
            Column("采用情况", _pick("市委办公室采用", "未采用", "省委办公厅采用")),
            Column("字数", lambda rng, _i, _d: rng.randint(600, 2400)),
        ),
        "信息标题",
        "字数",
    ),
    "duty_log": BookSpec(
        "duty_log",
        "县委总值班室值班登记簿",
        "值〔{year}〕{seq}号",
        "编号",
        "来电时间",
        (
            Column("类别", _pick("来电", "来访", "突发事件")),
            Column("来电单位", _pick(*UNITS)),
            Column("来电人", _pick(*NAMES)),
            Column("值班内容", _subject("报告", "有关情况")),
            Column("处理结果", _pick("已报带班领导", "已转有关单位办理")),
            Column("值班员", _pick("陈强", "王芳", "李军")),
            Column("天气", _pick("晴", "小雨", "阴")),
        ),
        "值班内容",
        "天气",
        timed=True,
    ),
    "drafts": BookSpec(
        "drafts",
        "县委办公室文稿起草登记表",
        "文稿〔{year}〕{seq}号",
        "编号",
        "交办时间",
        (
            Column("文稿类型", _pick("领导讲话", "工作报告", "汇报材料")),
            Column("文稿名称", _subject("在全县", "会议上的讲话")),
            Column("服务领导", _pick("周振荣", "吴建国")),
            Column("起草人", _pick("孙丽", "李军")),
            Column("完成时间", lambda _rng, i, d: written_date(d + timedelta(days=5), i + 2)),
            Column("字数", lambda rng, _i, _d: rng.randint(3000, 12000)),
            Column("审核人", _pick("周振荣", "吴建国")),
        ),
        "文稿名称",
        "审核人",
    ),
    "research_topics": BookSpec(
        "research_topics",
        "县委政研室调研课题登记表",
        "课题〔{year}〕{seq}号",
        "课题编号",
        "立项时间",
        (
            Column("课题名称", _subject("关于", "的调研")),
            Column("负责人", _pick(*NAMES[:4])),
            Column("课题组成员", _pick("孙丽、李军", "王芳、陈明")),
            Column("进展情况", _pick("在研", "已结题")),
            Column("经费（元）", lambda rng, _i, _d: rng.randint(2, 9) * 1000),
        ),
        "课题名称",
        "经费（元）",
    ),
}


@dataclass
class BookFacts:
    """What importing the book must give."""

    path: Path
    good: int  # rows that must be imported
    bad_rows: list[int] = field(default_factory=list)  # sheet rows that must be refused (1-based)
    numbers: list[str] = field(default_factory=list)  # the kept numbers of the good rows
    highest: dict[int, int] = field(default_factory=dict)  # year -> the highest sequence kept
    kept: str = ""  # the office's own column, kept as 原表其他列


def write_book(
    register: str, path: Path, rows: int = 30, seed: int = 7, without: tuple[str, ...] = ()
) -> BookFacts:
    """An old book of ``register``: ``rows`` good rows from December 2024 to January 2026, then three bad
    ones (no title; 2025.13.45; a number already in the book). ``without`` leaves out columns by header."""
    from dataclasses import replace

    import openpyxl

    spec = SPECS[register]
    spec = replace(spec, columns=tuple(c for c in spec.columns if c.header not in without))
    rng = random.Random(f"{register}{seed}")
    headers = [spec.number_header, spec.date_header, *(c.header for c in spec.columns)]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "登记簿"
    ws.append([f"{spec.title}（2024年12月—2026年1月）"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws.append(headers)
    facts = BookFacts(path, rows, kept=spec.kept)
    start = date(2024, 12, 2)
    seqs: dict[int, int] = {}
    body: list[list[Any]] = []
    for i in range(rows):
        day = start + timedelta(days=i * 420 // rows)  # through 2025 into January 2026
        when = datetime(day.year, day.month, day.day, 8 + i % 9, (i * 7) % 60)
        seq = seqs[day.year] = seqs.get(day.year, 0) + 1 + (i % 4 == 3)  # books skip numbers (作废 …)
        number = spec.number.format(year=day.year, seq=seq)
        facts.numbers.append(number)
        facts.highest[day.year] = seq
        cells = [number, written_time(when, i) if spec.timed else written_date(day, i)]
        cells += [c.value(rng, i, day) for c in spec.columns]
        body.append(cells)
    for cells in body:
        ws.append(cells)
    title_at = headers.index(spec.title_header)
    late = date(2025, 12, 20)
    no_title = [spec.number.format(year=2025, seq=900), written_date(late, 0), *body[0][2:]]
    no_title[title_at] = ""
    bad_date = [spec.number.format(year=2025, seq=901), "2025.13.45", *body[1][2:]]
    twice = list(body[2])  # the same number again (a row copied twice)
    for n, cells in enumerate((no_title, bad_date, twice)):
        ws.append(cells)
        facts.bad_rows.append(3 + rows + n)
    wb.save(path)
    return facts


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else ".")
    out.mkdir(parents=True, exist_ok=True)
    for key, spec in SPECS.items():
        facts = write_book(key, out / f"{spec.title}.xlsx")
        print(key, facts.path, f"{facts.good} 行应导入，第{'、'.join(map(str, facts.bad_rows))}行应拒绝")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
