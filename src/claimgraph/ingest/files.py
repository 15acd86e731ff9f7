"""Path -> bytes: read one input file safely (size checked before reading, races reported plainly)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from claimgraph.errors import InputError

_MB = 1024 * 1024


def describe_size(n_bytes: int) -> str:
    """A size for an error message: whole megabytes above 1 MB, else bytes."""
    return f"{n_bytes / _MB:.0f} MB" if n_bytes >= _MB else f"{n_bytes} bytes"


def too_large(path: str | None, size: int, limit: int) -> InputError:
    """The error for an input over ``Settings.max_input_bytes``, saying what to do."""
    limits = f"is {describe_size(size)}, over the {describe_size(limit)} input limit"
    return InputError(path, f"{limits} (raise max_input_bytes to read it)")


def load_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, checking its size with stat before reading any of it.

    Reads at most ``max_bytes + 1`` bytes so that a file growing between stat and read
    is still refused rather than read whole.
    """
    name = str(path)
    info = _stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise InputError(name, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        # FIFOs and devices (/dev/zero) never end or block: refuse them before opening.
        raise InputError(name, "is not a regular file")
    if info.st_size > max_bytes:
        raise too_large(name, info.st_size, max_bytes)
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(name, "file vanished while reading") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise InputError(name, f"grew past the {describe_size(max_bytes)} input limit while being read")
    return data


def _stat(path: Path) -> os.stat_result:
    """``os.stat`` with its errors turned into InputError."""
    try:
        return path.stat()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
