"""Output written whole or not at all: a site built beside its folder, files replaced by rename."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

log = logging.getLogger(__name__)


class StagedSite:
    """A site folder that a build fills beside the real one, swapped in only when complete.

    An interrupted or failed build leaves the last complete site where it was (or no site, if
    there was none), never half of a new one. Between the two renames of the swap the folder
    is briefly absent; it is never incomplete.
    """

    def __init__(self, site_dir: Path) -> None:
        # Beside the real folder, even when site/ is a link to one elsewhere: a rename only
        # works within one file system.
        self.target = site_dir.resolve()
        self.staging = self.target.with_name(f".{self.target.name}.partial")
        self._previous = self.target.with_name(f".{self.target.name}.previous")

    def begin(self) -> Path:
        """Return an empty folder to build into, removing what an interrupted build left."""
        for leftover in (self.staging, self._previous):
            if leftover.exists():
                shutil.rmtree(leftover)
        self.staging.mkdir(parents=True)
        if self.target.is_dir():
            shutil.copymode(self.target, self.staging)
        return self.staging

    def commit(self) -> None:
        """Put the staged site in place of the real one."""
        if not self.target.exists():
            os.replace(self.staging, self.target)
            return
        try:
            os.replace(self.target, self._previous)
        except OSError as exc:
            # A mount point or a folder we may write into but not rename: fill it in place.
            log.info("cannot replace %s (%s); writing into it instead", self.target, exc)
            self._copy_in()
            return
        try:
            os.replace(self.staging, self.target)
        except BaseException:
            os.replace(self._previous, self.target)
            raise
        shutil.rmtree(self._previous)

    def discard(self) -> None:
        """Remove the staged site, leaving the real one as it was."""
        shutil.rmtree(self.staging, ignore_errors=True)

    def _copy_in(self) -> None:
        for entry in list(self.target.iterdir()):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        for entry in list(self.staging.iterdir()):
            shutil.move(entry, self.target / entry.name)
        self.staging.rmdir()


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` by ``text`` so that no reader ever sees half a file."""
    with open_atomically(path) as file:
        file.write(text)


@contextlib.contextmanager
def open_atomically(path: Path) -> Iterator[TextIO]:
    """Return a text file that replaces ``path`` when the block ends without an error, and
    leaves it untouched otherwise, so that no reader ever sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            yield file
        # mkstemp makes the file private; a web server must still be able to read it.
        mode = path.stat().st_mode if path.exists() else 0o666 & ~_umask()
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def write_new(path: Path, text: str) -> None:
    """Create ``path`` with ``text``, whole or not at all; raise FileExistsError if it exists."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.chmod(temporary, 0o666 & ~_umask())
        try:
            # A hard link is made only where nothing is: it never replaces a file.
            os.link(temporary, path)
        except FileExistsError:
            raise
        except OSError:
            # A file system without hard links: exclusive creation, then the text.
            with path.open("x", encoding="utf-8") as file:
                file.write(text)
    finally:
        os.unlink(temporary)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
