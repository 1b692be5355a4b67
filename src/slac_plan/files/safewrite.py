"""Writing a plan file so that nothing is ever lost: locked, checked, atomic.

- One edit at a time per folder: an exclusive lock (`filelock`, on every system), so two
  `slac` processes editing the same file never lose either edit.
- The file is re-read just before writing; if it changed since the edit was computed (another
  editor saved it), nothing is written.
- The new bytes go to a temporary file in the same folder, are flushed to disk (fsync), take
  the old file's mode, and replace it in one rename: a crash leaves the old file or the new
  one, never a torn one (and at worst a hidden `.<file>.*.tmp`, which no plan reads; only the
  temporary file an edit made itself is ever removed).
- A write-protected file is refused, as an editor asks before overwriting one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import filelock


class WriteRefused(Exception):
    """The file was not written; the message says why."""


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` (blocking until other slac edits finish).

    The lock is a file in the system's temporary folder named after the folder's path, so
    that nothing is added to the plan's own folders (and committed by mistake); `filelock`
    makes it work on Windows as on Linux and macOS.
    """
    key = hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()[:32]
    locks = Path(tempfile.gettempdir()) / "slac-locks"
    locks.mkdir(exist_ok=True)
    with filelock.FileLock(locks / f"{key}.lock"):
        yield


class _Anything:
    """What a generated file (a report, a workbook, a calendar) may replace: whatever is there."""


ANYTHING = _Anything()


def replace_file(path: Path, new: bytes, expected_old: bytes | _Anything | None) -> None:
    """Atomically put `new` at `path`, if it still holds `expected_old` (None: must not exist;
    ANYTHING: a generated file, which replaces what is there without reading it)."""
    if path.is_symlink():
        raise WriteRefused(f"{path} is a symbolic link; edit the file it points to")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        exists = True
    except FileNotFoundError:
        mode, exists = 0o644, False
    if expected_old is not ANYTHING:
        current = path.read_bytes() if exists else None
        if current != expected_old:
            raise WriteRefused(f"{path} changed on disk while the edit was prepared; run it again")
    if exists and not mode & stat.S_IWUSR:
        raise WriteRefused(
            f"{path} is write-protected; make it writable (chmod u+w) if it is to be changed"
        )
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise WriteRefused(f"{path} could not be written: {error.strerror}") from None
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(new)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(mode)
        temporary.replace(path)
    except OSError as error:  # a full disk, a read-only or immutable file
        temporary.unlink(missing_ok=True)
        raise WriteRefused(
            f"{path} could not be written ({error.strerror}); it was left as it was"
        ) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the system can: Windows opens no folders)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
