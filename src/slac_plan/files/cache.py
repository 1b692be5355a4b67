"""A content-keyed cache of what reading and checking a plan costs.

Reading and checking 3,000 plan files takes seconds; reading their bytes takes a tenth of one.
So each result is stored under a key made from everything it depends on: the bytes of the files
(never their dates or sizes), slac's version and the digest of its own code and templates (which
hold the schema), the Python and library versions, and the question's own terms (the day, the
options). A changed byte anywhere gives a new key, so an entry can be missing but never stale.

Entries are JSON (never pickle: a cache kept by CI must not be able to run code), each behind a
digest of itself, so a damaged or truncated entry reads as missing. The cache is an
optimisation only: an entry that cannot be read or written is computed again, silently.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import sys
import tempfile
from functools import cache as once
from importlib import metadata
from pathlib import Path

import platformdirs

ENV_FOLDER = "SLAC_CACHE_DIR"
"""Where the cache lives, when set; else the user's cache folder (`platformdirs`)."""

_MAGIC = b"slac-cache 1\n"
_DIGEST_SIZE = 16


def default_folder() -> Path:
    """`$SLAC_CACHE_DIR`, else the platform's user cache folder (~/.cache/slac on Linux,
    %LOCALAPPDATA%\\slac\\Cache on Windows, ~/Library/Caches/slac on macOS)."""
    chosen = os.environ.get(ENV_FOLDER)
    return Path(chosen) if chosen else Path(platformdirs.user_cache_dir("slac", appauthor=False))


def digest(*parts: str | bytes) -> str:
    """A key from its parts; each part is length-prefixed, so ("ab", "c") != ("a", "bc")."""
    h = hashlib.blake2b(digest_size=_DIGEST_SIZE)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def slac_version() -> str:
    try:
        return metadata.version("slac-plan")
    except metadata.PackageNotFoundError:  # run from a source tree that is not installed
        return "unknown"


@once
def code_digest() -> str:
    """slac's own code and bundled templates (the schema is in the code), and the versions of
    what reads and checks the files: a new release, or an edited checkout, gets new keys."""
    import pydantic_core
    from ruamel import yaml

    from slac_plan.files.resources import templates_dir

    package = Path(__file__).resolve().parent.parent
    parts: list[str | bytes] = [
        slac_version(),
        sys.version,
        platform.python_implementation(),
        pydantic_core.__version__,
        str(yaml.__version__),
    ]
    for path in sorted(package.rglob("*.py")):
        parts += [path.relative_to(package).as_posix(), path.read_bytes()]
    return digest(*parts, *folder_parts(templates_dir()))


def folder_parts(folder: Path | None) -> list[str | bytes]:
    """Every file under `folder` (a council's templates), by name and bytes, for a key."""
    if folder is None:
        return ["no folder"]
    parts: list[str | bytes] = [str(folder)]
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return parts


class Cache:
    """Entries by kind and key in a folder; `Cache(None)` is a cache that is always empty.

    Each kind keeps its most recently used `KEEP` entries (the rest are removed as new ones
    are written), so the folder stays small however many days and plans it has seen."""

    KEEP = 64

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def key(self, *parts: str | bytes) -> str:
        """A key for an entry that depends on `parts` and on this slac (`code_digest`)."""
        return digest(code_digest(), *parts)

    def get(self, kind: str, key: str) -> bytes | None:
        """The entry's payload, or None when it is missing, damaged or cannot be read."""
        if self.folder is None:
            return None
        path = self.folder / kind / key
        try:
            stored = path.read_bytes()
            os.utime(path)  # recently used: kept when older entries are removed
        except OSError:
            return None
        head = len(_MAGIC) + _DIGEST_SIZE
        payload = stored[head:]
        if stored[: len(_MAGIC)] != _MAGIC or stored[len(_MAGIC) : head] != _check(payload):
            return None
        return payload

    def put(self, kind: str, key: str, payload: bytes) -> None:
        """Store an entry atomically (a reader sees all of it or none); failures are ignored."""
        if self.folder is None:
            return
        folder = self.folder / kind
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(_MAGIC + _check(payload) + payload)
                Path(temporary).replace(folder / key)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
            self._forget_old(folder)
        except OSError:
            return

    def _forget_old(self, folder: Path) -> None:
        entries = [entry for entry in os.scandir(folder) if entry.is_file()]
        if len(entries) <= self.KEEP:
            return
        entries.sort(key=lambda entry: entry.stat().st_mtime_ns)
        for entry in entries[: len(entries) - self.KEEP]:
            Path(entry.path).unlink(missing_ok=True)


class Shelf:
    """One plan's loaded files, kept together as one entry of the cache (one read, one write,
    however many files), under keys of their own.

    Saving keeps only the entries used since the shelf was opened, so the shelf holds the
    plan as it is now, not every version of every file it ever had."""

    def __init__(self, cache: Cache, root: Path) -> None:
        self.cache = cache
        self.name = digest(str(root.absolute()))
        self.entries: dict[str, bytes] = {}
        self.used: dict[str, bytes] = {}
        self.changed = False
        kept = cache.get("plans", self.name)
        if kept is not None:
            self.entries = _unpacked(kept)

    def get(self, key: str) -> bytes | None:
        found = self.entries.get(key)
        if found is not None:
            self.used[key] = found
        return found

    def put(self, key: str, entry: bytes) -> None:
        self.used[key] = entry
        self.changed = True

    def save(self) -> None:
        """Write the shelf back when anything was added, or something it held was not used."""
        if self.changed or len(self.used) != len(self.entries):
            self.cache.put("plans", self.name, _packed(self.used))


def _packed(entries: dict[str, bytes]) -> bytes:
    """Entries as one index line (key -> length), then their bytes in the same order."""
    index = json.dumps([[key, len(entry)] for key, entry in entries.items()]).encode()
    return b"".join([index, b"\n", *entries.values()])


def _unpacked(packed: bytes) -> dict[str, bytes]:
    index, _, body = packed.partition(b"\n")
    entries: dict[str, bytes] = {}
    try:
        start = 0
        for key, length in json.loads(index):
            entries[str(key)] = body[start : start + length]
            start += length
    except (ValueError, TypeError):
        return {}
    return entries if start == len(body) else {}


def _check(payload: bytes) -> bytes:
    return hashlib.blake2b(payload, digest_size=_DIGEST_SIZE).digest()


NO_CACHE = Cache(None)
