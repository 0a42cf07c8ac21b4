# The one-folder build on Windows (PowerShell, Python 3.11+ with the py launcher):
#   powershell -ExecutionPolicy Bypass -File tools\build.ps1
# makes dist\isoqms\isoqms.exe from the same spec as tools/build.sh (not run in CI here:
# the Linux build is checked there; paths go through platformdirs, fonts are embedded in
# the PDFs, printing goes through QPrinter, and tests/test_portability.py keeps Linux-only
# calls out of the code).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
py -3 -m pip install -q "pyinstaller>=6.10" -e .
py -3 -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller packaging\isoqms.spec
Write-Host "built: dist\isoqms (copy the folder to the commune PC; data in %LOCALAPPDATA%\isoqms)"
