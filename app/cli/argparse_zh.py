"""argparse's own texts (usage, section titles, -h help, error lines) in Chinese.

argparse looks its texts up through the module's gettext function ``argparse._``; the standard library
ships no Chinese catalogue, so the command line replaces that function with this table once, before the
parser is built. Texts not listed stay as argparse wrote them."""

from __future__ import annotations

import argparse

TEXTS: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少以下参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项：%(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多一个值",
    "expected at least one argument": "至少需要一个值",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是：%(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 必须给出其中之一",
    "ignored explicit argument %r": "忽略了多余的值 %r",
}


def translate(text: str) -> str:
    return TEXTS.get(text, text)


def install_chinese_argparse() -> None:
    """Idempotent: every later parser, help and error message uses the Chinese texts."""
    argparse._ = translate  # type: ignore[attr-defined]
