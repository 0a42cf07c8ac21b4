#!/usr/bin/env bash
# Install everything and run the whole check: lint, types, the GUI smoke test, and the
# test suite on SQLite and on a throwaway PostgreSQL server, on every core.
#   bash tools/test.sh [pytest arguments]
#   ISOQMS_TEST_DATE=2027-02-10 bash tools/test.sh      # with the machine's clock set to
#                                                       # that day (faketime)
#   ISOQMS_TEST_ALSO_AT=2027-02-10 bash tools/test.sh   # today, then once more at that day
#                                                       # (on SQLite)
# ISOQMS_TEST_WORKERS sets the number of pytest workers (default: one per core).
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/setup-system.sh
python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
# shellcheck source=tools/postgres.sh
source tools/postgres.sh

export QT_QPA_PLATFORM=offscreen

# at DATE COMMAND…: run COMMAND with the clock at DATE 09:00 (no DATE: as it is).
# Only the checks run at another date: installing above needed the real one (TLS).
at() {
  local day="$1"; shift
  if [ -z "$day" ]; then "$@"; return; fi
  command -v faketime >/dev/null || { echo "test.sh: another date needs faketime" >&2; exit 1; }
  faketime "$day 09:00:00" "$@"
}

checks() {
  local day="$1"; shift
  [ -n "$day" ] && echo "== at $(at "$day" date '+%d/%m/%Y %H:%M') (faketime)"
  # the GUI smoke test (python3 main.py --smoke-test, every screen built) runs inside
  # pytest: tests/ui/test_smoke.py, on a fresh demo and on an existing database
  echo "== pytest"
  # worksteal: a worker that runs out takes tests from the other, so the slow ones at the
  # end do not leave a core idle
  at "$day" python3 -m pytest -n "${ISOQMS_TEST_WORKERS:-auto}" --dist worksteal \
    --durations=15 "$@"
}

echo "== ruff";  ruff check isoqms tests tools main.py benchmarks
echo "== mypy";  mypy
checks "${ISOQMS_TEST_DATE:-}" "$@"
if [ -n "${ISOQMS_TEST_ALSO_AT:-}" ]; then
  # Once more at another date, what the date could still reach. In-process tests run with
  # the clock pinned to 01/12/2026 whatever the machine's date (tests/conftest.py), and
  # tests/test_clock.py holds every read of the time to the clock module, so a second run
  # of them repeats the first. What the pin does not reach is the program started as its
  # own process (the GUI smoke test, the installed script, the counters' concurrency
  # runs): those tests are marked other_day and run again under faketime, on SQLite
  # (faketime moves this process's clock, not the PostgreSQL server's).
  checks "$ISOQMS_TEST_ALSO_AT" "$@" -k "not postgresql" -m other_day
fi
