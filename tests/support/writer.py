"""A process that saves 收文 in a loop and prints each number once its transaction has committed (an
acknowledged save). Used by the kill test, the concurrent-backup test and bench/stress_kill.py.

    python -m tests.support.writer DB LOGIN [COUNT]   (COUNT 0 = until killed)
"""

from __future__ import annotations

import sys


def doc(n: int) -> dict[str, str]:
    return {
        "received_at": "2026-03-05 09:30",
        "sender": "中共××市委办公室",
        "sender_number": f"市委办发〔2026〕{n}号",
        "title": f"关于做好第{n}批防汛工作的通知",
        "doc_type": "通知",
        "copies": "1",
        "pages": "2",
    }


def main(argv: list[str]) -> int:
    from app.bootstrap import open_services
    from app.services.accounts import find_user, to_actor

    db, login = argv[0], argv[1]
    count = int(argv[2]) if len(argv) > 2 else 0
    services = open_services(db)
    with services.db.read() as s:
        actor = to_actor(find_user(s, login))
    incoming = services.service("documents").incoming
    print("ready", flush=True)
    n = 0
    while count == 0 or n < count:
        n += 1
        record = incoming.receive(actor, doc(n)).record
        print(record["number"], flush=True)  # after the commit: this save is acknowledged
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
