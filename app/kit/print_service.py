"""Printing as a user action: forms of a record and register books of any register, checked against the
actor's roles and clearance, written atomically (a temporary file renamed at the end) and audited. The
only place that does all three: an area's form collector returns plain data, and the layouts of
app.printing turn plain data into a file without seeing a service or a session."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from app.domain.enums import SecretLevel
from app.domain.errors import AppError, NotFound, ValidationFailed
from app.printing.meta import output_format
from app.services import audit
from app.services.actor import Actor

if TYPE_CHECKING:
    from app.kit.registers.base import Register
    from app.printing.layouts import Layout
    from app.services.container import Services

T = TypeVar("T")

BOOK = "book"


def _copies(copies: int) -> int:
    if not isinstance(copies, int) or isinstance(copies, bool) or not 1 <= copies <= 999:
        raise ValidationFailed({"copies": "份数应为1到999之间的整数"})
    return copies


def _atomic(out: Path, write: Any, record: Any) -> Path:
    """Call ``write(tmp_path)``; when it succeeded and is not empty, ``record()`` the audit entry (its own
    committed transaction) and only then move the file over ``out``: no printout exists unaudited."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.stem}.part{os.getpid()}{out.suffix}")
    try:
        write(tmp)
        if not tmp.exists() or tmp.stat().st_size == 0:
            raise RuntimeError(f"打印输出为空：{out.name}")
        record()
        os.replace(tmp, out)
    except OSError as e:  # a full or read-only disk: the user's terms, not a traceback
        from db.errors import from_os_error

        problem = from_os_error(e, f"打印文件“{out.name}”")
        if problem is None:
            raise
        raise problem from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return out


def _without_gc_pauses(fn: Any) -> Any:
    """Run an allocation-heavy render (hundreds of thousands of short-lived strings, no cycles) with the
    cyclic garbage collector paused: in a GUI process holding many objects, each full collection walks all
    of them, which made a 10,000-row book 50% slower than the same work in a fresh process."""
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return fn()
    finally:
        if was_enabled:
            gc.enable()


class PrintService:
    def __init__(self, services: Services) -> None:
        self.services = services

    # --- forms -----------------------------------------------------------------------------------
    def render_form(
        self,
        actor: Actor,
        register: str,
        form: str,
        record_id: int,
        out: Path,
        fmt: str | None = None,
        copies: int = 1,
    ) -> Path:
        """``fmt`` "pdf"/"docx"; None = by the file suffix (default pdf)."""
        reg = self.services.catalog.get(register)
        spec = self.services.form(register, form)
        fmt = output_format(Path(out), fmt)
        if fmt not in spec.formats:
            raise ValidationFailed({"format": f"{spec.title}只能输出为：{'、'.join(spec.formats)}"})
        copies = _copies(copies)
        if (
            spec.scope == "year"
        ):  # a report over one year of the register (归档文件目录): record_id is the year
            actor.require_role(*reg.read_roles, action=f"打印{reg.title}")
            if not 1949 <= int(record_id) <= 2100:
                raise ValidationFailed({"year": "年度应为四位数年份，如 2026"})
            info: dict[str, str] = {"year": str(record_id)}
        elif spec.scope == "month":  # a report over one month (值班表): record_id is YYYYMM
            actor.require_role(*reg.read_roles, action=f"打印{reg.title}")
            year, month = divmod(int(record_id), 100)
            if not (1949 <= year <= 2100 and 1 <= month <= 12):
                raise ValidationFailed({"month": "月份应写成 2026-03 的形式"})
            info = {"month": f"{year}-{month:02d}"}
        else:
            info = self._check_record(actor, reg, record_id)

        def record() -> None:
            with self.services.db.write() as s:
                audit.record(
                    s,
                    actor,
                    "print",
                    reg.key,
                    record_id if spec.scope == "record" else "",
                    detail={"form": spec.key, "title": spec.title, "copies": copies, "format": fmt, **info},
                )

        data = spec.collect(self.services, actor, record_id)  # the area's own checks (e.g. 无销毁记录)
        return _atomic(Path(out), lambda tmp: spec.layout.write(data, tmp, fmt), record)

    def render_printout(
        self,
        actor: Actor,
        layout: Layout[T],
        data: T,
        out: Path,
        *,
        fmt: str | None = None,
        object_type: str,
        object_id: str | int,
        detail: Mapping[str, Any],
    ) -> Path:
        """A printout that is not a form of one record (a 销毁清册 by its batch): ``data`` was collected by
        an area service that checked the actor's rights; written atomically and audited as a print."""
        fmt = output_format(Path(out), fmt)
        if fmt not in layout.formats:
            raise ValidationFailed({"format": f"{layout.name}只能输出为：{'、'.join(layout.formats)}"})

        def record() -> None:
            with self.services.db.write() as s:
                audit.record(s, actor, "print", object_type, object_id, detail={**detail, "format": fmt})

        return _atomic(Path(out), lambda tmp: layout.write(data, tmp, fmt), record)

    def _check_record(self, actor: Actor, reg: Register, record_id: int) -> dict[str, str]:
        from app.kit.registers.service import RegisterService

        actor.require_role(*reg.read_roles, action=f"打印{reg.title}")
        with self.services.db.read() as s:
            obj = RegisterService._load(s, reg, record_id)
            level = SecretLevel(obj.secret_level) if reg.classified else SecretLevel.NONE
            if reg.classified:
                actor.require_clearance(level)
            return {"number": obj.number or "", "secret_level": level.label}

    def record_id(self, actor: Actor, register: str, ref: str | int) -> int:
        """A record given by id ("12") or by its number ("样〔2026〕3号"), for the command line."""
        reg = self.services.catalog.get(register)
        actor.require_role(*reg.read_roles, action=f"查看{reg.title}")
        text = str(ref).strip()
        if text.isdigit():
            return int(text)
        from sqlalchemy import select

        q = select(reg.model.id).where(reg.model.number == text)
        if reg.series_value:
            q = q.where(reg.model.series == reg.series_value)
        with self.services.db.read() as s:
            found = s.scalars(q).all()
        if not found:
            raise NotFound(f"{reg.title}中没有编号为“{text}”的{reg.record_label}")
        return found[0]

    # --- register books --------------------------------------------------------------------------
    def render_book(self, actor: Actor, register: str, out: Path, **options: Any) -> Path:
        """The register book of the current listing (search, filters, sort), PDF or Word; audited."""
        return _without_gc_pauses(lambda: self._render_book(actor, register, out, **options))

    def _render_book(
        self,
        actor: Actor,
        register: str,
        out: Path,
        *,
        search: str = "",
        filters: Mapping[str, Any] | None = None,
        sort: tuple[str, bool] | None = None,
        fmt: str | None = None,
        title: str | None = None,
    ) -> Path:
        from app.domain.secrecy import marking
        from app.kit.registers.values import display
        from app.printing.book import BookPrintout, BookRow, RegisterBook
        from app.printing.layouts import BOOK as BOOK_LAYOUT
        from app.printing.meta import PrintMeta

        reg = self.services.catalog.get(register)
        fmt = output_format(Path(out), fmt)
        filters = dict(filters or {})
        if sort is None:
            sort = ("number", False) if reg.numbering else (reg.date_field or "id", False)
        fields = reg.print_fields
        highest = SecretLevel.NONE
        lowest: SecretLevel | None = None
        rows: list[BookRow] = []
        # the service enforces the read role and filters out what the actor's clearance does not cover
        for rec in self.services.registers.iter_records(
            actor, register, search=search, filters=filters, sort=sort
        ):
            if reg.classified and rec["secret_level"]:
                level = SecretLevel(rec["secret_level"])
                highest = level if level.rank > highest.rank else highest
                lowest = level if lowest is None or level.rank < lowest.rank else lowest
            rows.append(BookRow([display(f, rec[f.name]) for f in fields], rec.voided))
        book = RegisterBook(
            title or reg.book_title,
            book_columns(reg),
            rows,
            subtitle="　".join(
                p for p in (self.describe(reg, search, filters), _level_range(lowest, highest)) if p
            ),
        )
        meta = PrintMeta(actor.name, marking=marking(highest), running_title=book.title)

        def record() -> None:
            with self.services.db.write() as s:
                audit.record(
                    s,
                    actor,
                    "print",
                    reg.key,
                    "",
                    detail={
                        "form": BOOK,
                        "title": book.title,
                        "rows": book.counted["rows"],
                        "voided": book.counted["voided"],
                        "format": fmt,
                        "search": search,
                        "filters": book.subtitle,
                        "secret_level": highest.label,
                    },
                )

        return _atomic(Path(out), lambda tmp: BOOK_LAYOUT.write(BookPrintout(book, meta), tmp, fmt), record)

    @staticmethod
    def describe(reg: Register, search: str, filters: Mapping[str, Any]) -> str:
        """The subtitle of a register book: which period and filters it covers, in words."""
        from app.kit.registers.values import display

        parts: list[str] = []
        customs = {c.name: c.label for c in reg.filters}
        for name, value in filters.items():
            if value in (None, "", (), []):
                continue
            if name == "year":
                parts.append(f"{value}年")
            elif name == "voided":
                parts.append("仅作废" if value else "不含作废")
            elif name in customs:
                if value:
                    parts.append(customs[name])
            else:
                try:
                    f = reg.field(name)
                except KeyError:
                    continue
                if (
                    isinstance(value, tuple)
                    and len(value) == 2
                    and any(isinstance(v, (date, datetime)) for v in value)
                ):
                    start, end = (display(f, v) if v else "" for v in value)
                    parts.append(f"{f.label}：{start or '……'}至{end or '……'}")
                elif isinstance(value, (list, set, tuple)):
                    parts.append(f"{f.label}：{'、'.join(display(f, v) for v in value)}")
                else:
                    parts.append(f"{f.label}：{display(f, value)}")
        if search.strip():
            parts.append(f"检索：{search.strip()}")
        return "　".join(parts)

    def save_copy(self, actor: Actor, what: str, source: Path, target: Path) -> Path:
        """另存为 from the preview: a printout leaving the program as a file is audited like an export,
        before the file appears at ``target``."""
        source, target = Path(source), Path(target)

        def record() -> None:
            with self.services.db.write() as s:
                audit.record(
                    s,
                    actor,
                    "export",
                    "printout",
                    "",
                    detail={"what": (what or "").strip()[:200], "file": str(target)},
                )

        def write(tmp: Path) -> None:
            try:
                shutil.copyfile(source, tmp)
            except OSError as e:
                raise AppError(f"无法保存文件：{e}") from None

        return _atomic(target, write, record)

    # --- real printers ---------------------------------------------------------------------------
    def record_printer_output(self, actor: Actor, what: str, pages: int, copies: int) -> None:
        """Audit a job sent to a physical printer (the print dialog calls this after the job is queued)."""
        if not isinstance(pages, int) or pages < 1:
            raise ValidationFailed({"pages": "页数应为正整数"})
        copies = _copies(copies)
        with self.services.db.write() as s:
            audit.record(
                s,
                actor,
                "print",
                "printer",
                "",
                detail={"what": (what or "").strip()[:200], "pages": pages, "copies": copies},
            )


def book_columns(reg: Register) -> list[Any]:
    """The register book's columns: the register's printed fields, numbers and dates kept compact."""
    from app.printing.book import BookColumn

    return [BookColumn(f.label, f.print_width, compact=_compact(f)) for f in reg.print_fields]


def _compact(f: Any) -> bool | None:
    """Dates, times, counts and numbers print on one line when short and two at most (book.BookColumn)."""
    from app.kit.registers.base import DATE, DATETIME, DOCNO, INT

    if f.kind in (DATE, DATETIME, INT) or f.content == DOCNO:
        return True
    return None  # by the label ("…号")


def _level_range(lowest: SecretLevel | None, highest: SecretLevel) -> str:
    """The 密级 a register book covers, for its header: "密级：非密至机密" (or one level)."""
    if lowest is None:
        return ""
    if lowest is highest:
        return f"密级：{highest.label}"
    return f"密级：{lowest.label}至{highest.label}"
