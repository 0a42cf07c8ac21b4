#!/usr/bin/env bash
# Install everything and run the whole check: lint, types, the GUI smoke test, and the
# test suite on SQLite and on a throwaway PostgreSQL server, on every core.
#   bash tools/test.sh [pytest arguments]
#   ISOQMS_TEST_DATE=2027-02-10 bash tools/test.sh      # with the machine's clock set to
#                                                       # that day (faketime)
#   ISOQMS_TEST_ALSO_AT=2027-02-10 bash tools/test.sh   # today, and beside it the tests
#                                                       # a date could reach at that day
#                                                       # (on SQLite)
#   ISOQMS_TEST_BUILD=1 bash tools/test.sh              # and the one-folder build, made
#                                                       # and checked beside the tests
# ISOQMS_TEST_WORKERS sets the number of pytest workers (default: one per core).
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/setup-system.sh
python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
if [ -n "${ISOQMS_TEST_BUILD:-}" ]; then
  python3 -m pip install --quiet --disable-pip-version-check "pyinstaller>=6.10"
fi
# shellcheck source=tools/postgres.sh
source tools/postgres.sh

export QT_QPA_PLATFORM=offscreen
# Bytecode caches on, whatever the developer's environment says: without them every
# worker compiles and assertion-rewrites every test module again, and every subprocess a
# test starts (the CLI, the window, the counters) compiles the program again.
unset PYTHONDONTWRITEBYTECODE
# Scratch files (each test's SQLite database, PDFs, LibreOffice's profile) in memory where
# the machine has a tmpfs: on a loaded disk the waits cost more than the work.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
  TMPDIR="$(mktemp -d /dev/shm/isoqms-test.XXXXXX)"
  export TMPDIR isoqms_scratch="$TMPDIR"
fi

# Jobs beside the checks, each about one process (mypy for half a minute, the one-folder
# build for two and its check, the tests at another date): the tests leave a core idle
# whenever they wait on a subprocess, PostgreSQL or LibreOffice. Their output is shown, and
# their status counts, once the checks are done (finish_beside).
beside_pids=() beside_logs=() beside_names=()
beside() {
  local name="$1" log
  shift
  log="$(mktemp)"
  # a process group of its own (job control on for the start): the cleanup below stops
  # the job with everything it started, even through faketime, which forks its command
  # and passes no signal on
  set -m
  "$@" >"$log" 2>&1 &
  set +m
  beside_pids+=("$!") beside_logs+=("$log") beside_names+=("$name")
}
finish_beside() {
  local status=0 i
  for i in "${!beside_pids[@]}"; do
    wait "${beside_pids[$i]}" || status=1
    echo "== ${beside_names[$i]} (beside the tests)"
    grep -v "WARNING: Library not found" "${beside_logs[$i]}" || true
    rm -f "${beside_logs[$i]}"
  done
  beside_pids=()
  return "$status"
}

# Whatever way the script ends (a failed check stops it): the jobs beside stop with it,
# the PostgreSQL server stops (this trap replaces the one postgres.sh set — a server left
# running took the next run's port) and the scratch in memory goes.
cleanup() {
  local pid
  # (each line may fail — a job already done — and must not stop the rest under set -e)
  for pid in "${beside_pids[@]}"; do
    kill -- "-$pid" 2>/dev/null || true
  done
  if declare -F isoqms_pg_stop >/dev/null; then isoqms_pg_stop || true; fi
  if [ -n "${isoqms_scratch:-}" ]; then rm -rf "$isoqms_scratch" || true; fi
  if [ -n "${other_tmp:-}" ]; then rm -rf "$other_tmp" || true; fi
  true
}
trap cleanup EXIT

# at DATE COMMAND…: run COMMAND with the clock at DATE 09:00 (no DATE: as it is).
# Only the checks run at another date: installing above needed the real one (TLS).
at() {
  local day="$1"; shift
  if [ -z "$day" ]; then "$@"; return; fi
  command -v faketime >/dev/null || { echo "test.sh: another date needs faketime" >&2; exit 1; }
  faketime "$day 09:00:00" "$@"
}

# checks DAY WORKERS [pytest arguments]: the suite at DAY (none: today) on WORKERS
# processes (0: in this one)
checks() {
  local day="$1" workers="$2"; shift 2
  [ -n "$day" ] && echo "== at $(at "$day" date '+%d/%m/%Y %H:%M') (faketime)"
  # the GUI smoke test (python3 main.py --smoke-test, every screen built) runs inside
  # pytest: tests/ui/test_smoke.py, on a fresh demo and on an existing database
  echo "== pytest"
  # worksteal: a worker that runs out takes tests from the other, so the slow ones at the
  # end do not leave a core idle
  local spread=()
  [ "$workers" != 0 ] && spread=(--dist worksteal)
  at "$day" python3 -m pytest -n "$workers" "${spread[@]}" --durations=15 "$@"
}

echo "== ruff";  ruff check isoqms tests tools main.py benchmarks
beside mypy mypy
[ -n "${ISOQMS_TEST_BUILD:-}" ] && beside "one-folder build" bash tools/build.sh --check --no-install
if [ -n "${ISOQMS_TEST_ALSO_AT:-}" ]; then
  # Once more at another date, what the date could still reach. In-process tests run with
  # the clock pinned to 01/12/2026 whatever the machine's date (tests/conftest.py), and
  # tests/test_clock.py holds every read of the time to the clock module, so a second run
  # of them repeats the first. What the pin does not reach is the program started as its
  # own process (the GUI smoke test, the installed script, the counters' concurrency
  # runs): those tests are marked other_day and run again under faketime, on SQLite
  # (faketime moves this process's clock, not the PostgreSQL server's).
  # Only the files that hold such tests are collected, in one process beside the main run
  # (a score of tests: after it, on workers of their own, they made the run half a minute
  # longer), in a temporary folder of their own.
  other=("$@")
  if [ "$#" -eq 0 ]; then
    mapfile -t other < <(grep -rl --include='test_*.py' 'mark.other_day' tests | sort)
  fi
  other_tmp="$(mktemp -d)"
  beside "the suite at $ISOQMS_TEST_ALSO_AT" checks "$ISOQMS_TEST_ALSO_AT" 0 "${other[@]}" \
    -k "not postgresql" -m other_day --basetemp "$other_tmp/pytest"
fi
checks "${ISOQMS_TEST_DATE:-}" "${ISOQMS_TEST_WORKERS:-auto}" "$@"
finish_beside
