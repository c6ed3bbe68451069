"""Accounts, the three administrators, the password policy, lockout and the audit chain."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.enums import AdminRole, Role, SecretLevel
from app.domain.errors import AccountLocked, Conflict, NotAuthenticated, PermissionDenied, ValidationFailed
from app.domain.policy import character_kinds, password_problem
from tests.conftest import PASSWORD

pytestmark = pytest.mark.both_databases  # the engine's SQL on SQLite and on PostgreSQL


def test_init_creates_three_separate_administrators_and_no_superuser(tmp_path):
    from app.bootstrap import open_services

    services = open_services(str(tmp_path / "new.sqlite"))
    created = services.accounts.initialise({r: "Init@1234x" for r in AdminRole})
    assert {u.admin_role for u in created} == set(AdminRole)
    assert all(not u.roles and u.must_change_password for u in created)
    with pytest.raises(Conflict):
        services.accounts.initialise({r: "Init@1234x" for r in AdminRole})
    services.close()


def test_weak_initial_passwords_are_refused_and_nothing_is_written(tmp_path):
    from app.bootstrap import open_services

    services = open_services(str(tmp_path / "new.sqlite"))
    with pytest.raises(ValidationFailed) as e:
        services.accounts.initialise(
            {AdminRole.SYSTEM: "short", AdminRole.SECURITY: "Init@1234x", AdminRole.AUDIT: "Init@1234x"}
        )
    assert "system_password" in e.value.errors
    from db.migrate import is_initialised

    assert not is_initialised(services.db.reader)
    services.close()


def test_each_administrator_does_only_their_own_part(services, actors):
    sysadmin, secadmin, auditor = actors["sysadmin"], actors["secadmin"], actors["auditor"]
    services.accounts.create_user(sysadmin, "newbie", "新人", "Fresh@1234")
    with pytest.raises(PermissionDenied):
        services.accounts.create_user(secadmin, "x2", "某", "Fresh@1234")
    with pytest.raises(PermissionDenied):
        services.accounts.grant_role(sysadmin, "newbie", Role.DOCUMENTS)
    info = services.accounts.grant_role(secadmin, "newbie", Role.DOCUMENTS)
    assert Role.DOCUMENTS in info.roles
    info = services.accounts.set_clearance(secadmin, "newbie", SecretLevel.SECRET)
    assert info.clearance is SecretLevel.SECRET
    with pytest.raises(PermissionDenied):
        services.accounts.set_clearance(auditor, "newbie", SecretLevel.TOP_SECRET)
    with pytest.raises(Conflict):
        services.accounts.grant_role(secadmin, "auditor", Role.LEADER)  # 三员 hold no business role


def test_administrators_cannot_read_business_records(actors):
    for login in ("sysadmin", "secadmin", "auditor"):
        actor = actors[login]
        assert not actor.has_role(*Role)
        assert not actor.can_see(SecretLevel.NONE)


def test_five_failures_lock_the_account_and_are_audited(services, actors):
    for _ in range(4):
        with pytest.raises(NotAuthenticated):
            services.auth.login("clerk", "wrong")
    with pytest.raises(AccountLocked):
        services.auth.login("clerk", "wrong")
    with pytest.raises(AccountLocked):
        services.auth.login("clerk", PASSWORD)  # even the right password, while locked
    total, rows = services.audit.search(actors["auditor"], user="clerk", action="login_failed")
    assert total == 6


def test_disabled_account_cannot_log_in(services, actors):
    services.accounts.set_active(actors["sysadmin"], "clerk", False)
    with pytest.raises(NotAuthenticated, match="停用"):
        services.auth.login("clerk", PASSWORD)
    services.accounts.set_active(actors["sysadmin"], "clerk", True)
    assert services.auth.login("clerk", PASSWORD).login == "clerk"


def test_reset_password_forces_a_change_at_next_login(services, actors):
    services.accounts.reset_password(actors["sysadmin"], "clerk", "Reset@2026")
    services.accounts.approve_password_reset(actors["secadmin"], "clerk")
    actor = services.auth.login("clerk", "Reset@2026")
    assert services.auth.needs_password_change(actor)
    with pytest.raises(ValidationFailed) as e:
        services.auth.change_password(actor, "Reset@2026", "weak")
    assert "new_password" in e.value.errors
    services.auth.change_password(actor, "Reset@2026", "Better#2026")
    assert services.auth.needs_password_change(actor) is None


def test_only_the_auditor_reads_the_audit_log(services, actors):
    for login in ("sysadmin", "secadmin", "clerk"):
        with pytest.raises(PermissionDenied):
            services.audit.search(actors[login])
    total, _ = services.audit.search(actors["auditor"])
    assert total > 0


@pytest.mark.sqlite_only  # tampers with the file itself (tests/db/test_postgresql.py: on a server)
def test_audit_chain_names_the_altered_and_the_removed_entry(services, db_path, actors):
    services.auth.login("clerk", PASSWORD)
    services.auth.login("leader", PASSWORD)
    assert services.audit.verify().ok
    con = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.DatabaseError):
        con.execute("DELETE FROM audit_log WHERE id = 2")
    con.execute("DROP TRIGGER audit_log_no_update")
    con.execute("UPDATE audit_log SET detail = 'edited' WHERE id = 2")
    con.commit()
    report = services.audit.verify()
    assert not report.ok and report.first_bad_id == 2
    con.execute("DROP TRIGGER audit_log_no_delete")
    con.execute("DELETE FROM audit_log WHERE id = 2")
    con.commit()
    report = services.audit.verify()
    assert not report.ok and report.first_bad_id == 2 and "删除" in report.reason


@given(st.text(max_size=30), st.text(alphabet="abcdefghij", min_size=0, max_size=8))
def test_password_rule_accepts_exactly_the_policy(password, login):
    problem = password_problem(password, login)
    strong = (
        len(password) >= 8
        and character_kinds(password) >= 3
        and password.lower() != login.lower()
        and not (len(login) >= 3 and login.lower() in password.lower())
    )
    assert (problem is None) == strong


@pytest.mark.sqlite_only  # tampers with the file itself (tests/db/test_postgresql.py: on a server)
def test_cutting_entries_off_the_end_of_the_audit_log_is_noticed(services, db_path):
    services.auth.login("clerk", PASSWORD)
    services.auth.login("leader", PASSWORD)
    total = services.audit.verify().entries
    con = sqlite3.connect(db_path)
    con.execute("DROP TRIGGER audit_log_no_delete")
    con.execute("DELETE FROM audit_log WHERE id > ?", (total - 2,))
    con.commit()
    report = services.audit.verify()
    assert not report.ok and "截断" in report.reason


def test_the_system_administrator_cannot_take_over_the_other_administrators(services, actors):
    with pytest.raises(PermissionDenied, match="三员"):
        services.accounts.reset_password(actors["sysadmin"], "secadmin", "Taken#2026x")
    with pytest.raises(PermissionDenied, match="三员"):
        services.accounts.set_active(actors["sysadmin"], "auditor", False)
    assert services.auth.login("secadmin", PASSWORD).login == "secadmin"


def test_demo_data_is_refused_on_a_database_with_accounts(services):
    from app.demo import fill_demo

    with pytest.raises(Conflict, match="新的空数据库"):
        fill_demo(services)
