"""The report's opening: the scope line ("本报告统计范围：…密级及以下") and the summary paragraph in the office's
own way of writing (modelled on its yearly work summary: "全年共计制发文件63件，收发上级文件802件，召开大型
会议9次……"), stating every figure of ``summary_figures`` — zero for an empty register, and for a register the
reader may not see, that it was not counted (never a silent zero)."""

from __future__ import annotations

from app.domain.enums import SecretLevel
from app.services.statistics.figures import Figures, KeyFigure, percent_text, summary_figures

NOT_SEEN = "（本账户无权查看，未统计）"


def scope_line(f: Figures) -> str:
    if f.clearance is SecretLevel.NONE:
        level = "非密记录"
    else:
        level = f"{f.clearance.label}级及以下记录（含非密）"
    text = f"本报告统计范围：{f.reader}可查看的{level}；作废记录不计，导入的历史记录照计"
    if f.left_out:
        text += f"；{'、'.join(f.left_out)}不在本账户查看范围，未统计"
    return text + "。"


def _rate(k: KeyFigure, what: str) -> str:
    """'办结率达到98.8%' / '无可计办结率的件' / not counted."""
    if k.base is None:
        return f"{what}{NOT_SEEN}"
    if k.value is None:
        return f"{what}无从计算（本期无此类件）"
    return f"{what}{percent_text(float(k.value))}%"


def summary_paragraphs(f: Figures) -> tuple[str, ...]:
    k = {x.key: x for x in summary_figures(f)}
    p = f.period
    since = {"year": "年初以来", "quarter": "本季度", "month": "本月"}[p.kind]
    total = p.noun  # 全年 / 本季度 / 本月

    def cnt(key: str, unit: str) -> str:
        x = k[key]
        return NOT_SEEN if x.value is None else f"{x.value}{unit}"

    research = (
        f"{since}，办公室共组织人员深入基层进行专题性调研{cnt('surveys', '（组）次')}，"
        f"召开座谈讨论会{cnt('forums', '次')}，完成调研课题{cnt('topics', '个')}，"
        f"形成调研文章{cnt('articles', '篇')}，其中{cnt('published', '篇')}调研文章在省市级刊物发表。"
        f"共起草会议讲话、工作报告和其它综合材料{cnt('drafts', '篇')}。"
    )
    if k["incoming"].value is None:
        incoming = f"收到上级文件{NOT_SEEN}"
    else:
        incoming = f"收到上级文件{k['incoming_upper'].value}件（各类来文共{k['incoming'].value}件）"
    documents = (
        f"{total}共计制发文件{cnt('outgoing', '件')}，{incoming}，召开大型会议{cnt('large_meetings', '次')}。"
    )
    information = f"{total}共报送信息{cnt('info_submitted', '篇')}，被采用{cnt('info_adopted', '篇')}。"
    supervision = f"共收到市委督办件{cnt('city_supervision', '件')}，{_rate(k['city_supervision_rate'], '办结率达到')}。"
    telegrams = (
        f"{total}共计收发明传电报{cnt('plain_telegrams', '份')}、密码电报{cnt('cipher_telegrams', '份')}。"
    )
    petitions = (
        f"共计接待群众来信来访{cnt('petition_persons', '人次')}，{_rate(k['petition_close_rate'], '办结率')}，"
        f"{_rate(k['petition_satisfaction'], '满意率')}。"
    )
    receptions = f"{total}共接待省市领导{cnt('leader_receptions', '次')}。"
    return (
        research,
        documents + information + supervision + telegrams + petitions + receptions,
    )
