"""Report sections of the 信访, 公务接待, 督办, 信息报送 and 调研与文稿 registers, with their rates (each with its
definition) and the change against the previous year when that year has records."""

from __future__ import annotations

from app.printing.report import ReportSection, ReportTable
from app.services.statistics.figures import CITY, Figures
from app.services.statistics.sections_docs import charts, seen
from app.services.statistics.tables import (
    MonthSeries,
    Rate,
    category_table,
    month_chart,
    month_table,
    rate_table,
    rate_text,
    rates_chart,
)


def petitions(cur: Figures, prev: Figures | None) -> tuple[ReportSection, list[Rate]]:
    pe = cur.petitions
    assert pe is not None
    b = seen(prev.petitions if prev else None, prev.petitions.total.cases if prev and prev.petitions else 0)
    p, t = cur.period, pe.total
    bt = b.total if b else None

    def persons(stats: object) -> dict[int, int]:
        return {k: v.persons for k, v in stats.by_month.items()}  # type: ignore[attr-defined]

    def cases(groups: object) -> dict[str, int]:
        return {k or "（未填）": v.cases for k, v in groups.items()}  # type: ignore[attr-defined]

    month = [MonthSeries("来信来访人次", persons(pe), persons(b) if b else None)]
    rates = [
        Rate(
            "信访办结率",
            t.closed,
            t.cases,
            "已办结的信访件 ÷ 统计期内登记的信访件",
            (bt.closed, bt.cases) if bt else None,
        ),
        Rate(
            "信访满意率",
            t.satisfied,
            t.rated,
            "评价为满意或基本满意的件 ÷ 已作满意度评价的件",
            (bt.satisfied, bt.rated) if bt else None,
        ),
        Rate(
            "按期受理率",
            t.decided_on_time,
            t.decided,
            "在法定期限内告知受理与否的件 ÷ 已告知的件（《信访工作条例》15日）",
            (bt.decided_on_time, bt.decided) if bt else None,
        ),
        Rate(
            "按期办结率",
            t.replied_on_time,
            t.replied,
            "在法定期限内出具处理意见的件 ÷ 已出具的件（60日，延期照计）",
            (bt.replied_on_time, bt.replied) if bt else None,
        ),
    ]
    text = (
        f"{p.noun}登记信访件{t.cases}件，接待群众来信来访{t.persons}人次：来信{t.letters}件，来访{t.visit_batches}批"
        f"{t.visit_persons}人次（其中集体访{t.group_batches}批{t.group_persons}人次），来电{t.calls}件。"
        "来信来访人次＝来信件数＋来访人次。"
    )
    tables = (
        month_table("来信来访人次月度数量", p, month, "人次"),
        category_table(
            "信访件按渠道", "渠道", cases(pe.by_channel), cases(b.by_channel) if b else None, "件"
        ),
        category_table(
            "信访件按问题类别", "问题类别", cases(pe.by_category), cases(b.by_category) if b else None, "件"
        ),
        category_table(
            "信访件按属地", "乡镇（部门）", cases(pe.by_township), cases(b.by_township) if b else None, "件"
        ),
        rate_table("信访办理情况", rates),
    )
    chart = charts(
        month_chart("来信来访人次月度数量", p, month, "人次"), rates_chart("信访办结率与满意率", p, rates)
    )
    return ReportSection("信访", (text,), tables, chart), rates


def receptions(cur: Figures, prev: Figures | None) -> ReportSection:
    r = cur.receptions
    assert r is not None
    b = seen(prev.receptions if prev else None, prev.receptions.receptions if prev and prev.receptions else 0)
    p = cur.period
    month = [
        MonthSeries(
            "接待批次",
            {k: v["receptions"] for k, v in r.by_month.items()},
            {k: v["receptions"] for k, v in b.by_month.items()} if b else None,
        )
    ]
    per = f"，人均{r.cost_per_person}元" if r.cost_per_person is not None else ""
    text = (
        f"{p.noun}公务接待{r.receptions}批次，其中接待省市领导{r.by_level.get('省级', 0) + r.by_level.get('市级', 0)}次；"
        f"接待对象{r.persons}人次，陪餐{r.companions}人次；接待费用{r.total_cost}元{per}。"
    )
    tables = (
        month_table("公务接待月度批次", p, month, "批次"),
        category_table("公务接待按来宾级别", "来宾级别", r.by_level, b.by_level if b else None, "批次"),
        category_table("公务接待费用", "费用类别", r.costs, b.costs if b else None, "元"),
    )
    return ReportSection("公务接待", (text,), tables)


def supervision(cur: Figures, prev: Figures | None) -> tuple[ReportSection, list[Rate]]:
    s = cur.supervision
    assert s is not None
    b = seen(
        prev.supervision if prev else None, prev.supervision.total.items if prev and prev.supervision else 0
    )
    p, t = cur.period, s.total
    city = s.by_source.get(CITY)
    bcity = b.by_source.get(CITY) if b else None
    rates = [
        Rate(
            "督办办结率",
            t.done,
            t.items,
            "已办结的督办件 ÷ 统计期内立项的督办件",
            (b.total.done, b.total.items) if b else None,
        ),
        Rate(
            "督办按期办结率",
            t.done_on_time,
            t.due,
            "在期限内办结的件 ÷ 期限在统计期末以前的件",
            (b.total.done_on_time, b.total.due) if b else None,
        ),
        Rate(
            "市委督办件办结率",
            city.done if city else 0,
            city.items if city else 0,
            "已办结的市委督办件 ÷ 统计期内收到的市委督办件",
            (bcity.done, bcity.items) if bcity else None,
        ),
    ]
    month = [MonthSeries("督办立项", s.by_month, b.by_month if b else None)]
    text = (
        f"{p.noun}督办立项{t.items}件，已办结{t.done}件；其中收到市委督办件{city.items if city else 0}件，"
        f"办结{city.done if city else 0}件。经批准延期{s.extended}件，目前超期未办结{s.overdue_open}件。"
    )
    units = ReportTable(
        "督办件按牵头单位",
        ("牵头单位", "立项（件）", "办结（件）", "办结率", "按期办结率"),
        tuple(
            (u, str(x.items), str(x.done), rate_text(x.done, x.items), rate_text(x.done_on_time, x.due))
            for u, x in sorted(s.by_unit.items(), key=lambda kv: -kv[1].items)
        ),
        "办结率、按期办结率的计算口径同上表。",
    )
    tables = (
        month_table("督办立项月度数量", p, month, "件"),
        category_table(
            "督办件按来源",
            "来源",
            {k: v.items for k, v in s.by_source.items()},
            {k: v.items for k, v in b.by_source.items()} if b else None,
            "件",
        ),
        rate_table("督办办理情况", rates),
        units,
    )
    chart = charts(month_chart("督办立项月度数量", p, month, "件"), rates_chart("督办办结率", p, rates))
    return ReportSection("督查督办", (text,), tables, chart), rates


def information(cur: Figures, prev: Figures | None) -> tuple[ReportSection, list[Rate]]:
    i = cur.information
    assert i is not None
    b = seen(
        prev.information if prev else None, prev.information.submitted if prev and prev.information else 0
    )
    p = cur.period
    month = [
        MonthSeries(
            "报送",
            {k: v[0] for k, v in i.by_month.items()},
            {k: v[0] for k, v in b.by_month.items()} if b else None,
        ),
        MonthSeries(
            "采用",
            {k: v[1] for k, v in i.by_month.items()},
            {k: v[1] for k, v in b.by_month.items()} if b else None,
        ),
    ]
    rates = [
        Rate(
            "信息采用率",
            i.adopted,
            i.submitted,
            "被采用的篇数 ÷ 报送篇数（一篇被多级采用只计一篇）",
            (b.adopted, b.submitted) if b else None,
        )
    ]
    text = (
        f"{p.noun}报送信息{i.submitted}篇，被采用{i.adopted}篇，获领导批示{i.instructions}次，"
        f"按本办计分办法得分{i.score:g}分。"
    )
    units = ReportTable(
        "信息报送按单位",
        ("单位", "报送（篇）", "采用（篇）", "采用率", "得分"),
        tuple(
            (r.name, str(r.submitted), str(r.adopted), rate_text(r.adopted, r.submitted), f"{r.score:g}")
            for r in i.by_unit
        ),
    )
    tables = (
        month_table("信息报送、采用月度数量", p, month, "篇"),
        category_table(
            "信息被采用按级别",
            "采用级别",
            dict(i.adopted_by_level),
            dict(b.adopted_by_level) if b else None,
            "篇",
            "一篇在某级被采用计一篇；同一篇在几级被采用，各级分别计入，占比按各级之和计。",
        ),
        rate_table("信息采用情况", rates),
        units,
    )
    return ReportSection(
        "信息报送", (text,), tables, charts(month_chart("信息报送、采用月度数量", p, month, "篇"))
    ), rates


def research(cur: Figures, prev: Figures | None) -> ReportSection:
    r = cur.research
    assert r is not None
    total = lambda x: sum(x.activities_by_kind.values()) + x.topics + x.articles + x.drafts  # noqa: E731
    b = seen(prev.research if prev else None, total(prev.research) if prev and prev.research else 0)
    p = cur.period
    names = ("调研活动", "调研课题", "调研文章", "文稿起草")
    month = [MonthSeries(n, r.by_month.get(n, {}), b.by_month.get(n, {}) if b else None) for n in names]
    text = (
        f"{p.noun}开展调研{r.surveys}次，召开座谈会{r.forums}次；调研课题{r.topics}个（已结题{r.topics_concluded}个）；"
        f"调研文章{r.articles}篇，其中在省市级刊物发表{r.articles_province_or_city}篇；起草文稿{r.drafts}篇。"
    )
    tables = (
        month_table("调研与文稿月度数量", p, month, "件"),
        category_table(
            "调研活动按类型", "类型", r.activities_by_kind, b.activities_by_kind if b else None, "次"
        ),
        category_table(
            "调研文章按发表级别", "发表级别", r.articles_by_level, b.articles_by_level if b else None, "篇"
        ),
        category_table("文稿按类型", "文稿类型", r.drafts_by_kind, b.drafts_by_kind if b else None, "篇"),
    )
    return ReportSection(
        "调研与文稿", (text,), tables, charts(month_chart("调研与文稿月度数量", p, month, "件"))
    )
