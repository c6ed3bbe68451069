"""The annual statistics report (issue 17): a year of records with known counts in every register, and
every figure of the summary paragraph and of the tables checked — 1 January and 31 December, the years
before and after, voided records, imported history, records the reader may not see."""

from __future__ import annotations

import pytest

from app.services.statistics import Period, collect, key_figures, parse_month, parse_quarter, prepare
from tests.support.statistics_year import EXPECTED, EXPECTED_2024, EXPECTED_JIYAO, YEAR, build, writer_for


@pytest.fixture
def year(services, actors, tmp_path):  # type: ignore[no-untyped-def]
    build(services, writer_for(actors["jiyao"]), actors["clerk"], tmp_path)
    return services


def test_every_summary_figure_of_the_year(year, actors):
    got = {k.key: k.value for k in key_figures(year, actors["leader"], YEAR)}
    assert got == EXPECTED


def test_the_summary_paragraph_states_every_figure_in_the_office_s_words(year, actors):
    rep = prepare(year, actors["leader"], Period.of_year(YEAR))
    assert rep.scope.startswith("本报告统计范围：周振荣可查看的机密级及以下记录（含非密）")
    assert "密码电报不在本账户查看范围，未统计" in rep.scope
    text = "".join(rep.summary)
    for phrase in (
        "年初以来，办公室共组织人员深入基层进行专题性调研2（组）次",
        "召开座谈讨论会1次",
        "完成调研课题2个",
        "形成调研文章3篇，其中2篇调研文章在省市级刊物发表",
        "共起草会议讲话、工作报告和其它综合材料3篇",
        "全年共计制发文件3件",
        "收到上级文件4件（各类来文共6件）",
        "召开大型会议2次",
        "全年共报送信息3篇，被采用2篇",
        "共收到市委督办件3件，办结率达到33.3%",
        "全年共计收发明传电报2份、密码电报（本账户无权查看，未统计）",
        "共计接待群众来信来访6人次，办结率33.3%，满意率100%",
        "全年共接待省市领导2次",
    ):
        assert phrase in text, phrase


def test_a_reader_sees_only_her_posts_and_her_clearance(year, actors):
    """机要 (绝密; 收发文 and 机要 posts) counts the 绝密 收文 and every 密码电报, and is told which registers
    her report leaves out instead of reading zeros there."""
    jiyao = actors["jiyao"]
    got = {k.key: k.value for k in key_figures(year, jiyao, YEAR)}
    assert {k: got[k] for k in EXPECTED_JIYAO} == EXPECTED_JIYAO
    assert got["large_meetings"] is None and got["petition_persons"] is None
    rep = prepare(year, jiyao, Period.of_year(YEAR))
    assert rep.scope.startswith("本报告统计范围：李军可查看的绝密级及以下记录")
    assert "会议、信访、公务接待、督办、信息报送、值班、调研与文稿不在本账户查看范围" in rep.scope
    text = "".join(rep.summary)
    assert "召开大型会议（本账户无权查看，未统计）" in text and "密码电报3份" in text
    # 秘密 clearance: the 机密 收文 and 机密 会议 drop out of the 领导's counts for a 秘密 reader too
    office = actors["office"]  # 收发文 + 督查, 秘密
    got = {k.key: k.value for k in key_figures(year, office, YEAR)}
    assert got["incoming"] == 5 and got["city_supervision"] == 3 and got["plain_telegrams"] is None


def test_an_empty_register_states_zero(services, actors):
    rep = prepare(services, actors["leader"], Period.of_year(YEAR))
    text = "".join(rep.summary)
    for phrase in (
        "专题性调研0（组）次",
        "全年共计制发文件0件",
        "收到上级文件0件（各类来文共0件）",
        "召开大型会议0次",
        "共报送信息0篇，被采用0篇",
        "共收到市委督办件0件，办结率达到无从计算（本期无此类件）",
        "来信来访0人次，办结率无从计算（本期无此类件），满意率无从计算（本期无此类件）",
        "省市领导0次",
    ):
        assert phrase in text, phrase


def test_previous_year_and_the_change_column(year, actors):
    before = {k.key: k.value for k in key_figures(year, actors["leader"], YEAR - 1)}
    assert {k: before[k] for k in EXPECTED_2024} == EXPECTED_2024
    rep = prepare(year, actors["leader"], Period.of_year(YEAR))
    from app.services.statistics.report import sections

    overview = sections(rep)[0]
    rows = {r[0]: r for r in overview.tables[0].rows}
    assert rows["收文"][1:] == ("6件", "2件", "+4（+200.0%）")
    assert rows["制发文件"][1:] == ("3件", "1件", "+2（+200.0%）")
    assert rows["密码电报"][1:] == ("—", "—", "—")
    assert rows["市委督办件办结率"][1:3] == ("33.3%", "0%")


def test_tables_month_by_month_and_by_category(year, actors):
    from app.services.statistics.report import sections

    rep = prepare(year, actors["leader"], Period.of_year(YEAR))
    secs = {s.heading: s for s in sections(rep)}
    assert list(secs) == [
        "主要数据", "收发文", "电报", "会议", "信访", "公务接待", "督查督办", "信息报送", "值班", "调研与文稿"
    ]  # fmt: skip
    tables = {t.caption: t for t in secs["收发文"].tables}
    months = {r[0]: r for r in tables["收文、发文月度数量"].rows}
    # 月份 | 收文 | 发文 | 合计 | 上年同期合计 | 比上年
    assert months["1月"][1:3] == ("1", "1") and months["12月"][1:3] == ("1", "1")
    assert months["3月"][1] == "1" and months["5月"][2] == "1" and months["6月"][1] == "2"
    assert months["合计"][1:5] == ("6", "3", "9", "3")
    levels = {r[0]: r[1] for r in tables["收文按来文机关级别"].rows}
    assert levels == {"中央": "1", "省级": "1", "市级": "2", "县级": "2", "其他": "0", "合计": "6"}
    secret = {r[0]: r[1] for r in tables["收文按密级"].rows}
    assert secret == {"非密": "4", "秘密": "1", "机密": "1", "合计": "6"}
    rates = {r[0]: r for r in tables["收文办理情况"].rows}
    assert rates["收文办件办结率"][5].startswith("已办结")  # each rate with its definition
    tel = {t.caption: t for t in secs["电报"].tables}
    assert {r[0]: r[1] for r in tel["电报按登记簿"].rows} == {
        "明传电报收电": "1",
        "明传电报发电": "1",
        "合计": "2",
    }
    meet = {r[0]: r[1] for r in {t.caption: t for t in secs["会议"].tables}["会议按类型"].rows}
    assert meet["大型会议"] == "2" and meet["常委会"] == "1" and meet["合计"] == "3"
    pet = {t.caption: t for t in secs["信访"].tables}
    rate = {r[0]: r for r in pet["信访办理情况"].rows}
    assert rate["信访办结率"][1:3] == ("33.3%", "1/3") and rate["信访满意率"][1:3] == ("100.0%", "1/1")
    sup = {t.caption: t for t in secs["督查督办"].tables}
    src = {r[0]: r[1] for r in sup["督办件按来源"].rows}
    assert src["市委督办"] == "3" and src["县委交办"] == "1" and src["合计"] == "4"
    duty = {r[0]: r[1] for r in {t.caption: t for t in secs["值班"].tables}["值班记录按类型"].rows}
    assert duty == {"来电": "3", "合计": "3"}
    res = {t.caption: t for t in secs["调研与文稿"].tables}
    assert {r[0]: r[1] for r in res["调研文章按发表级别"].rows}["省级"] == "1"


def test_quarter_and_month(year, actors):
    q1 = {k.key: k.value for k in key_figures_of(year, actors["leader"], parse_quarter(f"{YEAR}Q1"))}
    assert q1["incoming"] == 2 and q1["outgoing"] == 1 and q1["large_meetings"] == 1
    dec = {k.key: k.value for k in key_figures_of(year, actors["leader"], parse_month(f"{YEAR}-12"))}
    assert dec["incoming"] == 1 and dec["plain_telegrams"] == 1 and dec["petition_persons"] == 3
    rep = prepare(year, actors["leader"], parse_quarter(f"{YEAR}年第一季度"))
    assert "本季度共计制发文件1件" in "".join(rep.summary)


def key_figures_of(services, actor, period):  # type: ignore[no-untyped-def]
    from app.services.statistics import summary_figures

    return summary_figures(collect(services, actor, period))
