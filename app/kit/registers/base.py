"""The register declaration: fields with label, type, choices, validation, import synonyms and
list/print columns; numbering; who may read and write."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table

from app.domain.enums import LabeledEnum, Role
from db.models.common import RegisterRecord

# Content kinds recognised in a column whose header is unknown (Field.content).
DOCNO, SECRET, IDCARD = "docno", "secret", "idcard"

# Field kinds understood by the form dialog, the importer and the validators.
TEXT = "text"
MULTILINE = "multiline"
INT = "int"
DATE = "date"
DATETIME = "datetime"
CHOICE = "choice"
BOOL = "bool"

Validator = Callable[[Any, Mapping[str, Any]], "str | None"]


@dataclass(frozen=True)
class Field:
    name: str  # attribute of the model
    label: str  # Chinese label shown and printed
    kind: str = TEXT
    required: bool = False
    choices: type[LabeledEnum] | None = None
    max_length: int | None = 200
    min_value: int | None = None
    max_value: int | None = None
    synonyms: tuple[str, ...] = ()  # other header texts offices use for this column (import)
    in_list: bool = True  # shown as a column of the table view
    list_width: int = 100  # in pixels
    in_print: bool = True  # printed as a column of the register book
    print_width: float = 1.0  # relative width in the printed book
    searchable: bool = False  # part of the full-text search
    filterable: bool = False  # offered in the filter bar (choices, dates, units)
    autocomplete: bool = False  # completer from earlier values (also by pinyin initials)
    editable: bool = True  # False: generated (编号) or set by a workflow step
    in_form: bool = True
    validator: Validator | None = None
    normalizer: Callable[[str], str] | None = None  # e.g. 文号 to its standard form
    default: Any = None
    placeholder: str = ""
    group: str = ""  # form section heading
    # Required (or checked) only when registered live: an imported history row may lack it (拟稿人,
    # 公开属性 …); the record is then marked with what is missing instead of being refused.
    live_only: bool = False
    # What a column of this field looks like, for recognising a column by its content when its header
    # is unknown: DOCNO (〔2025〕-style numbers), DATE, SECRET (秘密/机密), IDCARD (18-character ID numbers).
    content: str = ""
    # shown masked (e.g. 110***********1234) in lists, exports and printouts to users without the
    # register's ``reveal_roles``: (stored text) -> masked text
    mask: Callable[[str], str] | None = None
    # What a NEW record's form starts with when the value depends on the moment or the user: "now" (date and
    # time), "today" or "current_user" (the name of whoever fills the form). Saving still validates it.
    form_default: str = ""

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.label, *self.synonyms)


@dataclass(frozen=True)
class Numbering:
    """How records get their number: per ``series`` per year, never reused.

    ``default_format`` uses {year}, {seq} and {seq:04d}-style placeholders; an office may override it in
    settings under ``format_setting``.
    """

    series: str | Callable[[Mapping[str, Any]], str]
    year_field: str  # the date field whose year the number belongs to
    default_format: str = "{year}-{seq:04d}"
    format_setting: str = ""
    # Importing history: a number written in the book is kept. ``parse(text)`` gives (series or "", year,
    # seq, standard text) and raises ValueError with a Chinese message; without it the number is read by
    # ``default_format``. ``series_field`` receives the series when empty (发文: 机关代字 from 发文字号).
    parse: Callable[[str], tuple[str, int, int, str]] | None = None
    series_field: str = ""
    content: str = ""  # content kind of the number column (DOCNO for 发文字号), see Field.content

    def series_for(self, values: Mapping[str, Any]) -> str:
        return self.series(values) if callable(self.series) else self.series


@dataclass(frozen=True)
class SettingChange:
    key: str
    label: str  # the setting's label in 系统设置
    before: Any
    after: Any


@dataclass(frozen=True)
class Vocabulary:
    """A field whose values come from a table the office edits in 系统设置 (会议类型). Live registration
    refuses a value outside the table; an imported book's history is what the office did, so its new
    values are added to the table instead: listed by the dry run, added in the import's transaction and
    audited as a settings change.

    ``terms(session)`` is the table today; ``add(session, new)`` adds them and returns what changed;
    ``describe(new)`` is the dry run's line (what adding them means, e.g. 不计入大型会议)."""

    field: str
    label: str  # 会议类型
    terms: Callable[[Any], Sequence[str]]
    add: Callable[[Any, Sequence[str]], Sequence[SettingChange]]
    describe: Callable[[Sequence[str]], str] | None = None

    def message(self, new: Sequence[str]) -> str:
        if self.describe is not None:
            return self.describe(new)
        return f"将新增{self.label}：{'、'.join(new)}（可在系统设置中修改）"


@dataclass(frozen=True)
class History:
    """How rows of an office's old book become records (import): their final state comes from the book.

    ``state_words`` maps what books write in a state/办理情况 column (已办结, 在办 …) to a state value
    besides the state labels; ``derive_state(values)`` gives the state when the book says nothing;
    ``relaxed_checks`` are form-check keys that only a live registration must satisfy (they become
    "missing" on the record); ``copy_field`` is the 份号 field: classified history without it is imported
    and flagged 份号待补; ``vocabularies`` and ``marked_checks`` are described where declared."""

    state_field: str = ""
    state_words: Mapping[str, str] = field(default_factory=dict)
    derive_state: Callable[[Mapping[str, Any]], str | None] | None = None
    relaxed_checks: tuple[str, ...] = ()
    copy_field: str = ""
    vocabularies: tuple[Vocabulary, ...] = ()
    # Approval rules of live registration (工作餐 once, 陪餐 limits, spending standards): a book's row
    # that breaks one records what happened, so it is imported and marked (import_rule_notes, a filter)
    # instead of refused. Keys are the form/database check keys.
    marked_checks: tuple[str, ...] = ()


@dataclass(frozen=True)
class CustomFilter:
    """A filter the filter bar offers beside the field filters: ``clause(table)`` is a SQL condition."""

    name: str
    label: str
    clause: Callable[[Any], Any]


@dataclass(frozen=True)
class Register:
    key: str  # stable English name used on the command line: incoming, outgoing …
    title: str  # 收文登记
    book_title: str  # 收文登记簿
    model: type[RegisterRecord]  # the SQLAlchemy model of the register's table
    fields: tuple[Field, ...]
    read_roles: tuple[Role, ...]
    write_roles: tuple[Role, ...]
    numbering: Numbering | None = None
    number_label: str = "编号"
    date_field: str = ""  # the field used for year/period filters and default sort
    default_sort: tuple[str, bool] = ("id", True)  # (field, descending)
    classified: bool = True  # has 密级/保密期限 fields
    series_value: str = ""  # fixed series for registers sharing one table (明传收 …)
    record_label: str = "记录"
    form_validator: Callable[[Mapping[str, Any]], Mapping[str, str]] | None = None
    # Texts from related rows that the search box should also find (e.g. 领导批示): (session, id) -> texts
    search_extra: Callable[[Any, int], Sequence[str]] | None = None
    filters: tuple[CustomFilter, ...] = ()  # area-specific filters (超期, 在办 …)
    # Row colouring in the table view: "overdue" (red), "due_soon" (amber) or None. Plain data in, so the
    # UI stays free of area logic and areas stay free of Qt.
    row_state: Callable[[Record], str | None] | None = None
    # Paper copies (份号): "return" — each copy is due back for 清退 from the record's date (telegrams);
    # "reading" — a copy is due back only while it is out with a reader, from the time it was sent (传阅).
    copies_due: str = "return"
    print_secret_period: bool = True  # False: the register book leaves out the 保密期限 column
    # False: records may not leave the program by export (密码电报); the register book and forms still print.
    exportable: bool = True
    # The form follows the paper form: the 密级/保密期限 fields come right after this field and in its
    # section ("" = at the top). The 密级 a new record's FORM starts at ("" = 非密; 秘密 for 密码电报);
    # saving without a 密级 is still refused where the register requires one.
    secrecy_after: str = ""
    lowest_secret_level: str = ""
    # Fields of a record that a workflow step has fixed, so the edit form shows them read-only and saving
    # refuses a change: (record) -> {field name: the Chinese reason, naming the step that changes it}.
    locked_fields: Callable[[Record], Mapping[str, str]] | None = None

    @property
    def table(self) -> Table:
        """The model's table, typed for the queries of the register engine and the search index."""
        table = self.model.__table__
        assert isinstance(table, Table)
        return table

    def locks(self, record: Record) -> Mapping[str, str]:
        return self.locked_fields(record) if self.locked_fields else {}

    # Checks that need the database (e.g. 密电不得明复): (session, values, existing obj or None) ->
    # {field: Chinese message}; run inside the saving transaction by create/update/bulk import.
    db_validator: Callable[[Any, Mapping[str, Any], Any], Mapping[str, str]] | None = None
    # Side effects of saving, in the same transaction (copies per 份数, alerts): (session, actor, obj, created)
    after_save: Callable[[Any, Any, Any, bool], None] | None = None
    history: History = History()
    # who sees masked fields (Field.mask) in full; everyone else gets the masked text everywhere
    reveal_roles: tuple[Role, ...] = ()
    # True: opening one record (details, form, history, a printed form) is audited even when unclassified
    # (personal data such as a 信访人's identity)
    audit_views: bool = False

    def field(self, name: str) -> Field:
        for f in self.all_fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def all_fields(self) -> tuple[Field, ...]:
        return (*self.base_fields(), *self.fields)

    def base_fields(self) -> tuple[Field, ...]:
        from dataclasses import replace

        from app.kit.registers.common import number_field, secrecy_fields

        head = (number_field(self.number_label),) if self.numbering else ()
        fields = secrecy_fields() if self.classified else ()
        if not self.print_secret_period:
            fields = tuple(replace(f, in_print=False) if f.name == "secret_period" else f for f in fields)
        return (*head, *fields)

    @property
    def list_fields(self) -> list[Field]:
        return [f for f in self.all_fields if f.in_list]

    @property
    def print_fields(self) -> list[Field]:
        return [f for f in self.all_fields if f.in_print]

    @property
    def form_fields(self) -> list[Field]:
        """In the paper form's order: declaration order, the 密级 fields moved after ``secrecy_after``."""
        fields = [f for f in self.all_fields if f.in_form]
        if not self.secrecy_after or not self.classified:
            return fields
        from dataclasses import replace

        secret = [f for f in fields if f.name in ("secret_level", "secret_period")]
        rest = [f for f in fields if f not in secret]
        at = next((i for i, f in enumerate(rest) if f.name == self.secrecy_after), None)
        if at is None:
            return fields
        moved = [replace(f, group=rest[at].group) for f in secret]
        return [*rest[: at + 1], *moved, *rest[at + 1 :]]

    @property
    def search_fields(self) -> list[Field]:
        return [f for f in self.all_fields if f.searchable]

    @property
    def filter_fields(self) -> list[Field]:
        return [f for f in self.all_fields if f.filterable]


class RegisterCatalog:
    """All registers of the application, by key. Built in bootstrap from the areas that exist."""

    def __init__(self, registers: Sequence[Register] = ()) -> None:
        self._by_key: dict[str, Register] = {}
        for r in registers:
            self.add(r)

    def add(self, register: Register) -> None:
        if register.key in self._by_key:
            raise ValueError(f"register {register.key} declared twice")
        self._by_key[register.key] = register

    def get(self, key: str) -> Register:
        try:
            return self._by_key[key]
        except KeyError:
            from app.domain.errors import NotFound

            raise NotFound(f"没有名为“{key}”的登记簿。可用：{', '.join(self._by_key)}") from None

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._by_key.values())

    def keys(self) -> list[str]:
        return list(self._by_key)


@dataclass(frozen=True)
class Record:
    """One register row as plain data: raw values keyed by field name."""

    id: int
    values: Mapping[str, Any] = field(default_factory=dict)
    voided: bool = False

    def __getitem__(self, name: str) -> Any:
        return self.values.get(name)


@dataclass(frozen=True)
class Page:
    total: int
    offset: int
    records: tuple[Record, ...]
    capped: bool = False  # a search matched more than total; only the newest ``total`` are listed
