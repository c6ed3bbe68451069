"""The main window: tabs (工作台 first, then one per area the user works in; administrators see only their
screens), menus, toolbar, status bar, the idle lock. Everything else lives in the tabs."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QStackedWidget, QTabWidget, QWidget

from app import APP_TITLE, __version__
from app.domain.errors import AppError
from ui import messages
from ui.admin import admin_tabs
from ui.area_tabs import LazyTab, area_tab_of, build_area_tab, can_show, find_register_view
from ui.home import HomeTab
from ui.i18n import tr
from ui.lock import IdleWatcher, LockPage
from ui.settings_store import restore_window, save_window

if TYPE_CHECKING:
    from app.kit.area import Area
    from app.services.actor import Actor
    from app.services.container import Services
    from ui.widgets.register_view import RegisterView


class MainWindow(QMainWindow):
    # Emitted once when the window closes: (back_to_login, reason). back_to_login is True when the session
    # ended without quitting (locked account, 退出登录 on the lock screen).
    closed = Signal(bool, str)

    def __init__(
        self, services: Services, actor: Actor, idle_ms: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.locked = False
        self._ended = False
        self._back_to_login: tuple[bool, str] = (False, "")
        self.setWindowTitle(f"{APP_TITLE} — {actor.name}")
        self.area_tabs: dict[str, LazyTab] = {}
        self._watched: set[int] = set()

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.home: HomeTab | None = None
        self._build_tabs()
        self.lock_page = LockPage(services, actor)
        self.lock_page.unlocked.connect(self.unlock)
        self.lock_page.logout_requested.connect(self.end_session)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.lock_page)
        self.setCentralWidget(self.stack)

        self._build_actions()
        self.status_label = QLabel(self.status_text())
        self.statusBar().addPermanentWidget(self.status_label)
        services.db.on_wait = self._show_busy
        self.tabs.currentChanged.connect(self._update_edit_actions)
        self._update_edit_actions()

        policy = services.settings.policy()
        self.idle = IdleWatcher(idle_ms if idle_ms is not None else policy.idle_lock_minutes * 60_000, self)
        self.idle.idle.connect(self.lock)
        self.idle.start()
        if not restore_window("main", self):
            self._fit_first_window()

    def _show_busy(self, seconds: float) -> None:
        """数据库正忙 while a save waits for its turn. The wait runs on this thread, so the status bar is
        painted at once (repaint, not the event loop: no other click can slip in during a save)."""
        self.statusBar().showMessage(
            f"数据库正忙：其他用户或程序正在写入，本次保存正在排队等待（已等待 {seconds:.1f} 秒）……", 4000
        )
        self.statusBar().repaint()

    def _fit_first_window(self) -> None:
        """First run: 1280×800 where the screen has room, else the available area (a 1366×768 office screen
        minus its taskbar), placed inside it so the status bar is never off-screen."""
        from ui.widgets.screen import FRAME_H, FRAME_W

        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 800)
            return
        area = screen.availableGeometry()
        width = min(1280, area.width() - FRAME_W)
        height = min(800, area.height() - FRAME_H)
        self.resize(width, height)
        self.move(area.left() + (area.width() - width - FRAME_W) // 2, area.top())

    # --- tabs ----------------------------------------------------------------------------------------
    def _build_tabs(self) -> None:
        if self.actor.is_admin:
            for title, factory in admin_tabs(self.actor):
                self.tabs.addTab(factory(self.services, self.actor, None), title)
            return
        self.home = HomeTab(self.services, self.actor)
        self.home.record_requested.connect(self.open_record)
        self.tabs.addTab(self.home, tr("MainWindow", "工作台"))
        for area in self.services.visible_areas(self.actor):
            if not can_show(area, self.actor):
                continue
            tab = LazyTab(self._tab_factory(area))
            self.area_tabs[area.key] = tab
            self.tabs.addTab(tab, area.title)

    def _tab_factory(self, area: Area) -> Callable[[QWidget], QWidget]:
        return lambda parent: build_area_tab(self.services, self.actor, area, parent)

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def open_record(self, area: str, register: str, record_id: int) -> None:
        tab = self.area_tabs.get(area)
        if tab is None:
            return
        self.tabs.setCurrentWidget(tab)
        tab.ensure_built()
        content = area_tab_of(tab)
        if content is None:  # the tab could not be built: it says why
            return
        try:
            content.open_record(register, record_id)
        except AppError as e:
            messages.app_error(self, e)

    def show_record_details(self, area: str, register: str, record_id: int) -> None:
        """A record opened from another area (a 督办 item's 来源记录): its tab with the record selected and its
        details opened as a double-click in that tab opens them; the shared details when the user reads the
        register without having its tab (督查 reads the meetings it takes 议定事项 from).
        The areas never import each other: they ask the shell."""
        if area in self.area_tabs:
            self.open_record(area, register, record_id)  # AreaTab.open_record reveals and opens it
            return
        try:
            from ui.widgets.workflow_page import RecordDetailDialog

            RecordDetailDialog(self.services, self.actor, register, record_id, parent=self).exec()
        except AppError as e:
            messages.app_error(self, e)

    def current_register_view(self) -> RegisterView | None:
        return find_register_view(self.tabs.currentWidget())

    # --- menus, toolbar, status bar -------------------------------------------------------------------
    def _action(
        self, text: str, slot: Any, shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        def t(s: str) -> str:
            return tr("MainWindow", s)

        self.action_password = self._action(t("修改密码…"), self.change_password)
        self.action_lock = self._action(t("锁定"), self.lock, "Ctrl+L")
        self.action_quit = self._action(t("退出"), self.close, QKeySequence.StandardKey.Quit)
        # The register view owns Ctrl+N / Ctrl+F itself (registering them here too would make them ambiguous
        # and Qt would then fire neither); the menu only shows them.
        self.action_new = self._action(t("新建") + "\tCtrl+N", lambda: self._delegate("action_new"))
        self.action_find = self._action(t("查找") + "\tCtrl+F", lambda: self._delegate("focus_search"))
        self.action_new.setIconText(t("新建"))
        self.action_find.setIconText(t("查找"))
        self.action_print = self._action(t("打印"), self.print_current, "Ctrl+P")
        self.action_print.setToolTip(t("打印选中记录的表单；未选中记录时打印登记簿（Ctrl+P）"))
        self.action_about = self._action(t("关于"), self.about)
        menu = self.menuBar().addMenu(t("文件(&F)"))
        menu.addActions([self.action_password, self.action_lock])
        if tr("AdminTabs", "备份与恢复") in self.tab_titles():  # the 系统管理员's tab, from the menu too
            backups = self.tab_titles().index(tr("AdminTabs", "备份与恢复"))
            menu.addAction(self._action(t("备份与恢复…"), lambda: self.tabs.setCurrentIndex(backups)))
        menu.addSeparator()
        menu.addAction(self.action_quit)
        # Administrators never work in registers: no 编辑 menu for them.
        # Nor does a user whose posts have no area yet: no greyed 新建/查找/打印 (工作台 says why).
        has_registers = not self.actor.is_admin and bool(self.area_tabs)
        if has_registers:
            menu = self.menuBar().addMenu(t("编辑(&E)"))
            menu.addActions([self.action_new, self.action_find, self.action_print])
            self.action_statistics = self._action(t("年度统计报告…"), self.open_statistics)
            self.menuBar().addMenu(t("统计(&S)")).addAction(self.action_statistics)
        self.menuBar().addMenu(t("帮助(&H)")).addAction(self.action_about)
        self.toolbar = self.addToolBar(t("工具栏"))
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        if has_registers:
            self.toolbar.addActions([self.action_new, self.action_find, self.action_print])
            self.toolbar.addSeparator()
        self.toolbar.addActions([self.action_lock, self.action_password])

    def open_statistics(self) -> None:
        from ui.statistics import StatisticsDialog

        StatisticsDialog.open_for(self.services, self.actor, self)

    def _delegate(self, name: str) -> None:
        view = self.current_register_view()
        target = getattr(view, name, None) if view is not None else None
        if isinstance(target, QAction):
            if target.isEnabled():
                target.trigger()
        elif callable(target):
            target()

    def print_current(self) -> None:
        """The one 打印: the selected record's first form, or the register book when nothing is selected."""
        view = self.current_register_view()
        if view is None or self.locked:
            return
        form = getattr(view, "action_print", None)
        book = getattr(view, "action_print_book", None)
        if isinstance(form, QAction) and form.isEnabled():
            form.trigger()
        elif isinstance(book, QAction) and book.isEnabled():
            book.trigger()

    def _update_edit_actions(self) -> None:
        current = self.tabs.currentWidget()
        if isinstance(current, LazyTab) and not self.locked:
            current.ensure_built()  # built on show, which comes after currentChanged
        self._watch_sub_tabs(current)
        view = self.current_register_view()
        self._watch(view)
        new = getattr(view, "action_new", None) if view is not None else None
        self.action_new.setEnabled(not self.locked and isinstance(new, QAction) and new.isEnabled())
        printable = [getattr(view, n, None) for n in ("action_print", "action_print_book")] if view else []
        self.action_print.setEnabled(
            not self.locked and any(isinstance(a, QAction) and a.isEnabled() for a in printable)
        )
        self.action_find.setEnabled(not self.locked and view is not None)

    def _watch_sub_tabs(self, tab: Any) -> None:
        # An area's sub-tabs (收文/发文, 值班表/值班记录 …): switching them changes the current view, even when
        # the first sub-tab has no register (the view's own actions are watched once it is current).
        content = tab.content if isinstance(tab, LazyTab) else tab
        if not isinstance(content, QWidget):
            return
        widgets = [content, *content.findChildren(QTabWidget)]
        for widget in widgets:
            if isinstance(widget, QTabWidget) and id(widget) not in self._watched:
                self._watched.add(id(widget))
                widget.currentChanged.connect(self._update_edit_actions)

    def _watch(self, view: Any) -> None:
        # The view enables its own actions as the selection changes; follow them, not only tab changes.
        if view is None or id(view) in self._watched:
            return
        self._watched.add(id(view))
        for name in ("action_new", "action_print", "action_print_book"):
            action = getattr(view, name, None)
            if isinstance(action, QAction):
                action.changed.connect(self._update_edit_actions)
        # A sub-tab (收文/发文, each telegram register) switching changes the current view too.
        parent = view.parentWidget()
        while parent is not None and parent is not self.tabs:
            if isinstance(parent, QTabWidget) and id(parent) not in self._watched:
                self._watched.add(id(parent))
                parent.currentChanged.connect(self._update_edit_actions)
            parent = parent.parentWidget()

    def status_text(self) -> str:
        level = self.services.settings.policy().machine_secret_level.label
        return tr("MainWindow", "用户：{name}（{login}）　岗位：{roles}　本机密级：{level}").format(
            name=self.actor.name, login=self.actor.login, roles=self.actor.role_labels, level=level
        )

    def change_password(self) -> None:
        from ui.password import ChangePasswordDialog

        if ChangePasswordDialog.ask(self, self.services, self.actor):
            messages.info(self, tr("MainWindow", "修改密码"), tr("MainWindow", "密码已修改。"))

    def about(self) -> None:
        messages.info(
            self,
            tr("MainWindow", "关于"),
            tr("MainWindow", "{title}\n版本 {version}\n本程序不连接任何网络。").format(
                title=APP_TITLE, version=__version__
            ),
        )

    # --- the idle lock ----------------------------------------------------------------------------------
    def lock(self) -> None:
        if self.locked or self._ended:
            return
        self.locked = True
        self.idle.stop()
        # Dialogs left open would show records over the lock screen: close them.
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        self.stack.setCurrentWidget(self.lock_page)
        self.menuBar().setEnabled(False)
        self.toolbar.setEnabled(False)
        for action in (
            self.action_password,
            self.action_lock,
            self.action_new,
            self.action_find,
            self.action_print,
        ):
            action.setEnabled(False)
        self.lock_page.reset()
        try:
            self.services.auth.lock(self.actor)
        except AppError:
            pass  # locking must never fail because the audit write did

    def unlock(self) -> None:
        self.locked = False
        self.stack.setCurrentWidget(self.tabs)
        self.menuBar().setEnabled(True)
        self.toolbar.setEnabled(True)
        self.action_password.setEnabled(True)
        self.action_lock.setEnabled(True)
        self._update_edit_actions()
        self.idle.start()

    # --- ending the session -------------------------------------------------------------------------------
    def end_session(self, reason: str = "") -> None:
        """Log out and close the window, then let the application show the login again."""
        self._back_to_login = (True, reason)
        self._logout()
        self.close()

    def _logout(self) -> None:
        if self._ended:
            return
        self._ended = True
        self.idle.uninstall()
        try:
            self.services.auth.logout(self.actor)
        except AppError:
            pass

    def closeEvent(self, event: QCloseEvent) -> None:
        save_window("main", self)
        self._logout()
        if self.services.db.on_wait == self._show_busy:
            self.services.db.on_wait = None
        if self.home is not None:
            self.home.stop()
        super().closeEvent(event)
        self.closed.emit(*self._back_to_login)
