"""The home tab: alerts first, acknowledging through the area's service, refresh."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.domain.enums import Role
from app.kit.area import Area, DashboardItem
from ui.home import HomeTab


class AlertDesk:
    """An area service with open alerts, acknowledged one by one (as the telegram area's is)."""

    def __init__(self) -> None:
        self.open = {7: "特提电报：关于防汛工作的紧急通知"}
        self.acknowledged: list[tuple[str, int]] = []

    def acknowledge_alert(self, actor, alert_id):  # type: ignore[no-untyped-def]
        self.acknowledged.append((actor.login, alert_id))
        self.open.pop(alert_id)


def _dashboard(services, actor):  # type: ignore[no-untyped-def]
    desk = services.service("desk")
    items = [
        DashboardItem("desk", "alert", title, "密码电报", datetime.now(), "desk_register", 1, alert_id)
        for alert_id, title in desk.open.items()
    ]
    items.append(DashboardItem("desk", "due_soon", "会议材料报送", "", datetime.now() + timedelta(days=1)))
    items.append(DashboardItem("desk", "overdue", "调研报告", "", datetime.now() - timedelta(days=2)))
    return items


@pytest.fixture
def desk_services(db_path):  # type: ignore[no-untyped-def]
    from app.services.container import Services
    from db.engine import Database

    area = Area(
        key="desk",
        title="值班台",
        roles=(Role.DOCUMENTS,),
        build_service=lambda s: AlertDesk(),
        dashboard=_dashboard,
    )
    s = Services(Database.open(str(db_path)), [area])
    yield s
    s.close()


def test_alerts_first_and_acknowledged_through_the_area_service(qtbot, desk_services):  # type: ignore[no-untyped-def]
    from tests.conftest import actor_for

    clerk = actor_for(desk_services, "clerk")
    home = HomeTab(desk_services, clerk)
    qtbot.addWidget(home)
    kinds = [home.table.item(r, 0).text() for r in range(home.table.rowCount())]
    assert kinds == ["紧急提醒", "已超期", "即将到期"]
    assert home.table.item(0, 1).text() == "值班台"
    assert "紧急提醒 1 项，已超期 1 项，即将到期 1 项" == home.summary.text()
    home.table.selectRow(1)
    assert not home.ack_button.isEnabled()  # an overdue item has nothing to acknowledge
    home.table.selectRow(0)
    assert home.ack_button.isEnabled()
    home.ack_button.click()
    assert desk_services.service("desk").acknowledged == [("clerk", 7)]
    assert [home.table.item(r, 0).text() for r in range(home.table.rowCount())] == ["已超期", "即将到期"]


def test_auto_refresh_picks_up_new_items(qtbot, desk_services):  # type: ignore[no-untyped-def]
    from tests.conftest import actor_for

    home = HomeTab(desk_services, actor_for(desk_services, "clerk"), refresh_ms=50)
    qtbot.addWidget(home)
    assert home.table.rowCount() == 3
    desk_services.service("desk").open[8] = "特急电报：关于寒潮的通报"
    qtbot.waitUntil(lambda: home.table.rowCount() == 4, timeout=3000)
