"""A writer process for the concurrency tests: opens the database, says "ready", waits for "go" on stdin
(so that every writer starts at the same moment), then

    save DB LOGIN COUNT            saves COUNT 收文 and prints each number once committed (a save told the
                                   database is busy is saved again, as the clerk would)
    edit DB LOGIN RECORD VERSION   saves one change of 收文 RECORD read at VERSION; prints "saved" or the
                                   conflict message ("conflict <message>")

    python -m tests.support.concurrent MODE DB LOGIN ...
"""

from __future__ import annotations

import sys

from tests.support.writer import doc


def main(argv: list[str]) -> int:
    from app.bootstrap import open_services
    from app.domain.errors import DatabaseBusy, StaleRecord
    from app.services.accounts import find_user, to_actor

    mode, db, login = argv[0], argv[1], argv[2]
    services = open_services(db)
    with services.db.read() as s:
        actor = to_actor(find_user(s, login))
    incoming = services.service("documents").incoming
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        return 2
    try:
        if mode == "save":
            for n in range(int(argv[3])):
                while True:
                    try:
                        print(incoming.receive(actor, doc(n + 1)).record["number"], flush=True)
                        break
                    except DatabaseBusy:  # told to save again later (a loaded machine): as a clerk would
                        print("busy", file=sys.stderr, flush=True)
        else:
            record, version = int(argv[3]), int(argv[4])
            try:
                services.registers.update(
                    actor, "incoming", record, {"note": f"{login}的意见"}, expected_version=version
                )
                print("saved", flush=True)
            except StaleRecord as e:
                print("conflict " + e.message.replace("\n", " "), flush=True)
    finally:
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
