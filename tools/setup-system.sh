#!/usr/bin/env bash
# System packages isoqms needs on Debian/Ubuntu (see shared ENVIRONMENT notes):
# Qt offscreen and under Xvfb, fonts and PDF tools, PostgreSQL for the shared-database
# tests, zbar for reading QR codes back. Installs only what is missing; needs root or sudo.
set -euo pipefail

# --app: only what running the program needs (a venv, Qt on the desktop, fonts), not the
# test tools (PostgreSQL, LibreOffice, poppler, zbar, faketime, SoftHSM2)
APP_PACKAGES=(
  python3-venv python3-pip
  libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 fontconfig fonts-noto-core fonts-liberation2
)

PACKAGES=(
  # Qt offscreen
  libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0
  # Qt on a real (or virtual) X display
  xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
  # fonts and PDF tools
  fontconfig fonts-noto-core poppler-utils
  # metric-compatible Times New Roman / Arial: Word documents lay out in LibreOffice as in Word
  fonts-liberation2
  # PostgreSQL server for the shared-database tests
  postgresql postgresql-contrib
  # QR codes read back in tests
  zbar-tools
  # generated .docx/.xlsx are opened by LibreOffice in tests
  libreoffice-writer-nogui libreoffice-calc-nogui
  # the suite at another date (ISOQMS_TEST_DATE)
  faketime
  # a real PKCS#11 token for the digital-signature tests
  softhsm2
)

if [ "${1:-}" = "--app" ]; then
  PACKAGES=("${APP_PACKAGES[@]}")
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-system: no apt-get here; install the equivalents of: ${PACKAGES[*]}" >&2
  exit 0
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup-system: missing ${missing[*]}; run as root to install them" >&2
    exit 1
  fi
fi
echo "setup-system: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
