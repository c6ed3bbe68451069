"""The four telegram (电报) registers — 明传收 plain_in, 明传发 plain_out, 密码收 cipher_in, 密码发 cipher_out —
declared on one table (``series``), each numbered per year without gaps. 明传 = plain, 密码 = cipher,
部门号 = dept_no, 总号 = total_no, 译传号 = relay_no, 等级 = priority, 批办 = instructions, 阅电人 = readers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from app.domain.enums import Role, SecretLevel, TelegramPriority
from app.kit.registers.base import (
    CHOICE,
    DATE,
    DATETIME,
    DOCNO,
    INT,
    MULTILINE,
    TEXT,
    Field,
    Numbering,
    Register,
)
from db.models.telegrams import Telegram

PLAIN_IN, PLAIN_OUT, CIPHER_IN, CIPHER_OUT = "plain_in", "plain_out", "cipher_in", "cipher_out"
CIPHER = (CIPHER_IN, CIPHER_OUT)
INCOMING = (PLAIN_IN, CIPHER_IN)
URGENT_PRIORITIES = (TelegramPriority.FLASH.value, TelegramPriority.EXTRA_URGENT.value)

_OPEN, _CLOSE = "〔[(（【［〖", "〕])）】］〗"
_DEPT_NO = re.compile(
    r"^(?P<code>[^\d\s"
    + re.escape(_OPEN + _CLOSE)
    + r"]{1,20})\s*["
    + re.escape(_OPEN)
    + r"]\s*(?P<year>\d{4})\s*["
    + re.escape(_CLOSE)
    + r"]\s*第?\s*(?P<seq>\d{1,6})\s*号?$"
)
DEPT_NO_EXAMPLE = "国办明电〔2026〕8号"
CIPHER_DEPT_NO_EXAMPLE = "省委密电〔2026〕15号"


class TelegramNumberError(ValueError):
    """The message is Chinese and names the expected form."""


def normalise_dept_no(text: str) -> str:
    """部门号 in its standard form: '国办明电[2026]08号' → '国办明电〔2026〕8号'. Raises TelegramNumberError."""
    cleaned = unicodedata.normalize("NFKC", text or "").strip()
    if not cleaned:
        return ""
    m = _DEPT_NO.match(cleaned)
    if not m:
        raise TelegramNumberError(f"部门号应写成“{DEPT_NO_EXAMPLE}”的形式")
    year, seq = int(m.group("year")), int(m.group("seq"))
    if not 1949 <= year <= 2100:
        raise TelegramNumberError(f"部门号中的年份{year}不合理")
    if seq == 0:
        raise TelegramNumberError("部门号的顺序号应从1开始")
    return f"{m.group('code').strip()}〔{year}〕{seq}号"


def normalise_serial(text: str) -> str:
    """总号/译传号: digits only (leading zeros kept, as the 机要 staff write them). Raises TelegramNumberError."""
    cleaned = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))
    if cleaned and not re.fullmatch(r"[0-9]{1,10}", cleaned):
        raise TelegramNumberError("应为不超过10位的数字")
    return cleaned


def _lenient(fn):  # type: ignore[no-untyped-def]
    """A normaliser that leaves bad text as typed, so the field's validator can name the error."""

    def run(text: str) -> str:
        try:
            return fn(text)
        except ValueError:
            return unicodedata.normalize("NFKC", text or "").strip()

    return run


def _checked(fn, label: str):  # type: ignore[no-untyped-def]
    def validate(value: Any, _values: Mapping[str, Any]) -> str | None:
        try:
            fn(value or "")
        except ValueError as e:
            return str(e) if str(e).startswith(label) else f"{label}{e}"
        return None

    return validate


def _copy_no(value: Any, _values: Mapping[str, Any]) -> str | None:
    from app.kit.copies import normalise_copy_no

    if not value:
        return None
    try:
        normalise_copy_no(value)
    except ValueError as e:
        return str(e)
    return None


def _form_check(cipher: bool):  # type: ignore[no-untyped-def]
    def check(values: Mapping[str, Any]) -> dict[str, str]:
        level = SecretLevel(values.get("secret_level") or SecretLevel.NONE.value)
        if cipher and not level.is_classified:
            return {"secret_level": "密码电报须标明密级（秘密、机密或绝密）"}
        if not cipher and level.is_classified:
            return {"secret_level": "涉密内容不得明传，请登记为密码电报"}
        return {}

    return check


def _fields(key: str) -> tuple[Field, ...]:
    incoming, cipher = key in INCOMING, key in CIPHER
    when = "收电时间" if incoming else "发电时间"
    party = "来电单位" if incoming else "发往单位"
    head: tuple[Field, ...] = (
        Field(
            "at",
            when,
            DATETIME,
            required=True,
            filterable=True,
            list_width=120,
            print_width=1.1,
            synonyms=("时间", "日期", "收电日期" if incoming else "发电日期", "日期时间"),
            content=DATE,
            form_default="now",
        ),
        Field(
            "dept_no",
            "部门号",
            TEXT,
            required=incoming,
            live_only=True,  # old books do not always have it: imported history is marked instead
            content=DOCNO,
            searchable=True,
            max_length=64,
            list_width=150,
            print_width=1.4,
            normalizer=_lenient(normalise_dept_no),
            validator=_checked(normalise_dept_no, ""),
            placeholder=f"如：{CIPHER_DEPT_NO_EXAMPLE if cipher else DEPT_NO_EXAMPLE}",
            synonyms=(
                "电报号",
                "电报编号",
                "电报字号",
                "来电号" if incoming else "发电号",
                "来电编号" if incoming else "发电编号",
                "来电字号" if incoming else "发电字号",
                "电号",
            ),
        ),
    )
    serials: tuple[Field, ...] = (
        (
            Field(
                "total_no",
                "总号",
                TEXT,
                max_length=16,
                searchable=True,
                list_width=70,
                print_width=0.7,
                normalizer=_lenient(normalise_serial),
                validator=_checked(normalise_serial, "总号"),
            ),
            Field(
                "relay_no",
                "译传号",
                TEXT,
                max_length=16,
                searchable=True,
                list_width=70,
                print_width=0.7,
                normalizer=_lenient(normalise_serial),
                validator=_checked(normalise_serial, "译传号"),
                synonyms=("译电号",),
            ),
        )
        if cipher
        else ()
    )
    body: tuple[Field, ...] = (
        Field(
            "priority",
            "等级",
            CHOICE,
            required=True,
            choices=TelegramPriority,
            default=TelegramPriority.ORDINARY.value,
            filterable=True,
            list_width=55,
            print_width=0.6,
            synonyms=("电报等级", "紧急程度", "缓急"),
        ),
        Field(
            "counterpart",
            party,
            TEXT,
            required=True,
            searchable=True,
            autocomplete=True,
            filterable=True,
            max_length=128,
            list_width=150,
            print_width=1.4,
            synonyms=("来电机关", "发电单位") if incoming else ("收电单位", "主送"),
        ),
        Field(
            "title",
            "标题",
            TEXT,
            required=True,
            searchable=True,
            max_length=300,
            list_width=320,
            print_width=3,
            synonyms=("电报标题", "事由", "内容"),
        ),
        Field(
            "pages", "页数", INT, min_value=1, max_value=999, list_width=45, print_width=0.5, synonyms=("页",)
        ),
        Field(
            "copies_count",
            "份数",
            INT,
            required=True,
            default=1,
            min_value=1,
            max_value=999,
            list_width=45,
            print_width=0.5,
            synonyms=("份",),
        ),
        Field(
            "first_copy_no",
            "起始份号",
            TEXT,
            max_length=6,
            in_list=False,
            in_print=False,
            validator=_copy_no,
            placeholder="如：000121（不填从000001起）",
            synonyms=("份号",),
        ),
        Field(
            "instructions",
            "批办",
            MULTILINE,
            max_length=2000,
            in_list=False,
            searchable=True,
            in_print=False,  # on the 阅电单, not a column of the paper 登记簿 (it cost a page in three)
            synonyms=("拟办", "拟办意见", "批办意见"),
            group="办理",
        ),
        Field(
            "leader_remarks",
            "领导批示",
            MULTILINE,
            max_length=4000,
            in_list=False,
            searchable=True,
            in_print=False,  # on the 阅电单 and in the details, as on paper
            synonyms=("批示",),
            group="办理",
        ),
        Field(
            "readers",
            "阅电人",
            TEXT,
            max_length=300,
            searchable=True,
            list_width=120,
            print_width=1.2,
            synonyms=("阅电", "传阅人"),
            group="办理",
        ),
        Field(
            "handler_unit",
            "承办单位",
            TEXT,
            max_length=128,
            autocomplete=True,
            filterable=True,
            searchable=True,
            list_width=110,
            print_width=1.1,
            synonyms=("承办", "主办单位"),
            group="办理",
        ),
        Field(
            "result",
            "办理结果",
            MULTILINE,
            max_length=2000,
            in_list=False,
            print_width=1.4,
            synonyms=("办结情况", "办理情况"),
            group="办理",
        ),
    )
    reply: tuple[Field, ...] = (
        ()
        if incoming
        else (
            Field(
                "reply_to",
                "所复来电",
                TEXT,
                max_length=64,
                in_list=False,
                in_print=False,
                searchable=True,
                placeholder="复电时填来电的登记编号或部门号",
                synonyms=("复电", "答复来电"),
            ),
        )
    )
    return (*head, *serials, *body, *reply)


def _register(key: str, title: str, prefix: str, hooks: Callable[[str], Mapping[str, Any]]) -> Register:
    cipher = key in CIPHER
    roles = (Role.CONFIDENTIAL,) if cipher else (Role.CONFIDENTIAL, Role.LEADER)
    return Register(
        key=key,
        title=title,
        book_title=f"{title}登记簿",
        model=Telegram,
        fields=_fields(key),
        read_roles=roles,
        write_roles=(Role.CONFIDENTIAL,),
        series_value=key,
        record_label="电报",
        numbering=Numbering(key, "at", f"{prefix}〔{{year}}〕{{seq}}号", f"numbering.{key}"),
        number_label="登记号",
        date_field="at",
        default_sort=("number", True),
        form_validator=_form_check(cipher),
        exportable=not cipher,
        secrecy_after="priority",
        # a 密码电报 is never 非密: its form starts at the lowest level the register allows
        lowest_secret_level=SecretLevel.SECRET.value if cipher else "",
        **hooks(key),
    )


def telegram_registers(hooks: Callable[[str], Mapping[str, Any]]) -> tuple[Register, ...]:
    """The four registers; ``hooks(key)`` gives the service's db_validator/after_save for one register (the
    workflow lives in app.areas.telegrams, the declarations stay plain data)."""
    return (
        _register(PLAIN_IN, "明传电报收电", "明收", hooks),
        _register(PLAIN_OUT, "明传电报发电", "明发", hooks),
        _register(CIPHER_IN, "密码电报收电", "密收", hooks),
        _register(CIPHER_OUT, "密码电报发电", "密发", hooks),
    )
