"""Plain-data description of a printed form (收文处理单, 文件传阅单, 发文稿纸, 阅电单, 清退单, 销毁清册 …):
areas fill these dataclasses (plain data, no services), ``app.printing.layouts.FORM`` writes them as a PDF
(form_pdf) or a Word file (form_docx).

Example (a 收文处理单)::

    from app.printing.layout import (FieldRow, FormField as F, FormLayout, FormPrintout, SignatureLine,
                                     TableSection, TextBox)
    from app.printing.layouts import FORM
    from app.printing.meta import PrintMeta

    layout = FormLayout(
        title="中共××县委办公室收文处理单",
        header_left="收文编号：2026-0012", header_right="2026年3月5日",
        columns=2,                                    # two label/value pairs per row
        sections=(
            FieldRow((F("来文单位", "市委办公室"), F("来文字号", "市办发〔2026〕3号"))),
            FieldRow((F("文件标题", "关于做好2026年防汛工作的通知", span=2),)),  # spans the whole row
            FieldRow((F("密级", "秘密"), F("份数", "2"))),
            TextBox("拟办意见", "请周书记阅示。", min_height_mm=35, sign="签名：　　　　　年　月　日"),
            TextBox("领导批示", "", min_height_mm=60),
            TableSection("传阅情况", ("姓名", "送阅时间", "退回时间", "签名"), rows=(("李明", "3月5日", "", ""),),
                         min_rows=4),
            TextBox("办理结果", "", min_height_mm=25),
        ),
        after=(SignatureLine(("登记人：王芳", "日期：　　年　月　日")),),
        footer_note="注：涉密文件阅后当日退回机要室。",
    )
    FORM.write(FormPrintout(layout, PrintMeta("王芳", marking="秘密★1年")), Path("slip.pdf"))  # or .docx
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from app.printing.meta import PrintMeta


@dataclass(frozen=True)
class FormField:
    """One label/value pair. ``span`` = how many grid units it takes (a row's spans add up to the form's
    ``columns``); the label keeps its fixed width and the value gets the rest."""

    label: str
    value: str = ""
    span: int = 1


@dataclass(frozen=True)
class FieldRow:
    fields: tuple[FormField, ...]
    min_height_mm: float = 10


@dataclass(frozen=True)
class TextBox:
    """A big box with its label on the left (拟办意见, 领导批示 …), at least ``min_height_mm`` tall;
    ``sign`` is printed at its bottom right (e.g. "签名：　　　　年　月　日")."""

    label: str
    text: str = ""
    min_height_mm: float = 30
    sign: str = ""


@dataclass(frozen=True)
class TableSection:
    """Repeated rows (传阅 readers, 清退 copies …) with the section label on the left; ``min_rows`` pads
    with blank rows to fill in by hand; ``widths`` are relative (default equal)."""

    label: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...] = ()
    widths: tuple[float, ...] = ()
    min_rows: int = 0
    row_height_mm: float = 9


@dataclass(frozen=True)
class SignatureLine:
    """A line of fill-in items spread across the width, outside the ruled box."""

    items: tuple[str, ...]


BoxSection = Union[FieldRow, TextBox, TableSection]


@dataclass(frozen=True)
class FormLayout:
    title: str
    sections: tuple[BoxSection, ...]
    columns: int = 2
    label_width_mm: float = 24
    header_left: str = ""  # small line between title and box, left (e.g. 收文编号)
    header_right: str = ""  # and right (e.g. date)
    after: tuple[SignatureLine, ...] = ()  # below the box
    footer_note: str = ""  # last, small (注：……)
    landscape: bool = False  # 销毁清册 and other wide lists


@dataclass(frozen=True)
class FormPrintout:
    """What a form's collector hands to the print service: the filled-in form and how it is marked."""

    layout: FormLayout
    meta: PrintMeta
