"""本机密级 bounds what the machine may hold: a record above it is refused naming both levels, whatever the
user's clearance; it cannot be set below what is held; changing it is the 安全保密管理员's audited action."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.enums import SecretLevel
from app.domain.errors import PermissionDenied, ValidationFailed


def _cipher(level: str) -> dict:
    return {
        "at": "2026-03-05 09:30",
        "dept_no": "省委密电〔2026〕15号",
        "priority": "ordinary",
        "counterpart": "省委办公厅",
        "title": "关于测试的电报",
        "copies": 1,
        "secret_level": level,
    }


def test_a_record_above_the_machine_level_is_refused_whatever_the_clearance(services, actors):  # type: ignore[no-untyped-def]
    services.settings.update_policy(actors["secadmin"], machine_level=SecretLevel.SECRET.value)
    jiyao = actors["jiyao"]  # cleared for 绝密
    with pytest.raises(ValidationFailed) as e:
        services.registers.create(jiyao, "cipher_in", _cipher("confidential"))
    message = e.value.errors["secret_level"]
    assert "本机密级为秘密" in message and "机密级记录" in message
    assert services.registers.create(jiyao, "cipher_in", _cipher("secret"))["secret_level"] == "secret"


def test_an_import_names_each_row_above_the_machine_level(services, actors, tmp_path: Path):  # type: ignore[no-untyped-def]
    services.settings.update_policy(actors["secadmin"], machine_level=SecretLevel.NONE.value)
    csv = tmp_path / "收文.csv"
    csv.write_text(
        "收文日期,来文机关,标题,密级,份号\n2026-03-01,县教育局,甲,非密,\n2026-03-02,县公安局,乙,秘密,000001\n",
        encoding="utf-8",
    )
    plan = services.importer.plan(actors["clerk"], "incoming", csv)
    assert not plan.importable and [e.row for e in plan.errors] == [3]
    assert "本机密级为非密" in plan.errors[0].message and "秘密级记录" in plan.errors[0].message


def test_the_machine_level_cannot_go_below_what_is_held_and_only_security_sets_it(services, actors):  # type: ignore[no-untyped-def]
    services.registers.create(actors["jiyao"], "cipher_in", _cipher("confidential"))
    with pytest.raises(ValidationFailed, match="本机存有机密级记录"):
        services.settings.update_policy(actors["secadmin"], machine_level=SecretLevel.SECRET.value)
    with pytest.raises(PermissionDenied):
        services.settings.update_policy(actors["sysadmin"], machine_level=SecretLevel.TOP_SECRET.value)
    services.settings.update_policy(actors["secadmin"], machine_level=SecretLevel.CONFIDENTIAL.value)
    _, rows = services.audit.search(actors["auditor"], action="setting_change")
    assert rows and rows[0].user_login == "secadmin" and rows[0].object_type == "security_policy"


def test_the_demo_database_is_set_for_its_data(tmp_path: Path):  # type: ignore[no-untyped-def]
    from app.bootstrap import open_services
    from app.demo import fill_demo

    services = open_services(str(tmp_path / "demo.sqlite"))
    try:
        fill_demo(services)
        assert services.settings.policy().machine_secret_level is SecretLevel.TOP_SECRET
        assert services.registers.highest_level() is SecretLevel.TOP_SECRET
    finally:
        services.close()
