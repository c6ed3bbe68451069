"""从扫描件登记: a scanned first page (PDF or image) read into the values of a new record's form — 收文
(来文机关, 来文字号, 标题, 密级/保密期限, 紧急程度, 份号, 成文日期) and incoming telegrams (来电单位, 电报号,
标题, 密级, 等级). Nothing is written here: the clerk checks the values in the form and saves it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.domain.errors import ValidationFailed
from app.importing.ocr import MAX_SCAN_BYTES, SCAN_MAX_SETTING, RapidEngine, ScanRefused, read_scan
from app.importing.scan import ScanFields, form_values
from app.kit.registers.base import CHOICE

# registers a paper that came in is registered into (an outgoing register starts from a draft instead)
SCAN_REGISTERS = ("incoming", "plain_in", "cipher_in")
SCAN_ROLE = "扫描件"


@dataclass(frozen=True)
class ScanForm:
    """What the scan gives a form: field name → value (typed as the form's editors take them)."""

    register: str
    path: Path
    values: dict[str, Any]
    fields: ScanFields
    seconds: float
    preview: bytes = b""  # PNG of the page, 440 px wide, shown next to the form
    attachment: Any = None  # the file checked for attaching (app.kit.files Prepared)


class ScanService:
    def __init__(self, services: Any, engine: Any = None) -> None:
        self.services = services
        self.engine = engine or RapidEngine()

    @staticmethod
    def supports(register_key: str) -> bool:
        return register_key in SCAN_REGISTERS

    def max_bytes(self) -> int:
        from app.services.settings import get_value

        with self.services.db.read() as s:
            value = get_value(s, SCAN_MAX_SETTING)
        try:
            return int(float(value) * 1024 * 1024) if value not in (None, "") else MAX_SCAN_BYTES
        except (TypeError, ValueError):
            return MAX_SCAN_BYTES

    def warm_up(self) -> None:
        """Load the OCR models (≈1 s) before the first page arrives."""
        self.engine.load()

    def read(
        self, actor: Any, register_key: str, path: Path, progress: Callable[[str], None] | None = None
    ) -> ScanForm:
        reg = self.services.catalog.get(register_key)
        actor.require_role(*reg.write_roles, action=f"登记{reg.title}")
        if not self.supports(register_key):
            raise ScanRefused(f"{reg.title}不从扫描件登记")
        path = Path(path)
        attachment = self._prepared(path)
        result = read_scan(path, self.engine, self.max_bytes(), progress)
        names = [f.name for f in reg.form_fields]
        choices = {
            f.name: {member.label: member.value for member in f.choices or ()}
            for f in reg.form_fields
            if f.kind == CHOICE
        }
        values = form_values(result.fields, names, choices)
        return ScanForm(
            register_key, path, values, result.fields, result.seconds, _preview(result.image), attachment
        )

    def _prepared(self, path: Path) -> Any:
        """The scan checked as a file of the record before anything is read (the files' own limits)."""
        files = getattr(self.services, "files", None)
        if files is None:
            return None
        try:
            return files.prepare(path)
        except ValidationFailed as e:
            raise ScanRefused("；".join(e.errors.values()) or e.message)

    def attach_in_transaction(self, actor: Any, register_key: str, scan: ScanForm) -> Any:
        """``then(session, obj)`` for the new record's write: the scan attached as 扫描件 in the same
        commit, so a record is never saved without the scan it was registered from, nor the other way."""
        if scan.attachment is None:
            return None
        reg = self.services.catalog.get(register_key)
        files = self.services.files

        def attach(s: Any, obj: Any) -> None:
            files.attach_in(s, actor, reg, obj, scan.attachment, SCAN_ROLE, note="从扫描件登记")

        return attach


def _preview(image: Any, width: int = 440) -> bytes:
    import io

    if image is None:
        return b""
    small = image.resize((width, round(image.height * width / image.width)))
    buf = io.BytesIO()
    small.save(buf, "PNG")
    return buf.getvalue()
