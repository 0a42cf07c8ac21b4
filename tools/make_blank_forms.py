"""Write ``forms/*/blank.docx``: the blank paper form of every manifest in the library.

Run after changing a manifest (a test fails when a blank form is stale):

    python tools/make_blank_forms.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from isoqms.render.blank_form import blank_form  # noqa: E402


def main() -> int:
    for manifest_path in sorted((ROOT / "forms").glob("*/manifest.json")):
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        target = manifest_path.parent / "blank.docx"
        target.write_bytes(blank_form(manifest))
        print(target.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
