"""Where things live on disk, portable across Windows, macOS and Linux."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from platformdirs import user_data_path

from isoqms import APP_NAME

_REPO_ROOT = Path(__file__).resolve().parent.parent


#: Modes of what we create that holds private data (password hashes, citizens' ID
#: numbers): the owner only. Applied where the system has modes (not on Windows, whose
#: user folders are private already).
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def data_dir(*, create: bool = True) -> Path:
    """The user's data folder (``%LOCALAPPDATA%\\isoqms`` on Windows); created on demand,
    private to the user (an existing folder keeps its mode: it may be one the user chose
    with ``ISOQMS_DATA_DIR`` and shares on purpose)."""
    override = os.environ.get("ISOQMS_DATA_DIR")
    path = Path(override) if override else user_data_path(APP_NAME, appauthor=False)
    if create:
        make_private_dir(path)
    return path


def make_private_dir(path: Path) -> None:
    """Create ``path`` (and missing parents) if it is missing; the folder itself is made
    readable by its owner only."""
    if path.is_dir():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.mkdir(mode=PRIVATE_DIR_MODE)
    except FileExistsError:
        return  # made meanwhile by another process: its mode is its maker's business
    private(path, PRIVATE_DIR_MODE)


def private(path: Path, mode: int = PRIVATE_FILE_MODE) -> None:
    """Give a file or folder we just created ``mode`` (the umask may have taken bits away
    from, or the call creating it not set, what we asked); nothing where modes do not
    exist."""
    if os.name == "posix":
        os.chmod(path, mode)


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


def describe_os_error(exc: OSError) -> str:
    """An operating system error in Vietnamese words (its English text otherwise)."""
    words = {
        errno.ENOENT: "không có tệp hoặc thư mục này",
        errno.EACCES: "không có quyền",
        errno.EPERM: "không được phép",
        errno.EISDIR: "đây là một thư mục",
        errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
        errno.ENOSPC: "ổ đĩa đã đầy",
        errno.EROFS: "ổ đĩa chỉ cho đọc",
        errno.EEXIST: "tệp đã có",
        errno.ENAMETOOLONG: "tên tệp quá dài",
        errno.EINVAL: "tên tệp không hợp lệ",
    }
    return words.get(exc.errno or 0) or exc.strerror or type(exc).__name__
