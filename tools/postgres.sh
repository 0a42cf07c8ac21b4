#!/usr/bin/env bash
# Source this file to start a throwaway PostgreSQL cluster on 127.0.0.1 and export
# ISOQMS_TEST_POSTGRES_URL; the cluster stops when the sourcing shell exits.
# Does nothing when ISOQMS_TEST_POSTGRES_URL is already set or no server is installed.

if [ -n "${ISOQMS_TEST_POSTGRES_URL:-}" ]; then
  return 0 2>/dev/null || exit 0
fi

pg_bin=""
for dir in /usr/lib/postgresql/*/bin; do
  [ -x "$dir/initdb" ] && pg_bin="$dir"
done
if [ -z "$pg_bin" ] && command -v initdb >/dev/null 2>&1; then
  pg_bin="$(dirname "$(command -v initdb)")"
fi
if [ -z "$pg_bin" ]; then
  echo "postgres.sh: no PostgreSQL server installed; PostgreSQL tests will be skipped" >&2
  return 0 2>/dev/null || exit 0
fi

# In memory where the machine has a tmpfs: CREATE DATABASE for every test copies files and
# checkpoints, and on a disk under load that wait was most of a PostgreSQL test's time
# (0.27 s median a test on disk, 0.02 s in memory; the server's CPU 109 s → 30 s).
pg_parent="${TMPDIR:-/tmp}"
[ -d /dev/shm ] && [ -w /dev/shm ] && pg_parent=/dev/shm
ISOQMS_PG_DIR="$(mktemp -d "$pg_parent/isoqms-pg.XXXXXX")"
if [ -z "${ISOQMS_PG_PORT:-}" ]; then
  # 54329 unless something listens there already (another run's server): then any free port
  ISOQMS_PG_PORT="$(python3 - <<'PY'
import socket
for port in [54329, 0]:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(s.getsockname()[1])
        break
PY
)"
fi
run_pg() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
  # initdb refuses to run as root: the cluster belongs to the postgres user.
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$ISOQMS_PG_DIR"
  chmod 755 "$ISOQMS_PG_DIR"
  run_pg() { su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; }
fi
run_pg "$pg_bin/initdb" -D "$ISOQMS_PG_DIR/data" -U isoqms --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
run_pg "$pg_bin/pg_ctl" -D "$ISOQMS_PG_DIR/data" -l "$ISOQMS_PG_DIR/log" -w \
  -o "-h 127.0.0.1 -p $ISOQMS_PG_PORT -k $ISOQMS_PG_DIR -c fsync=off -c max_connections=200" start >/dev/null
run_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$ISOQMS_PG_PORT" -U isoqms isoqms_test
export ISOQMS_TEST_POSTGRES_URL="postgresql+psycopg://isoqms@127.0.0.1:$ISOQMS_PG_PORT/isoqms_test"
isoqms_pg_stop() { run_pg "$pg_bin/pg_ctl" -D "$ISOQMS_PG_DIR/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$ISOQMS_PG_DIR"; }
trap isoqms_pg_stop EXIT
echo "postgres.sh: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$ISOQMS_PG_PORT"
