"""Where things live on disk, portable across Windows, macOS and Linux."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

from isoqms import APP_NAME

_REPO_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The user's data folder (``%LOCALAPPDATA%\\isoqms`` on Windows); created on demand."""
    override = os.environ.get("ISOQMS_DATA_DIR")
    path = Path(override) if override else user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def resources_dir() -> Path:
    """Fonts, translations, holiday schedules and sample data shipped with the program."""
    override = os.environ.get("ISOQMS_RESOURCES")
    return Path(override) if override else _REPO_ROOT / "resources"


def forms_dir() -> Path:
    """The stock form library shipped with the program."""
    override = os.environ.get("ISOQMS_FORMS")
    return Path(override) if override else _REPO_ROOT / "forms"


def font_path(name: str) -> Path:
    return resources_dir() / "fonts" / name
