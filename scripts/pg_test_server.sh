#!/usr/bin/env bash
# A throw-away PostgreSQL server for the test suite: a fresh data folder under /tmp, listening on the
# loopback interface only, run as an unprivileged user (PostgreSQL refuses to run as root).
#
#   eval "$(bash scripts/pg_test_server.sh start)"   # prints export COUNTY_OFFICE_TEST_PG_URL=... and
#                                                    # COUNTY_OFFICE_TEST_PG_DATA=... ; exit 1 if it failed
#   bash scripts/pg_test_server.sh stop              # stops it and removes its data folder
#
# PORT (default 54329) chooses the port. Needs the Debian `postgresql` package (its binaries live in
# /usr/lib/postgresql/<version>/bin).
set -euo pipefail
PORT="${PORT:-54329}"
ROLE=office
DBNAME=office_test

bindir() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$d" ] && command -v pg_ctl >/dev/null 2>&1; then d="$(dirname "$(command -v pg_ctl)")"; fi
  [ -n "$d" ] || { echo "pg_test_server: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
  echo "$d"
}

# PostgreSQL never runs as root: as root, run its programs as the package's `postgres` user (or nobody)
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    local user=postgres
    getent passwd postgres >/dev/null || user=nobody
    runuser -u "$user" -- "$@"
  else
    "$@"
  fi
}

start() {
  local bin data user
  bin="$(bindir)"
  data="$(mktemp -d /tmp/county-office-pg.XXXXXX)"
  chmod 700 "$data"
  if [ "$(id -u)" -eq 0 ]; then
    user=postgres
    getent passwd postgres >/dev/null || user=nobody
    chown "$user" "$data"
  fi
  as_owner "$bin/initdb" -D "$data/data" -U "$ROLE" --auth=trust -E UTF8 --locale=C.UTF-8 >"$data/initdb.log" 2>&1 \
    || as_owner "$bin/initdb" -D "$data/data" -U "$ROLE" --auth=trust -E UTF8 --locale=C >"$data/initdb.log" 2>&1 \
    || { cat "$data/initdb.log" >&2; exit 1; }
  # loopback only, its socket in its own folder; fsync off: a test server's data is thrown away anyway
  as_owner "$bin/pg_ctl" -D "$data/data" -l "$data/server.log" -w -t 60 start \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -k $data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    >/dev/null || { cat "$data/server.log" >&2; exit 1; }
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$PORT" -U "$ROLE" "$DBNAME" || { cat "$data/server.log" >&2; exit 1; }
  echo "export COUNTY_OFFICE_TEST_PG_DATA=$data"
  echo "export COUNTY_OFFICE_TEST_PG_URL=postgresql+psycopg://$ROLE@127.0.0.1:$PORT/$DBNAME"
}

stop() {
  local data="${COUNTY_OFFICE_TEST_PG_DATA:-}"
  [ -n "$data" ] && [ -d "$data/data" ] || { echo "pg_test_server: COUNTY_OFFICE_TEST_PG_DATA names no server" >&2; exit 1; }
  as_owner "$(bindir)/pg_ctl" -D "$data/data" -m fast -w stop >/dev/null || true
  rm -rf "$data"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
