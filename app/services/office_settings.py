"""Office settings (系统设置) kept by the 系统管理员: numbering formats, the organ's names on printouts,
the archive's 全宗号, how long paper copies may stay out. Every key the program reads is declared here or
by an area, with a label, a check and a default, so none of them is a hidden constant."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.domain.enums import AdminRole
from app.domain.errors import ValidationFailed
from app.services import audit
from app.services.actor import Actor
from app.services.settings import get_value, set_value
from db.models.core import Setting

if TYPE_CHECKING:
    from app.services.container import Services


@dataclass(frozen=True)
class SettingSpec:
    key: str
    label: str
    default: Any = None
    help: str = ""
    # value text -> stored value; raises ValueError with a Chinese message
    parse: Callable[[str], Any] = lambda text: text.strip()
    # stored value -> the text a clerk reads and edits (a numbering template as "年-序号(4位)")
    show: Callable[[Any], str] = str
    register: str = ""  # a numbering format: the register whose next number the preview shows


@dataclass(frozen=True)
class SettingValue:
    spec: SettingSpec
    value: Any

    @property
    def text(self) -> str:
        if self.value is None or self.value == "":
            return ""
        return self.spec.show(self.value)

    @property
    def shown(self) -> str:
        if self.text:
            return self.text
        if self.spec.default in (None, ""):
            return "（未设置）"
        return f"（默认：{self.spec.show(self.spec.default)}）"


def _number_format(text: str) -> str:
    """A readable pattern ("年-序号(4位)") to the stored template; empty = back to the default."""
    from app.domain.numberpattern import to_template

    text = text.strip()
    return to_template(text) if text else ""


def _number_pattern(template: Any) -> str:
    from app.domain.numberpattern import to_pattern

    return to_pattern(str(template))


def _days_or_empty(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or int(text) > 365:
        raise ValueError("应为 0 到 365 之间的天数（0 表示当天），留空表示不限")
    return int(text)


def _limited(max_length: int) -> Callable[[str], str]:
    def parse(text: str) -> str:
        text = text.strip()
        if len(text) > max_length:
            raise ValueError(f"不能超过{max_length}个字")
        return text

    return parse


def text_setting(
    key: str, label: str, default: str = "", help: str = "", max_length: int = 60
) -> SettingSpec:
    return SettingSpec(key, label, default, help, _limited(max_length))


def register_specs(services: Services) -> list[SettingSpec]:
    """Numbering formats and copy due times of every declared register."""
    specs = []
    for reg in services.catalog:
        n = reg.numbering
        if n and n.format_setting:
            specs.append(
                SettingSpec(
                    n.format_setting,
                    f"{reg.title}：编号格式",
                    n.default_format,
                    f"{NUMBER_HELP}；只影响以后的编号",
                    _number_format,
                    show=_number_pattern,
                    register=reg.key,
                )
            )
    for reg in services.catalog:
        if reg.key in {f.register for f in services.forms()} and reg.classified:
            specs.append(
                SettingSpec(
                    f"copies.due_days.{reg.key}",
                    f"{reg.title}：文件份应退回天数",
                    None,
                    "0 = 当天；留空 = 涉密件当天、非密件不限",
                    _days_or_empty,
                )
            )
    return specs


NUMBER_HELP = "“年”= 年度，“序号”= 顺序号，“序号(4位)”= 补足4位，“代字”= 发文代字"


class OfficeSettingsService:
    def __init__(self, services: Services) -> None:
        self.services = services

    def specs(self) -> list[SettingSpec]:
        from app.kit.files.settings import setting_specs as files_specs
        from app.services.backup.service import setting_specs as backup_specs

        area_specs = [s for a in self.services.areas for s in a.settings]
        return [*area_specs, *register_specs(self.services), *backup_specs(), *files_specs()]

    def _spec(self, key: str) -> SettingSpec:
        for spec in self.specs():
            if spec.key == key:
                return spec
        raise ValidationFailed({"key": f"没有名为“{key}”的设置项"})

    def list(self, actor: Actor) -> list[SettingValue]:
        actor.require_admin(AdminRole.SYSTEM, "查看系统设置")
        with self.services.db.read() as s:
            return [SettingValue(spec, get_value(s, spec.key)) for spec in self.specs()]

    def preview(self, actor: Actor, key: str, text: str) -> str:
        """What the value typed so far would mean: for a numbering format the next number it would give
        ("下一个编号：2026-0013"); ValidationFailed (nothing saved) when the value would be refused."""
        actor.require_admin(AdminRole.SYSTEM, "查看系统设置")
        spec = self._spec(key)
        try:
            value = spec.parse(text or "")
        except ValueError as e:
            raise ValidationFailed({key: str(e)}) from None
        if not spec.register:
            return ""
        from datetime import date

        from app.domain.numberpattern import example
        from app.kit.registers.numbering import peek_next

        reg = self.services.catalog.get(spec.register)
        n = reg.numbering
        assert n is not None
        template = value or spec.default
        year = date.today().year
        series = reg.series_value or (n.series if isinstance(n.series, str) else "县委办发")
        with self.services.db.read() as s:
            seq = peek_next(s, f"{reg.model.__tablename__}:{series}", year)
        return f"下一个编号：{example(template, year=year, seq=seq, series=series)}"

    def set(self, actor: Actor, key: str, text: str) -> SettingValue:
        actor.require_admin(AdminRole.SYSTEM, "修改系统设置")
        spec = self._spec(key)
        try:
            value = spec.parse(text or "")
        except ValueError as e:
            raise ValidationFailed({key: str(e)}) from None
        with self.services.db.write() as s:
            before = get_value(s, key)
            if value in (None, ""):
                row = s.get(Setting, key)  # empty: back to the default, which is not always "nothing"
                if row is not None:
                    s.delete(row)
            else:
                set_value(s, key, value)
            audit.record(
                s,
                actor,
                "setting_change",
                "office_settings",
                key,
                detail={
                    "label": spec.label,
                    "before": spec.show(before) if before not in (None, "") else before,
                    "after": spec.show(value) if value not in (None, "") else value,
                },
            )
        return SettingValue(spec, value)


ORGAN_SETTING = "documents.organ_name"
DEFAULT_ORGAN = "中共××县委办公室"


def organ_name(services: Services) -> str:
    """The office's own name for form headings (系统设置 “本机关名称”)."""
    with services.db.read() as s:
        return get_value(s, ORGAN_SETTING) or DEFAULT_ORGAN
