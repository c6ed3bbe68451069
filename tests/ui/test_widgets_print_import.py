"""Print preview of a register book rendered by services.printing, printing onto a (PDF) printer with the
audit record, and the import wizard: dry-run preview, column mapping, row errors, skip and import."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.test_widgets_model import fill


def _printing(services):  # type: ignore[no-untyped-def]
    return services.printing


@pytest.fixture
def book_pdf(sample_services, actors, tmp_path):  # type: ignore[no-untyped-def]
    fill(sample_services, actors["clerk"], 90)
    return Path(_printing(sample_services).render_book(actors["clerk"], "sample", tmp_path / "book.pdf"))


def test_preview_shows_every_page_of_the_rendered_book(qtbot, book_pdf, sample_services, actors):
    from pypdf import PdfReader

    from ui.widgets.print_preview import PrintPreviewDialog

    pages = len(PdfReader(str(book_pdf)).pages)
    dialog = PrintPreviewDialog(book_pdf, services=sample_services, actor=actors["clerk"], what="样例登记簿")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.pages_ready, timeout=20000) as ready:
        dialog.show()
    assert ready.args == [pages] and pages >= 2
    assert dialog.pages_layout.count() == pages and dialog.print_button.isEnabled()
    image = dialog.images[0]
    assert image.width() > 1000  # A4/A3 at the preview's 144 dpi
    assert len({image.pixel(x, image.height() // 3) for x in range(0, image.width(), 7)}) > 1  # has ink
    before = dialog.pages_layout.itemAt(0).widget().pixmap().width()
    dialog.step_zoom(+1)
    assert dialog.pages_layout.itemAt(0).widget().pixmap().width() > before


def test_printing_paints_the_pages_and_records_the_job(
    qtbot, book_pdf, sample_services, actors, tmp_path, monkeypatch
):
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    from ui.widgets import print_preview

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    monkeypatch.setattr(print_preview, "choose_printer", lambda parent: printer)
    dialog = print_preview.PrintPreviewDialog(
        book_pdf, services=sample_services, actor=actors["clerk"], what="样例登记簿"
    )
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.print_button.isEnabled(), timeout=20000)
    with qtbot.waitSignal(dialog.printed, timeout=30000) as printed:
        dialog.print_button.click()
    pages = len(PdfReader(str(book_pdf)).pages)
    assert printed.args == [pages]
    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) == pages
    total, rows = sample_services.audit.search(actors["auditor"], action="print")
    assert any("样例登记簿" in str(getattr(r, "detail", r)) for r in rows)


def test_print_book_from_the_view_opens_the_preview(qtbot, sample_services, actors):
    from ui.widgets.register_view import RegisterView

    _printing(sample_services)
    fill(sample_services, actors["clerk"], 30)
    view = RegisterView(sample_services, actors["clerk"], "sample")
    qtbot.addWidget(view)
    view.search_box.setText("防汛")
    view.apply_query()
    view.action_print_book.trigger()
    qtbot.waitUntil(lambda: view.last_preview is not None, timeout=20000)
    qtbot.waitUntil(lambda: bool(view.last_preview.images), timeout=20000)
    assert view.last_preview.pages_layout.count() == len(view.last_preview.images)
    view.last_preview.close()


CSV = (
    "收到日期,来信单位,标题,页数,备注栏\n"
    "2026-3-1,县财政局,关于预算的报告,3,甲\n"
    "2026-02-30,县教育局,开学通知,2,乙\n"
    "2026年3月5日,市委办公室,防汛通知,三,丙\n"
    "2026.3.6,县政府办公室,会议通知,1,丁\n"
)


@pytest.fixture
def wizard(qtbot, sample_services, actors, tmp_path):  # type: ignore[no-untyped-def]
    from ui.widgets.import_wizard import ImportWizard

    path = tmp_path / "letters.csv"
    path.write_text(CSV, encoding="utf-8")
    w = ImportWizard(sample_services, actors["clerk"], "sample")
    qtbot.addWidget(w)
    w.path_edit.setText(str(path))
    with qtbot.waitSignal(w.plan_ready, timeout=15000):
        w.next_button.click()
    return w


def test_wizard_previews_mapping_rows_and_errors_before_writing(wizard, sample_services, actors):
    plan = wizard.plan
    assert plan.total_rows == 4 and plan.valid_rows == 2
    combos = [
        wizard.mapping_table.cellWidget(r, 2).currentText() for r in range(wizard.mapping_table.rowCount())
    ]
    assert combos[:4] == ["收到日期", "来信单位", "标题", "页数"]
    assert wizard.preview_table.rowCount() == 4 and wizard.preview_table.item(0, 2).text() == "关于预算的报告"
    errors = {
        (wizard.errors_table.item(r, 0).text(), wizard.errors_table.item(r, 1).text())
        for r in range(wizard.errors_table.rowCount())
    }
    assert errors == {("3", "收到日期"), ("4", "页数")}
    assert not wizard.import_button.isEnabled()  # errors and no 跳过错误行
    assert sample_services.registers.page(actors["clerk"], "sample").total == 0


def test_wizard_remaps_a_column_and_imports_skipping_bad_rows(qtbot, wizard, sample_services, actors):
    note_row = [wizard.mapping_table.item(r, 1).text() for r in range(wizard.mapping_table.rowCount())].index(
        "备注栏"
    )
    combo = wizard.mapping_table.cellWidget(note_row, 2)
    combo.setCurrentIndex(combo.findText("备注"))
    with qtbot.waitSignal(wizard.plan_ready, timeout=15000):
        wizard.recheck.click()
    assert any(c.field == "note" for c in wizard.plan.columns)
    wizard.skip_invalid.setChecked(True)
    assert wizard.import_button.isEnabled()
    with qtbot.waitSignal(wizard.finished_import, timeout=15000) as done:
        wizard.import_button.click()
    assert done.args[0].imported == 2 and done.args[0].skipped == 2
    assert "已导入 2 条" in wizard.result_label.text()
    page = sample_services.registers.page(actors["clerk"], "sample", sort=("received_on", False))
    assert [r["title"] for r in page.records] == ["关于预算的报告", "会议通知"]
    assert [r["note"] for r in page.records] == ["甲", "丁"]


def test_print_menu_renders_the_selected_record_form_and_previews_it(
    qtbot, sample_services, actors, monkeypatch
):
    from app.kit.area import FormSpec
    from app.printing.layouts import FORM
    from ui.widgets.register_view import RegisterView

    printing = _printing(sample_services)
    fill(sample_services, actors["clerk"], 5)
    spec = FormSpec("sample", "slip", "样例处理单", collect=lambda *a: None, layout=FORM)
    monkeypatch.setattr(
        sample_services, "forms", lambda register=None: [spec] if register == "sample" else []
    )
    monkeypatch.setattr(sample_services, "form", lambda register, key: spec)
    rendered = []

    def render_form(actor, register, form, record_id, out, fmt="pdf", copies=1):  # type: ignore[no-untyped-def]
        rendered.append((register, form, record_id))
        return printing.render_book(actor, register, out)  # any real PDF will do for the preview

    monkeypatch.setattr(printing, "render_form", render_form)
    view = RegisterView(sample_services, actors["clerk"], "sample")
    qtbot.addWidget(view)
    assert not view.action_print.isEnabled()  # nothing selected
    view.table.selectRow(1)
    assert view.action_print.isEnabled()
    view._fill_print_menu()
    assert [a.text() for a in view.print_menu.actions()] == ["样例处理单"]
    view.print_menu.actions()[0].trigger()
    record = view.model.record_at(1)
    assert rendered == [("sample", "slip", record.id)]
    assert view.last_preview.what == f"样例处理单 {record['number']}"
    qtbot.waitUntil(lambda: bool(view.last_preview.images), timeout=20000)
    view.last_preview.close()
    # the rendered file lives in the view's private folder, which goes with the view
    folder = Path(view.last_preview.pdf_path).parent
    assert folder.name.startswith("county-office-print-") and any(folder.iterdir())
    view.deleteLater()
    qtbot.waitUntil(lambda: not folder.exists(), timeout=5000)


def test_save_as_from_the_preview_is_audited_as_an_export(
    qtbot, book_pdf, sample_services, actors, tmp_path, monkeypatch
):  # type: ignore[no-untyped-def]
    import ui.widgets.print_preview as preview

    dialog = preview.PrintPreviewDialog(
        book_pdf, services=sample_services, actor=actors["clerk"], what="样例登记簿"
    )
    qtbot.addWidget(dialog)
    target = tmp_path / "存档" / "登记簿.pdf"
    monkeypatch.setattr(preview, "ask_save_path", lambda *a: target)
    dialog.save_as()
    assert target.read_bytes() == book_pdf.read_bytes() and dialog.saved_to == target
    _, rows = sample_services.audit.search(actors["auditor"], action="export")
    assert rows and "样例登记簿" in rows[0].detail and "登记簿.pdf" in rows[0].detail
