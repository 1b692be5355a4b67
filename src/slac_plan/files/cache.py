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
    """Entries by kind and key in a folder; `Cache(None)` is a cache that is always empty."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def key(self, *parts: str | bytes) -> str:
        """A key for an entry that depends on `parts` and on this slac (`code_digest`)."""
        return digest(code_digest(), *parts)

    def _path(self, kind: str, key: str) -> Path:
        assert self.folder is not None
        return self.folder / kind / key[:2] / key

    def get(self, kind: str, key: str) -> bytes | None:
        """The entry's payload, or None when it is missing, damaged or cannot be read."""
        if self.folder is None:
            return None
        try:
            stored = self._path(kind, key).read_bytes()
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
        target = self._path(kind, key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(_MAGIC + _check(payload) + payload)
                Path(temporary).replace(target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            return


def _check(payload: bytes) -> bytes:
    return hashlib.blake2b(payload, digest_size=_DIGEST_SIZE).digest()


NO_CACHE = Cache(None)
