"""Classification leaks: the duplicate warning names only records the user may see; the administrators read
no business content in the audit log; a password reset needs the 安全保密管理员's approval; every login shows
the last one and the failed attempts and resets since."""

from __future__ import annotations

import pytest

from app.domain.errors import Conflict, NotAuthenticated, PermissionDenied
from tests.conftest import PASSWORD

DOC = {
    "received_at": "2026-03-05 09:30",
    "sender": "中共××市委",
    "sender_number": "市委发〔2026〕7号",
    "title": "关于重要人事安排的通知",
    "doc_type": "通知",
}


def test_the_duplicate_warning_names_only_records_the_clerk_may_see(services, actors):
    docs = services.service("documents").incoming
    secret = docs.receive(
        actors["jiyao"],
        {**DOC, "secret_level": "机密", "secret_period": "10年", "copies": "1", "copy_numbers": "001"},
    ).record
    clerk_copy = docs.receive(actors["clerk"], DOC)  # 秘密-cleared: must not learn the 机密 record exists
    assert clerk_copy.warnings == ()
    assert docs.duplicates(actors["clerk"], DOC["sender"], "市委发〔2026〕7号", 2026) == [
        clerk_copy.record["number"]
    ]
    leader = docs.receive(actors["leader"], DOC)  # 机密-cleared: both earlier ones
    assert secret["number"] in leader.warnings[0] and clerk_copy.record["number"] in leader.warnings[0]
    edited = docs.register(actors["clerk"], clerk_copy.record.id, {"title": "关于人事安排的通知"})
    assert secret["number"] not in "".join(edited.warnings)


def test_administrators_read_no_business_content_in_the_audit_log(services, actors, tmp_path):
    docs = services.service("documents").incoming
    rec = docs.receive(actors["clerk"], DOC).record  # unclassified
    docs.instruct(actors["leader"], rec.id, "请组织部阅处，务必保密", leader="周振荣")
    docs.register(actors["clerk"], rec.id, {"note": "内部备注：涉及干部调整"})
    _, rows = services.audit.search(actors["auditor"])
    mine = [r for r in rows if r.object_type == "incoming"]
    shown = " ".join(r.detail for r in mine)
    for content in ("重要人事", "组织部阅处", "干部调整", "市委发"):
        assert content not in shown
    assert rec["number"] in shown and "note" in shown and "批示" in shown  # number, field, action
    out = tmp_path / "audit.csv"
    services.audit.export_csv(actors["auditor"], out)
    assert "组织部阅处" not in out.read_text(encoding="utf-8-sig")
    assert services.audit.search(actors["auditor"], text="干部调整")[0] == 0


def test_a_password_reset_works_only_after_the_security_administrator_approves(services, actors):
    acc = services.accounts
    acc.reset_password(actors["sysadmin"], "clerk", "Taken#2026x")
    with pytest.raises(NotAuthenticated):
        services.auth.login("clerk", "Taken#2026x")  # the 系统管理员 alone cannot take the account over
    assert services.auth.login("clerk", PASSWORD).login == "clerk"
    assert acc.get(actors["secadmin"], "clerk").reset_pending_by == "sysadmin"
    with pytest.raises(PermissionDenied):
        acc.approve_password_reset(actors["sysadmin"], "clerk")
    acc.approve_password_reset(actors["secadmin"], "clerk")
    actor = services.auth.login("clerk", "Taken#2026x")
    assert services.auth.needs_password_change(actor)
    with pytest.raises(NotAuthenticated):
        services.auth.login("clerk", PASSWORD)
    with pytest.raises(Conflict):
        acc.approve_password_reset(actors["secadmin"], "clerk")  # nothing pending any more

    acc.reset_password(actors["sysadmin"], "leader", "Other#2026x")
    acc.approve_password_reset(actors["secadmin"], "leader", approve=False)
    assert services.auth.login("leader", PASSWORD).login == "leader"
    with pytest.raises(NotAuthenticated):
        services.auth.login("leader", "Other#2026x")


def test_every_login_shows_the_last_one_and_attempts_and_resets_since(services, actors):
    first = services.auth.login("clerk", PASSWORD)
    assert services.auth.login_notice(first).last_login is None
    calm = services.auth.login_notice(services.auth.login("clerk", PASSWORD))
    assert calm.last_login is not None and not calm.alarming and "上次登录" in calm.text
    for _ in range(2):
        with pytest.raises(NotAuthenticated):
            services.auth.login("clerk", "wrong-password")
    services.accounts.reset_password(actors["sysadmin"], "clerk", "Taken#2026x")
    services.accounts.approve_password_reset(actors["secadmin"], "clerk")
    notice = services.auth.login_notice(services.auth.login("clerk", "Taken#2026x"))
    assert notice.failures == 2 and notice.alarming
    assert (
        "2 次密码错误" in notice.text
        and "sysadmin 申请重置" in notice.text
        and "secadmin 批准" in notice.text
    )
    again = services.auth.login_notice(services.auth.login("clerk", "Taken#2026x"))
    assert again.failures == 0 and not again.resets  # counted since the last successful login only
