"""Outputs that are whole or absent: written under a temporary name in the same folder, then renamed.

A run killed half-way (`kill -9`, a full disk, Ctrl-C) leaves the previous file as it was, never a
CSV that looks whole but lacks rows or a JSON cut in the middle: `os.replace` within one folder is
atomic on POSIX and Windows. A folder (a year of the site) is built aside and exchanged with the
old one in one step (`renameat2(RENAME_EXCHANGE)` on Linux; elsewhere two renames with the old
folder kept aside until the new one is in place).

The rename is what makes a killed run harmless (the kernel keeps what was written when the process
dies). `fsync=True` also makes the file survive a power cut before the rename; it is off by default:
for a 100 MB workbook on a busy disk it costs seconds, and outputs can be made again from the store.

A target that exists and is not a regular file (`/dev/null`, `/dev/full`, a named pipe) is written
directly: it cannot be replaced, and a user who names it wants the bytes to go there.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

TEMP_SUFFIX = ".partial"


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _publishable(path: str) -> None:
    """mkstemp makes 0600 files; an output is read by others (a web server), as a plain open() would."""
    os.chmod(path, 0o666 & ~_umask())


def _remove_stale(target: Path) -> None:
    """Temporary files or folders of `target` left by a run that was killed (listed, never globbed)."""
    prefix = f".{target.name}."
    for stale in target.parent.iterdir():
        if stale.name.startswith(prefix) and stale.name.endswith(TEMP_SUFFIX):
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
            else:
                with suppress(FileNotFoundError):
                    stale.unlink()


def _special(path: Path) -> bool:
    return path.exists() and not path.is_file()


@contextmanager
def atomic_path(path: Path, fsync: bool = False) -> Iterator[Path]:
    """A temporary path beside `path` for a writer that takes a file name; renamed to `path` on success."""
    path = Path(path)
    if _special(path):
        yield path
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(path)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    os.close(handle)
    try:
        yield Path(temp)
        if fsync:
            with open(temp, "rb") as written:
                os.fsync(written.fileno())
        _publishable(temp)
        os.replace(temp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temp)
        raise


@contextmanager
def atomic_write(path: Path, mode: str = "w", fsync: bool = False, **open_args) -> Iterator[IO]:
    """An open file under a temporary name beside `path`; renamed to `path` when the block ends well."""
    with atomic_path(path, fsync=False) as temp:
        with open(temp, mode, **open_args) as handle:
            yield handle
            handle.flush()
            if fsync and temp != Path(path):
                os.fsync(handle.fileno())


def write_text(path: Path, text: str, encoding: str = "utf-8", fsync: bool = False) -> Path:
    with atomic_write(path, "w", fsync=fsync, encoding=encoding) as handle:
        handle.write(text)
    return Path(path)


def copy_file(source: Path, target: Path) -> Path:
    with atomic_path(target, fsync=False) as temp:
        shutil.copyfile(source, temp)
    return Path(target)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def staging_folder(target: Path) -> Path:
    """An empty folder beside `target` to build its new content in (stale ones of killed runs removed)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(target)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent))


def swap_in(staged: Path, target: Path) -> None:
    """Put the folder `staged` in the place of `target` in one step; the old content is removed after."""
    staged, target = Path(staged), Path(target)
    os.chmod(staged, 0o777 & ~_umask())
    if not target.exists():
        os.replace(staged, target)
        return
    if _exchange(staged, target):
        shutil.rmtree(staged, ignore_errors=True)  # now the old content
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", suffix=TEMP_SUFFIX, dir=target.parent))
    os.rmdir(old)
    os.replace(target, old)
    os.replace(staged, target)
    shutil.rmtree(old, ignore_errors=True)
