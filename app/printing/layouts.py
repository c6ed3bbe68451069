"""The kinds of printout and the file formats each one is written in: the one place where a format picks
its writer, so a layout's PDF and Word writers never import each other (nor this module). Each writer is a
pure function of plain data to a file; it is imported only when a file of its format is written.

    FORM.write(FormPrintout(form_layout, meta), Path("收文处理单.pdf"))   # or .docx
    BOOK.write(BookPrintout(register_book, meta), out, "docx")
    OFFICIAL.write(official_document, Path("通知.docx"))                  # Word only
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from app.printing.meta import FORMATS, output_format

if TYPE_CHECKING:
    from app.printing.book import BookPrintout
    from app.printing.gbt9704 import OfficialDocument
    from app.printing.layout import FormPrintout

T = TypeVar("T")


@dataclass(frozen=True)
class Layout(Generic[T]):
    """A kind of printout (``T`` is its plain data) and its writer per file format; None = not offered."""

    name: str  # for messages: 表单, 登记簿, 公文正本
    pdf: Callable[[T, Path], Path] | None = None
    docx: Callable[[T, Path], Path] | None = None

    @property
    def formats(self) -> tuple[str, ...]:
        return tuple(f for f in FORMATS if getattr(self, f) is not None)

    def write(self, data: T, out: Path, fmt: str | None = None) -> Path:
        """Write ``data`` to ``out`` as ``fmt`` (default: by the file suffix, pdf when none)."""
        value = output_format(Path(out), fmt)
        writer: Callable[[T, Path], Path] | None = getattr(self, value)
        if writer is None:
            from app.domain.errors import ValidationFailed

            raise ValidationFailed({"format": f"{self.name}只能输出为：{'、'.join(self.formats)}"})
        return writer(data, Path(out))


def _form_pdf(data: FormPrintout, out: Path) -> Path:
    from app.printing.form_pdf import render_form_pdf

    return render_form_pdf(data.layout, data.meta, out)


def _form_docx(data: FormPrintout, out: Path) -> Path:
    from app.printing.form_docx import render_form_docx

    return render_form_docx(data.layout, data.meta, out)


def _book_pdf(data: BookPrintout, out: Path) -> Path:
    from app.printing.book import render_book_pdf

    return render_book_pdf(data.book, data.meta, out)


def _book_docx(data: BookPrintout, out: Path) -> Path:
    from app.printing.book_docx import render_book_docx

    return render_book_docx(data.book, data.meta, out)


def _official_docx(data: OfficialDocument, out: Path) -> Path:
    from app.printing.gbt9704_docx import render_official_docx

    return render_official_docx(data, out)


# a ruled form in boxes (收文处理单, 文件传阅单, 发文稿纸, 阅电单, 清退单, 销毁清册 …), from app.printing.layout
FORM: Layout[FormPrintout] = Layout("表单", pdf=_form_pdf, docx=_form_docx)
# a register book (登记簿) of any register
BOOK: Layout[BookPrintout] = Layout("登记簿", pdf=_book_pdf, docx=_book_docx)
# an official document (公文) in the GB/T 9704 layout, editable in Word
OFFICIAL: Layout[OfficialDocument] = Layout("公文正本", docx=_official_docx)
