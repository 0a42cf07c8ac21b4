#!/usr/bin/env bash
# Install everything and run the whole check: lint, types, the GUI smoke test, and the
# test suite on SQLite and on a throwaway PostgreSQL server.
#   bash tools/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/setup-system.sh
python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
# shellcheck source=tools/postgres.sh
source tools/postgres.sh

export QT_QPA_PLATFORM=offscreen
echo "== ruff";  ruff check isoqms tests tools main.py benchmarks
echo "== mypy";  mypy
echo "== smoke"; python3 main.py --smoke-test
echo "== pytest"
python3 -m pytest "$@"
