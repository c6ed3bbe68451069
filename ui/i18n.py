"""Translation wrapper: user-facing strings go through QCoreApplication.translate with an explicit
context (self.tr() in a base class breaks in subclasses)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def install_qt_translations(app: QCoreApplication) -> bool:
    """Qt's own Chinese texts (确定/取消/关闭 on standard buttons, the file and print dialogs, the calendar)
    from the translations shipped with PySide6; the program's own strings are Chinese already. Returns
    False when the file is not there (the English texts of Qt then remain)."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder):
        translator.deleteLater()
        return False
    app.installTranslator(translator)
    return True
