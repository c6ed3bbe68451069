"""Report sections of the 文电会 registers: the overview (主要数据), 收发文, 电报, 会议 and 值班. Each takes this
period's figures and the previous year's (None when that year has no records in the register)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.areas.telegrams import REGISTERS_BY_KEY
from app.areas.telegrams.registers import CIPHER_IN, CIPHER_OUT, PLAIN_IN, PLAIN_OUT
from app.printing.charts import ReportChart
from app.printing.report import ReportSection, ReportTable
from app.services.statistics.figures import Figures, KeyFigure, summary_figures
from app.services.statistics.tables import (
    NO_PREVIOUS,
    MonthSeries,
    Rate,
    category_table,
    change,
    month_chart,
    month_table,
    rate_table,
    rates_chart,
)


def charts(*items: ReportChart | None) -> tuple[ReportChart, ...]:
    return tuple(c for c in items if c is not None)


def seen(area: Any, total: int) -> Any:
    """The previous year's figures of an area only when it has records (else no 比上年)."""
    return area if area is not None and total > 0 else None


def prev_docs(prev: Figures | None) -> Any:
    d = prev.documents if prev else None
    return seen(d, (d.incoming.total + d.outgoing.total) if d else 0)


def overview(cur: Figures, prev: Figures | None, rates: list[Rate]) -> ReportSection:
    now = summary_figures(cur)
    before: Mapping[str, KeyFigure] = {k.key: k for k in summary_figures(prev)} if prev else {}
    rows = []
    for k in now:
        b = before.get(k.key)
        if k.is_rate:
            rows.append((k.label, k.text, b.text if b and b.value is not None else NO_PREVIOUS, _pp(k, b)))
        else:
            before_n = int(b.value) if b and b.value is not None and _area_has_data(prev, k.key) else None
            rows.append(
                (
                    k.label,
                    k.text,
                    NO_PREVIOUS if before_n is None or b is None else f"{before_n}{b.unit}",
                    change(int(k.value), before_n) if k.value is not None else NO_PREVIOUS,
                )
            )
    table = ReportTable(
        "表1　主要数据",
        ("指标", "本期", "上年同期", "比上年"),
        tuple(rows),
        "“—”：本账户无权查看该登记簿，或上年同期无记录，或无可计算比率的件。",
    )
    series = []
    p = cur.period
    d, t = cur.documents, cur.telegrams
    if d:
        series += [
            MonthSeries("收文", d.incoming.by_month, None),
            MonthSeries("发文", d.outgoing.by_month, None),
        ]
    if t:
        total: dict[int, int] = {}
        for months in t.by_month.values():
            for m, n in months.items():
                total[m] = total.get(m, 0) + n
        series.append(MonthSeries("电报", total, None))
    if cur.petitions:
        series.append(
            MonthSeries("信访人次", {k: v.persons for k, v in cur.petitions.by_month.items()}, None)
        )
    if cur.supervision:
        series.append(MonthSeries("督办立项", cur.supervision.by_month, None))
    if cur.information:
        series.append(MonthSeries("报送信息", {k: v[0] for k, v in cur.information.by_month.items()}, None))
    volume = month_chart("各登记簿月度数量", p, series, "件、份、人次") if len(series) > 1 else None
    return ReportSection(
        "主要数据",
        tables=(table,),
        charts=charts(volume, rates_chart("办结率、满意率与采用率", p, rates)),
    )


def _area_has_data(prev: Figures | None, key: str) -> bool:
    if prev is None:
        return False
    area = {
        "surveys": "research",
        "forums": "research",
        "topics": "research",
        "articles": "research",
        "published": "research",
        "drafts": "research",
        "outgoing": "documents",
        "incoming": "documents",
        "incoming_upper": "documents",
        "large_meetings": "meetings",
        "plain_telegrams": "telegrams",
        "cipher_telegrams": "telegrams",
        "info_submitted": "information",
        "info_adopted": "information",
        "city_supervision": "supervision",
        "petition_persons": "petitions",
        "leader_receptions": "receptions",
    }[key]
    totals = {
        "research": lambda r: sum(r.activities_by_kind.values()) + r.topics + r.articles + r.drafts,
        "documents": lambda d: d.incoming.total + d.outgoing.total,
        "meetings": lambda m: m.total,
        "telegrams": lambda t: t.total,
        "information": lambda i: i.submitted,
        "supervision": lambda s: s.total.items,
        "petitions": lambda p: p.total.cases,
        "receptions": lambda r: r.receptions,
    }
    value = getattr(prev, area)
    return value is not None and totals[area](value) > 0


def _pp(k: KeyFigure, b: KeyFigure | None) -> str:
    if b is None or b.value is None or k.value is None:
        return NO_PREVIOUS
    diff = float(k.value) - float(b.value)
    return f"{'+' if diff > 0 else ''}{diff:.1f}个百分点"


def documents(cur: Figures, prev: Figures | None) -> tuple[ReportSection, list[Rate]]:
    d, b = cur.documents, prev_docs(prev)
    assert d is not None
    i, o = d.incoming, d.outgoing
    bi, bo = (b.incoming, b.outgoing) if b else (None, None)
    p = cur.period
    month = [
        MonthSeries("收文", i.by_month, bi.by_month if bi else None),
        MonthSeries("发文", o.by_month, bo.by_month if bo else None),
    ]
    rates = [
        Rate(
            "收文办件办结率",
            i.act_done,
            i.act,
            "已办结（含已归档）的办件 ÷ 统计期内签收的办件",
            (bi.act_done, bi.act) if bi else None,
        ),
        Rate(
            "收文办件按期办结率",
            i.act_done_on_time,
            i.act_due,
            "在办理期限内办结的办件 ÷ 有办理期限的办件",
            (bi.act_done_on_time, bi.act_due) if bi else None,
        ),
    ]
    upper = sum(i.by_sender_level.get(lv, 0) for lv in ("中央", "省级", "市级"))
    top = dict(list(i.by_sender.items())[:15])
    text = (
        f"{p.noun}签收登记收文{i.total}件，其中中央、省、市级来文{upper}件；办件{i.act}件，已办结{i.act_done}件。"
        f"签发登记发文{o.total}件。收文按签收时间、发文按签发日期（导入的历史发文无签发日期的按印发或成文日期）计入统计期间。"
    )
    tables = (
        month_table("收文、发文月度数量", p, month, "件"),
        category_table(
            "收文按来文机关级别",
            "来文机关级别",
            i.by_sender_level,
            bi.by_sender_level if bi else None,
            "件",
            "级别按来文机关名称判断：中共中央、国务院及国家部委为中央，名称中最后出现的省/市/县定级，乡镇及其他为其他。",
        ),
        category_table(
            "收文主要来文机关（前15位）",
            "来文机关",
            top,
            None if bi is None else {k: bi.by_sender.get(k, 0) for k in top},
            "件",
        ),
        category_table("收文按密级", "密级", i.by_secret_level, bi.by_secret_level if bi else None, "件"),
        category_table("收文按文种", "文种", i.by_doc_type, bi.by_doc_type if bi else None, "件"),
        category_table("收文按阅件、办件", "办理类型", i.by_handling, bi.by_handling if bi else None, "件"),
        category_table("发文按机关代字", "机关代字", o.by_prefix, bo.by_prefix if bo else None, "件"),
        category_table("发文按文种", "文种", o.by_doc_type, bo.by_doc_type if bo else None, "件"),
        category_table("发文按密级", "密级", o.by_secret_level, bo.by_secret_level if bo else None, "件"),
        rate_table("收文办理情况", rates),
    )
    return ReportSection(
        "收发文", (text,), tables, charts(month_chart("收文、发文月度数量", p, month, "件"))
    ), rates


def telegrams(cur: Figures, prev: Figures | None) -> ReportSection:
    t = cur.telegrams
    assert t is not None
    b = seen(prev.telegrams if prev else None, prev.telegrams.total if prev and prev.telegrams else 0)
    p = cur.period
    names = [REGISTERS_BY_KEY[k].title for k in (PLAIN_IN, PLAIN_OUT, CIPHER_IN, CIPHER_OUT)]
    visible = [n for n in names if n in t.by_register]
    month = [MonthSeries(n, t.by_month.get(n, {}), b.by_month.get(n, {}) if b else None) for n in visible]

    def by(attr: str, stats: Any) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in stats.rows:
            out[getattr(r, attr)] = out.get(getattr(r, attr), 0) + r.count
        return out

    plain = cur.telegram_count(PLAIN_IN, PLAIN_OUT)
    cipher = cur.telegram_count(CIPHER_IN, CIPHER_OUT)
    parts = [f"{n}{t.by_register[n]}份" for n in visible]
    text = f"{p.noun}登记电报{t.total}份：{'，'.join(parts)}。" + (
        "" if plain is not None and cipher is not None else "本账户只可查看其中的部分登记簿，其余未统计。"
    )
    tables = (
        month_table("电报月度数量", p, month, "份"),
        category_table(
            "电报按登记簿", "登记簿", dict(t.by_register), dict(b.by_register) if b else None, "份"
        ),
        category_table("电报按等级", "等级", by("priority", t), by("priority", b) if b else None, "份"),
        category_table(
            "电报按密级", "密级", by("secret_level", t), by("secret_level", b) if b else None, "份"
        ),
    )
    return ReportSection("电报", (text,), tables, charts(month_chart("电报月度数量", p, month, "份")))


def meetings(cur: Figures, prev: Figures | None) -> tuple[ReportSection, list[Rate]]:
    m = cur.meetings
    assert m is not None
    b = seen(prev.meetings if prev else None, prev.meetings.total if prev and prev.meetings else 0)
    p = cur.period
    month = [MonthSeries("会议", m.by_month, b.by_month if b else None)]
    rates = [
        Rate(
            "参会率",
            m.present,
            m.expected,
            "实到人数 ÷ 应到人数（有参会名单的会议，出席和列席人员，不含工作人员）",
            (b.present, b.expected) if b else None,
        )
    ]
    text = (
        f"{p.noun}召开会议{m.total}次，其中大型会议{m.large}次（会议类型在系统设置中标为大型会议的），"
        f"参会{m.participants}人次。"
    )
    tables = (
        month_table("会议月度数量", p, month, "次"),
        category_table("会议按类型", "会议类型", m.by_kind, b.by_kind if b else None, "次"),
        rate_table("会议出席情况", rates),
    )
    return ReportSection("会议", (text,), tables, charts(month_chart("会议月度数量", p, month, "次"))), rates


def duty(cur: Figures, prev: Figures | None) -> ReportSection:
    du = cur.duty
    assert du is not None
    b = seen(
        prev.duty if prev else None,
        (prev.duty.days + sum(prev.duty.log_by_kind.values())) if prev and prev.duty else 0,
    )
    p = cur.period
    text = (
        f"{p.noun}安排值班{du.days}天（其中节假日{du.holiday_days}天），领导带班{du.leader_shifts}班次，"
        f"干部值班{du.staff_shifts}人次；登记值班记录{sum(du.log_by_kind.values())}条，其中突发事件{du.emergencies}起。"
    )
    month = [MonthSeries("值班记录", du.by_month, b.by_month if b else None)]
    tables = (
        month_table("值班记录月度数量", p, month, "条"),
        category_table("值班记录按类型", "类型", du.log_by_kind, b.log_by_kind if b else None, "条"),
    )
    return ReportSection("值班", (text,), tables)
