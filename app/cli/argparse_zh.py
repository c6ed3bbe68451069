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


HELP_COLUMNS = 100  # the widest help line; a Chinese character takes two columns of a terminal


def display_width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# never at the start of a line (a line may not begin with closing punctuation)
_CLOSING = set("，。、；：？！）」』】》”’,.;:?!)")


def wrap_width(text: str, width: int, indent: str = "") -> list[str]:
    """``text`` broken into lines of at most ``width`` terminal columns: between any two Chinese
    characters, at spaces between words, never inside a Latin word or option, never before a closing
    punctuation mark. Continuation lines start with ``indent``."""
    import re

    tokens = re.findall(r"[!-~]+ *|[^\x00-\x7f] *| +", text)  # Latin words, single CJK characters
    lines: list[str] = []
    line = ""
    for token in tokens:
        if line and display_width(line + token.rstrip()) > width:
            carry = ""
            if token.strip() in _CLOSING and len(line.strip()) > 1:  # a lone mark, not ".xlsx"
                line, carry = line[:-1], line[-1]  # take the last character down with the punctuation
            lines.append(line.rstrip())
            line = indent + carry + token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


class WidthHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Help that fits :data:`HELP_COLUMNS` terminal columns with Chinese text (argparse measures with
    len(), which counts a Chinese character as one column, so its lines come out twice too wide).
    Lines of the description and epilog that fit are kept as written (lists, examples, indentation)."""

    def __init__(self, prog: str, **kw: object) -> None:
        import shutil

        columns = min(shutil.get_terminal_size((HELP_COLUMNS, 24)).columns, HELP_COLUMNS)
        super().__init__(prog, width=max(columns, 60), max_help_position=24)

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:  # the help column clears the widest option on screen
            shown = display_width(self._format_action_invocation(action)) + self._current_indent
            self._action_max_length = max(self._action_max_length, shown)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap_width(" ".join(text.split()), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        out: list[str] = []
        for line in text.splitlines():
            lead = line[: len(line) - len(line.lstrip())]
            if display_width(indent + line) <= width:
                out.append(indent + line)
            else:
                out.extend(wrap_width(indent + line, width, indent + lead))
        return "\n".join(out)

    def format_help(self) -> str:
        # argparse pads an option to the help column by len(); "--sheet 工作表" is wider on screen
        import re

        lines = []
        for line in super().format_help().split("\n"):
            m = re.match(r"^(  -\S.*?)( {2,})(\S.*)$", line)
            if m and display_width(m.group(1)) != len(m.group(1)):
                gap = len(m.group(2)) - (display_width(m.group(1)) - len(m.group(1)))
                line = m.group(1) + " " * max(gap, 2) + m.group(3)
            lines.append(line)
        return "\n".join(lines)
