"""Files on records through the service: attach and list with who/when/size/SHA-256, draft versions kept,
bad input refused with nothing half-attached, the record's clearance and rules on every read, every read
audited, `check` finding a changed byte, backup and restore carrying the files."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from app.domain.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from app.kit.files.check import verify_files
from tests.support.files import docx_bytes, encrypted_pdf, image_bytes, pdf_bytes, write_pdf
from tests.support.writer import doc


def _incoming(services, actors, n: int = 1, login: str = "clerk", **more):  # type: ignore[no-untyped-def]
    rec = services.service("documents").incoming.receive(actors[login], {**doc(n), **more}).record
    return rec


def _counts(db: Path) -> tuple[int, int, int]:
    con = sqlite3.connect(db)
    try:
        return tuple(
            con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("record_files", "file_blobs", "file_chunks")
        )  # type: ignore[return-value]
    finally:
        con.close()


def _audit(db: Path, action: str) -> list[dict]:  # type: ignore[type-arg]
    con = sqlite3.connect(db)
    try:
        return [
            json.loads(r[0]) for r in con.execute("SELECT detail FROM audit_log WHERE action = ?", (action,))
        ]
    finally:
        con.close()


def test_attach_lists_role_who_when_size_and_sha256_and_reads_back_the_same_bytes(
    services, actors, db_path, tmp_path
):
    rec = _incoming(services, actors)
    scan = write_pdf(tmp_path / "2026-0001.pdf", pages=3)
    info = services.files.attach(actors["clerk"], "incoming", rec.id, scan, "扫描件")
    assert (info.role, info.kind, info.pages, info.name) == ("扫描件", "pdf", 3, "2026-0001.pdf")
    assert info.size == scan.stat().st_size and info.sha256 == hashlib.sha256(scan.read_bytes()).hexdigest()
    assert (info.added_by, info.added_by_name) == ("clerk", "王芳") and info.added_at is not None
    assert [f.id for f in services.files.list(actors["clerk"], "incoming", rec.id)] == [info.id]
    assert services.files.read(actors["clerk"], info.id).data == scan.read_bytes()
    attached = _audit(db_path, "file_attach")[-1]
    assert attached["name"] == "2026-0001.pdf" and attached["sha256"] == info.sha256
    assert _audit(db_path, "file_view")[-1]["file_id"] == info.id


def test_a_file_bigger_than_one_chunk_is_stored_in_chunks_and_comes_back_whole(
    services, actors, db_path, tmp_path
):
    rec = _incoming(services, actors)
    big = image_bytes("PNG")  # a valid PNG, then padding after its end: 2.5 chunks
    data = big + b"\0" * (5 * 1024 * 1024 // 2)
    info = services.files.attach(actors["clerk"], "incoming", rec.id, data, "附件", name="大图.png")
    assert _counts(db_path)[2] == 3
    out = services.files.export(actors["clerk"], info.id, tmp_path)
    assert out == tmp_path / "大图.png" and out.read_bytes() == data
    assert _audit(db_path, "file_export")[-1]["to"] == str(out)


def test_draft_versions_are_kept_side_by_side_never_overwritten(services, actors):
    rec = _incoming(services, actors)  # any record may carry drafts; 发文 is where they belong
    drafts = [docx_bytes(t) for t in ("第一稿", "核稿后", "定稿")]
    added = [
        services.files.attach(actors["clerk"], "incoming", rec.id, data, role, name="稿.docx")
        for data, role in zip(drafts, ("底稿", "核稿", "定稿"))
    ]
    assert [f.role_text for f in services.files.list(actors["clerk"], "incoming", rec.id)] == [
        "底稿（第1稿）",
        "核稿（第2稿）",
        "定稿（第3稿）",
    ]
    assert [services.files.read(actors["clerk"], f.id).data for f in added] == drafts
    with pytest.raises(Conflict, match="已作为定稿附在"):
        services.files.attach(actors["clerk"], "incoming", rec.id, drafts[2], "定稿", name="again.docx")
    # a revised 定稿 is one more version, the earlier one still there
    services.files.attach(actors["clerk"], "incoming", rec.id, docx_bytes("改定"), "定稿", name="稿.docx")
    assert [f.version for f in services.files.list(actors["clerk"], "incoming", rec.id)] == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("来文.pdf", image_bytes("JPEG"), "扩展名是PDF，但文件内容是JPEG 图片"),
        ("scan.png", pdf_bytes(), "扩展名是PNG 图片，但文件内容是PDF"),
        ("正文.docx", b"PK\x03\x04" + b"\0" * 40, "已损坏或不完整"),
        ("cut.pdf", pdf_bytes()[:300], "损坏或不完整的 PDF"),
        ("x.exe", b"MZ\x90\x00", "不支持“.exe”文件"),
        ("empty.pdf", b"", "空文件"),
        ("bad.tif", b"II*\x00" + b"\xff" * 50, "损坏或不完整的TIFF"),
    ],
)
def test_bad_files_are_refused_with_a_chinese_message_and_nothing_is_kept(
    services, actors, db_path, name, data, message
):
    rec = _incoming(services, actors)
    before = _counts(db_path)
    with pytest.raises(ValidationFailed, match=message):
        services.files.attach(actors["clerk"], "incoming", rec.id, data, "扫描件", name=name)
    assert _counts(db_path) == before


def test_encrypted_pdf_and_too_big_files_are_refused(services, actors, db_path, tmp_path):
    rec = _incoming(services, actors)
    with pytest.raises(ValidationFailed, match="加密的 PDF"):
        services.files.attach(
            actors["clerk"], "incoming", rec.id, encrypted_pdf(tmp_path / "e.pdf"), "扫描件"
        )
    services.office_settings.set(actors["sysadmin"], "files.max_mb", "1")
    with pytest.raises(ValidationFailed, match="超过本机允许的单个文件上限 1.0 MB"):
        services.files.attach(
            actors["clerk"], "incoming", rec.id, image_bytes() + b"\0" * 2**21, "附件", name="p.png"
        )
    assert _counts(db_path) == (0, 0, 0)


def test_tiff_pages_are_counted_and_docx_wps_ofd_are_stored(services, actors):
    rec = _incoming(services, actors)
    tif = services.files.attach(
        actors["clerk"], "incoming", rec.id, image_bytes("TIFF", pages=3), "扫描件", name="s.tif"
    )
    assert (tif.kind, tif.pages, tif.preview) == ("tiff", 3, "image")
    word = services.files.attach(actors["clerk"], "incoming", rec.id, docx_bytes(), "正文", name="正文.docx")
    assert (word.kind, word.preview) == ("docx", "")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    wps = services.files.attach(actors["clerk"], "incoming", rec.id, ole, "正文", name="正文.wps")
    assert wps.kind_label == "WPS 文字"


def test_a_classified_records_files_are_not_listed_read_or_exported_to_a_user_below_its_level(
    services, actors, db_path, tmp_path
):
    rec = _incoming(
        services, actors, login="jiyao", secret_level="机密", secret_period="20年", copy_numbers="000003"
    )
    info = services.files.attach(
        actors["jiyao"], "incoming", rec.id, pdf_bytes(), "扫描件", name="机密来文.pdf"
    )
    clerk = actors["clerk"]  # 秘密 clearance
    with pytest.raises(PermissionDenied):
        services.files.list(clerk, "incoming", rec.id)
    for call in (
        lambda: services.files.read(clerk, info.id),
        lambda: services.files.export(clerk, info.id, tmp_path / "out.pdf"),
        lambda: services.files.record_print(clerk, info.id, 1),
        lambda: services.files.get(clerk, info.id),
    ):
        with pytest.raises(NotFound):
            call()
    assert not (tmp_path / "out.pdf").exists()
    for admin in ("sysadmin", "secadmin", "auditor"):
        with pytest.raises((PermissionDenied, NotFound)):
            services.files.read(actors[admin], info.id)
    # the cleared user reads it; the audit entry does not carry the classified file's name
    assert services.files.read(actors["jiyao"], info.id).data == pdf_bytes()
    assert "机密来文" not in json.dumps(
        _audit(db_path, "file_view") + _audit(db_path, "file_attach"), ensure_ascii=False
    )


def test_a_classified_file_is_never_given_to_another_program(services, actors, tmp_path):
    folder = tmp_path / "open"
    folder.mkdir()
    rec = _incoming(services, actors, secret_level="秘密", secret_period="10年", copy_numbers="000001")
    info = services.files.attach(actors["clerk"], "incoming", rec.id, pdf_bytes(), "扫描件", name="s.pdf")
    with pytest.raises(PermissionDenied, match="涉密记录的文件不能用本机其他程序打开"):
        services.files.open_copy(actors["clerk"], info.id, folder)
    assert list(folder.iterdir()) == []
    plain = _incoming(services, actors, n=2)
    ok = services.files.attach(actors["clerk"], "incoming", plain.id, pdf_bytes(), "扫描件", name="p.pdf")
    copy = services.files.open_copy(actors["clerk"], ok.id, folder)
    assert copy.parent == folder and copy.read_bytes() == pdf_bytes()


def test_a_voided_file_stays_listed_and_a_voided_record_takes_no_new_file(services, actors):
    rec = _incoming(services, actors)
    info = services.files.attach(actors["clerk"], "incoming", rec.id, pdf_bytes(), "扫描件", name="s.pdf")
    with pytest.raises(ValidationFailed, match="作废原因"):
        services.files.void(actors["clerk"], info.id, " ")
    voided = services.files.void(actors["clerk"], info.id, "扫错了")
    assert voided.voided and [
        f.void_reason for f in services.files.list(actors["clerk"], "incoming", rec.id)
    ] == ["扫错了"]
    services.registers.void(actors["clerk"], "incoming", rec.id, "重复登记")
    with pytest.raises(Conflict, match="已作废"):
        services.files.attach(actors["clerk"], "incoming", rec.id, pdf_bytes(2), "扫描件", name="t.pdf")


def test_check_finds_a_changed_byte_and_a_missing_chunk_and_names_the_file(services, actors, db_path):
    rec = _incoming(services, actors)
    a = services.files.attach(actors["clerk"], "incoming", rec.id, pdf_bytes(), "扫描件", name="a.pdf")
    b = services.files.attach(actors["clerk"], "incoming", rec.id, image_bytes(), "批示件", name="b.png")
    with services.db.read() as s:
        assert verify_files(s, services.catalog).ok
    con = sqlite3.connect(db_path)
    with con:
        data = bytearray(
            con.execute(
                "SELECT data FROM file_chunks WHERE blob_id = (SELECT blob_id FROM record_files WHERE id = ?)",
                (a.id,),
            ).fetchone()[0]
        )
        data[100] ^= 0x01
        con.execute(
            "UPDATE file_chunks SET data = ? WHERE blob_id = (SELECT blob_id FROM record_files WHERE id = ?)",
            (bytes(data), a.id),
        )
        con.execute(
            "DELETE FROM file_chunks WHERE blob_id = (SELECT blob_id FROM record_files WHERE id = ?)", (b.id,)
        )
    con.close()
    with services.db.read() as s:
        report = verify_files(s, services.catalog)
    assert [(p.file_id, p.problem[:4]) for p in report.problems] == [(a.id, "内容已被"), (b.id, "内容缺失")]
    assert f"收文登记 {rec['number']} 扫描件“a.pdf”" in report.text()
    with pytest.raises(Conflict, match="内容已缺失"):
        services.files.read(actors["clerk"], b.id)


def test_backup_and_restore_carry_the_files(services, actors, tmp_path):
    rec = _incoming(services, actors)
    info = services.files.attach(actors["clerk"], "incoming", rec.id, pdf_bytes(2), "扫描件", name="s.pdf")
    entry = services.backup.backup(actors["sysadmin"], tmp_path / "b.cobak", password="Carry#2026")
    services.files.void(actors["clerk"], info.id, "after the backup")
    services.files.attach(actors["clerk"], "incoming", rec.id, image_bytes(), "附件", name="later.png")
    services.backup.restore(actors["sysadmin"], entry.path, "Carry#2026")
    files = services.files.list(actors["clerk"], "incoming", rec.id)
    assert [(f.name, f.voided) for f in files] == [("s.pdf", False)]
    assert services.files.read(actors["clerk"], info.id).data == pdf_bytes(2)
    with services.db.read() as s:
        assert verify_files(s, services.catalog).ok


def test_a_backup_whose_stored_file_was_changed_is_refused_on_restore(services, actors, tmp_path):
    from app.services.backup import BackupRefused
    from app.services.backup.manifest import file_checksum, sidecar

    rec = _incoming(services, actors)
    services.files.attach(actors["clerk"], "incoming", rec.id, pdf_bytes(), "扫描件", name="s.pdf")
    entry = services.backup.backup(actors["sysadmin"], tmp_path / "b.sqlite")
    con = sqlite3.connect(entry.path)
    with con:  # a changed byte inside the backup, and a manifest made to match the changed file
        data = bytearray(con.execute("SELECT data FROM file_chunks").fetchone()[0])
        data[50] ^= 0x01
        con.execute("UPDATE file_chunks SET data = ?", (bytes(data),))
    con.close()
    manifest = json.loads(sidecar(entry.path).read_text(encoding="utf-8"))
    manifest["sha256"] = file_checksum(entry.path, manifest["checksum_kind"])  # a manifest made to match
    sidecar(entry.path).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(BackupRefused, match="记录所附文件校验失败.*内容已被改动"):
        services.backup.restore(actors["sysadmin"], entry.path)
    assert services.files.read(actors["clerk"], 1).data == pdf_bytes()  # the live database untouched


def test_a_petitions_files_are_listed_to_a_leader_but_their_content_kept_like_the_id_numbers(
    services, actors, tmp_path
):
    from app.domain.idnumber import check_char

    number = "11010519491231002"
    case = services.service("reception").register(
        actors["petition"],
        {
            "registered_on": "2026-03-02",
            "channel": "来信",
            "petitioner": "张桂兰",
            "id_number": number + check_char(number),
            "township": "城关镇",
            "persons": 1,
            "category": "土地征收",
            "summary": "征地补偿款未按时发放",
        },
    )
    rec = case
    info = services.files.attach(
        actors["petition"], "petitions", rec.id, image_bytes("JPEG"), "扫描件", name="来信.jpg"
    )
    assert services.files.read(actors["petition"], info.id).info.id == info.id
    leader = actors["leader"]  # reads petitions, but sees ID numbers masked
    assert [f.name for f in services.files.list(leader, "petitions", rec.id)] == ["来信.jpg"]
    with pytest.raises(PermissionDenied, match="所附文件原件同样不能查看"):
        services.files.read(leader, info.id)
    with pytest.raises(PermissionDenied, match="不能导出"):
        services.files.export(leader, info.id, tmp_path)
    assert not (tmp_path / "来信.jpg").exists()
