#!/usr/bin/env bash
# The one-folder build on Linux: dist/isoqms/isoqms runs without Python installed beside it.
#   bash tools/build.sh            build
#   bash tools/build.sh --check    build, then run its smoke test and the command line
#   --no-install                   PyInstaller and the package are installed already (CI
#                                  builds beside the running tests: no pip there)
set -euo pipefail
cd "$(dirname "$0")/.."
check=0 install=1
for arg in "$@"; do
  case "$arg" in
    --check) check=1 ;;
    --no-install) install=0 ;;
    *) echo "build.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done
[ "$install" = 1 ] && python3 -m pip install -q "pyinstaller>=6.10" -e .
python3 -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/isoqms.spec
echo "built: dist/isoqms ($(du -sh dist/isoqms | cut -f1)) in ${SECONDS} s"
if [ "$check" = 1 ]; then
  data="$(mktemp -d)"
  trap 'rm -rf "$data"' EXIT
  export ISOQMS_DATA_DIR="$data" ISOQMS_PASSWORD=demo QT_QPA_PLATFORM=offscreen
  # from another folder, with no Python module path: only what the build holds; the
  # window's smoke test on the database init --demo made (a fresh demo of its own would
  # make the same demo twice)
  app="$PWD/dist/isoqms/isoqms"
  (cd "$data" && env -u PYTHONPATH "$app" --db "$data/demo.sqlite3" init --demo)
  (cd "$data" && env -u PYTHONPATH "$app" --db "$data/demo.sqlite3" --smoke-test)
  code=$(cd "$data" && "$app" --db "$data/demo.sqlite3" --user clerk intake receive --procedure 1.001193 \
    --applicant "Nguyễn Văn An" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["code"])')
  (cd "$data" && "$app" --db "$data/demo.sqlite3" --user clerk intake slip "$code" --out "$data/slip.pdf")
  test "$(head -c 4 "$data/slip.pdf")" = "%PDF"
  # the signature checker (pyHanko, asn1crypto, cryptography) is in the build: an unsigned
  # slip is said to carry no signature, exit 1
  verdict=$(cd "$data" && "$app" --db "$data/demo.sqlite3" sign verify "$data/slip.pdf" || true)
  case "$verdict" in *"không có chữ ký số"*) ;; *) echo "sign verify: $verdict" >&2; exit 1 ;; esac
  # and the PKCS#11 binding loads a token's library, where SoftHSM2 is installed (its
  # configuration and token folder throwaway: no system state, any user)
  mkdir -p "$data/tokens"
  printf 'directories.tokendir = %s\nobjectstore.backend = file\n' "$data/tokens" \
    >"$data/softhsm2.conf"
  export SOFTHSM2_CONF="$data/softhsm2.conf"
  for lib in /usr/lib/softhsm/libsofthsm2.so /usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so; do
    [ -f "$lib" ] || continue
    (cd "$data" && "$app" --db "$data/demo.sqlite3" --user admin sign tokens --library "$lib" \
      --json >/dev/null)
    break
  done
  echo "checked: init --demo, smoke test, intake receive $code, intake slip, sign verify" \
    "(${SECONDS} s in all)"
fi
