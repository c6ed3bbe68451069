"""Autocomplete from earlier values, matching a substring of the text OR of its pinyin initials
(typing "swbgs" offers 市委办公室), the way office staff type unit names."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit


def pinyin_initials(text: str) -> str:
    """Lower-case pinyin first letters of each character; other characters kept as they are."""
    from pypinyin import Style, lazy_pinyin  # loads its dictionary: only when first needed

    return "".join(p[:1] for p in lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default")).lower()


class PinyinMatcher:
    """Ranks candidates for a typed text: prefix before substring, text before initials."""

    def __init__(self, values: Sequence[str]) -> None:
        self.values = [v for v in values if v]
        self._initials: list[str] | None = None  # computed on the first ASCII query

    def _initials_list(self) -> list[str]:
        if self._initials is None:
            self._initials = [pinyin_initials(v) for v in self.values]
        return self._initials

    def matches(self, typed: str, limit: int = 30) -> list[str]:
        typed = typed.strip()
        if not typed:
            return []
        lowered = typed.lower()
        scored: list[tuple[int, int, str]] = []
        ascii_query = lowered.isascii() and lowered.isalpha()
        initials = self._initials_list() if ascii_query else [""] * len(self.values)
        for order, (value, ini) in enumerate(zip(self.values, initials)):
            low = value.lower()
            if low.startswith(lowered):
                rank = 0
            elif lowered in low:
                rank = 1
            elif ascii_query and ini.startswith(lowered):
                rank = 2
            elif ascii_query and lowered in ini:
                rank = 3
            else:
                continue
            if value == typed:
                continue  # already typed in full: nothing to offer
            scored.append((rank, order, value))
        scored.sort()
        return [v for _, _, v in scored[:limit]]


class PinyinCompleter(QCompleter):
    """A completer whose candidate list is recomputed on each edit (QCompleter alone cannot match
    pinyin initials), shown unfiltered."""

    def __init__(self, values: Sequence[str] | Callable[[], Sequence[str]], line_edit: QLineEdit) -> None:
        """``values`` may be a callable: then the earlier values are queried on the first keystroke
        (a GROUP BY over a large register is too slow to run while a view opens)."""
        self._model = QStringListModel()
        super().__init__(self._model, line_edit)
        self._source = values
        self._matcher: PinyinMatcher | None = None if callable(values) else PinyinMatcher(values)
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setMaxVisibleItems(12)
        self._edit = line_edit
        # setWidget, not QLineEdit.setCompleter: the line edit would otherwise re-filter our list by
        # prefix and drop the pinyin matches.
        self.setWidget(line_edit)
        self.activated[str].connect(self._chosen)
        line_edit.textEdited.connect(self._update)

    @property
    def matcher(self) -> PinyinMatcher:
        if self._matcher is None:
            source = self._source
            self._matcher = PinyinMatcher(source() if callable(source) else source)
        return self._matcher

    def candidates(self) -> list[str]:
        return self._model.stringList()

    def _chosen(self, text: str) -> None:
        self._edit.setText(text)

    def _update(self, text: str) -> None:
        found = self.matcher.matches(text)
        self._model.setStringList(found)
        if found and self._edit.hasFocus():
            self.complete()
        elif not found:
            self.popup().hide()
