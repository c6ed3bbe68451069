"""The 会议通知's 通知文号: typed in any common shape and kept in the standard form, refused in Chinese next
to the field when it is not a 文号 or another meeting has it, proposed from a 代字's next number (after the
发文 register's and other meetings' numbers), imported from a 文号 column and exported; the Word notice
prints it centred under the 版头 with 〔〕, and prints no empty line when a meeting has none."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.errors import ValidationFailed

T0 = datetime(2026, 3, 5, 9, 0)


@pytest.fixture
def clerk(actors):
    return actors["huiwu"]


def _meeting(services, clerk, **values):
    return services.registers.create(
        clerk, "meetings", {"name": "全县经济工作会议", "kind": "大型会议", "starts_at": T0, **values}
    )


def _head(path):
    """The notice's paragraphs from the 发文机关标志 down to the 标题, and the paragraph under the mark."""
    from docx import Document

    paras = Document(str(path)).paragraphs
    mark = next(i for i, p in enumerate(paras) if p.text.endswith("文件"))
    title = next(i for i, p in enumerate(paras) if p.text.startswith("关于召开"))
    return paras, mark, title


def _red_line_under(p) -> bool:
    from docx.oxml.ns import qn

    border = p._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
    return border is not None and border.get(qn("w:color")) == "FF0000"


def test_the_notice_prints_its_number_centred_under_the_head(services, clerk, tmp_path):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    m = _meeting(services, clerk, notice_no="县委办[2026]第012号")
    assert m["notice_no"] == "县委办〔2026〕12号"  # the standard form: 〔〕, no 第, no leading zeros
    out = services.printing.render_form(clerk, "meetings", "notice", m.id, tmp_path / "通知.docx")
    paras, mark, title = _head(out)
    number = paras[mark + 1]
    assert number.text == "县委办〔2026〕12号"
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert _red_line_under(number) and not _red_line_under(paras[mark])  # the red line 4 mm below it
    assert title == mark + 2


def test_without_a_number_the_line_is_left_out_not_printed_empty(services, clerk, tmp_path):
    m = _meeting(services, clerk)
    assert m["notice_no"] == ""
    out = services.printing.render_form(clerk, "meetings", "notice", m.id, tmp_path / "通知.docx")
    paras, mark, title = _head(out)
    assert title == mark + 1  # no empty 字号 paragraph between the mark and the 标题
    assert _red_line_under(paras[mark])  # the separator still runs under the 版头


@pytest.mark.parametrize(
    ("typed", "message"),
    [("12号", "无法识别的文号"), ("〔2026〕12号", "缺少机关代字"), ("县委办〔2026〕0号", "顺序号")],
)
def test_a_text_that_is_not_a_number_is_refused_next_to_the_field(services, clerk, typed, message):
    with pytest.raises(ValidationFailed) as e:
        _meeting(services, clerk, notice_no=typed)
    assert message in e.value.errors["notice_no"]
    assert services.registers.page(clerk, "meetings", limit=5).records == ()  # nothing saved


def test_two_meetings_cannot_share_a_notice_number(services, clerk):
    first = _meeting(services, clerk, notice_no="县委办发电〔2026〕3号")
    with pytest.raises(ValidationFailed) as e:
        _meeting(
            services,
            clerk,
            name="全县安全生产会议",
            starts_at=datetime(2026, 3, 6, 9),
            notice_no="县委办发电(2026)3号",
        )
    assert (
        e.value.errors["notice_no"]
        == f"通知文号县委办发电〔2026〕3号已用于会议“全县经济工作会议”（{first['number']}）"
    )
    # saving the meeting that has it again is no clash with itself
    services.registers.update(clerk, "meetings", first.id, {"chair": "周振荣"})


def test_the_next_number_continues_the_outgoing_series_and_other_meetings(services, clerk):
    from app.kit.registers.numbering import next_seq
    from app.services.settings import set_value

    meetings = services.service("meetings")
    year = date.today().year
    assert meetings.next_notice_number(clerk, "县委办") == f"县委办〔{year}〕1号"
    with services.db.write() as s:  # the 发文 register has handed out 县委办〔year〕1–3号
        for _ in range(3):
            next_seq(s, f"{services.catalog.get('outgoing').model.__tablename__}:县委办", year)
    assert meetings.next_notice_number(clerk, "县委办") == f"县委办〔{year}〕4号"
    _meeting(services, clerk, notice_no=f"县委办〔{year}〕7号")
    _meeting(
        services,
        clerk,
        name="另一个会",
        starts_at=datetime(2026, 4, 1, 9),
        notice_no=f"县委办发〔{year}〕20号",
    )
    assert meetings.next_notice_number(clerk, "县委办") == f"县委办〔{year}〕8号"  # not the 县委办发 series
    with pytest.raises(ValidationFailed) as e:
        meetings.next_notice_number(clerk, "县委办2")
    assert "不能有数字" in e.value.errors["notice_no"]
    with services.db.write() as s:
        set_value(s, "meetings.notice_prefixes", "县委办、县委办发电")
    assert meetings.notice_prefixes() == ["县委办", "县委办发电"]


def test_the_prefix_setting_is_checked():
    from app.areas.meetings.notice_numbers import parse_prefixes

    assert parse_prefixes("县委办，县委办发电") == "县委办、县委办发电"
    with pytest.raises(ValueError, match="重复"):
        parse_prefixes("县委办、县委办")
    with pytest.raises(ValueError, match="不能有数字"):
        parse_prefixes("县委办〔2026〕")


def test_a_ledger_column_headed_wenhao_is_imported_and_exported(services, clerk, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["会议名称", "类型", "日期", "文号"])
    ws.append(["全县经济工作会议", "大型会议", "2025-02-10", "县委办发[2025]6号"])
    wb.save(tmp_path / "台账.xlsx")
    result = services.importer.run(clerk, "meetings", tmp_path / "台账.xlsx")
    assert result.imported == 1
    (rec,) = services.registers.page(clerk, "meetings", limit=5).records
    assert rec["notice_no"] == "县委办发〔2025〕6号"
    services.importer.export(clerk, "meetings", tmp_path / "导出.xlsx")
    out = openpyxl.load_workbook(tmp_path / "导出.xlsx").active
    header = [c.value for c in out[1]]
    assert out.cell(2, header.index("通知文号") + 1).value == "县委办发〔2025〕6号"


@settings(max_examples=60, deadline=None)
@given(
    prefix=st.sampled_from(["县委办", "县委办发电", "县委发", "县委办函"]),
    year=st.integers(1949, 2100),
    seq=st.integers(1, 99999),
    shape=st.sampled_from(
        ["{p}〔{y}〕{s}号", "{p}[{y}]{s}号", "{p}（{y}）第{s:03d}号", "{p} 【{y}】 {s} 号"]
    ),
)
def test_any_common_shape_is_kept_in_the_standard_form(prefix, year, seq, shape):
    from app.areas.meetings.registers import MEETING_REGISTER
    from app.kit.registers.values import coerce

    field = MEETING_REGISTER.field("notice_no")
    assert coerce(field, shape.format(p=prefix, y=year, s=seq)) == f"{prefix}〔{year}〕{seq}号"
