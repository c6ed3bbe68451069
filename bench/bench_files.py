"""Files on records: attaching a large scan (checked, hashed, stored in 1 MiB chunks in the database, one
transaction, audited) and reading it back for the preview and 另存为, next to the floor of the same bytes
hashed and copied as a plain file; `check` re-hashing every stored file next to hashing them on disk.

    .venv/bin/python bench/bench_files.py [MB]      # default 50 MB
"""

from __future__ import annotations

import hashlib
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def median_ms(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> None:
    mb = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    work = Path(tempfile.mkdtemp(prefix="bench-files-"))
    os.environ["COUNTY_OFFICE_HOME"] = str(work / "home")
    try:
        from tests.conftest import _build_template, actor_for
        from tests.support.files import pdf_bytes
        from tests.support.writer import doc

        db = work / "office.sqlite"
        _build_template(db)
        from app.bootstrap import open_services
        from app.kit.files.check import verify_files

        services = open_services(str(db))
        clerk = actor_for(services, "clerk")
        incoming = services.service("documents").incoming
        # a well-formed PDF of that size (a 50 MB scan is mostly image data): pages plus an embedded file
        import io

        from pypdf import PdfReader, PdfWriter

        scan = work / "scan.pdf"
        writer = PdfWriter()
        for page in PdfReader(io.BytesIO(pdf_bytes(4))).pages:
            writer.add_page(page)
        writer.add_attachment("scan-data.bin", os.urandom(mb << 20))
        with open(scan, "wb") as f:
            writer.write(f)
        size = scan.stat().st_size

        def floor_attach() -> None:  # read, hash and copy the bytes once: the least any attach does
            h = hashlib.sha256()
            with open(scan, "rb") as src, open(work / "copy.bin", "wb") as dst:
                while data := src.read(1 << 20):
                    h.update(data)
                    dst.write(data)
                dst.flush()
                os.fsync(dst.fileno())

        ids: list[int] = []

        def attach() -> None:
            with open(scan, "ab") as f:  # new bytes each time (a comment after %%EOF, which PDF allows): the
                f.write(b"%" + str(len(ids)).encode() + b"\n")  # same content would be stored only once
            rec = incoming.receive(clerk, doc(len(ids) + 1)).record
            ids.append(services.files.attach(clerk, "incoming", rec.id, scan, "扫描件").id)

        floor = median_ms(floor_attach)
        ours = median_ms(attach)
        print(
            f"attach {size / 2**20:.0f} MB: {ours:.0f} ms; floor (hash + copy + fsync) {floor:.0f} ms; ×{ours / floor:.1f}"
        )

        floor_read = median_ms(lambda: (work / "copy.bin").read_bytes())
        read = median_ms(lambda: services.files.read(clerk, ids[0]))
        print(
            f"read for preview: {read:.0f} ms; floor (read the file) {floor_read:.0f} ms; ×{read / floor_read:.1f}"
        )
        export = median_ms(lambda: services.files.export(clerk, ids[0], work / "out.pdf"))
        floor_copy = median_ms(lambda: shutil.copyfile(scan, work / "plain.pdf"))
        print(
            f"另存为: {export:.0f} ms; floor (shutil.copyfile) {floor_copy:.0f} ms; ×{export / floor_copy:.1f}"
        )

        def check() -> None:
            with services.db.read() as s:
                assert verify_files(s, services.catalog).ok

        def floor_hash() -> None:
            for _ in range(len(ids)):
                h = hashlib.sha256()
                with open(scan, "rb") as f:
                    while data := f.read(1 << 20):
                        h.update(data)

        print(
            f"check of {len(ids)} files ({len(ids) * size / 2**20:.0f} MB): {median_ms(check, 1):.0f} ms; "
            f"floor (hash them on disk) {median_ms(floor_hash, 1):.0f} ms"
        )
        print(
            f"database file: {db.stat().st_size / 2**20:.0f} MB ({len(ids)} scans of {size / 2**20:.0f} MB)"
        )
        services.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
