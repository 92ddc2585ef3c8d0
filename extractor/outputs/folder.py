"""A report folder replaced as a whole, never half-written.

The new report is built in a staging folder beside the target (same file system), a manifest of
every file (size, sha256, version, command) is written last, and only then is it swapped
in: the old folder is renamed away, the new one renamed in, the old one deleted. After a kill or
a full disk at any moment the target holds the old complete report or the new one, never a mix.
A lock file beside the target (created with O_EXCL, holding the pid) keeps two runs out of one
folder; a lock whose process is gone is taken over, with a note. Files of an old report folder
that the new run does not write are not kept.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator

from ..errors import OutputError
from ..version import __version__

MANIFEST = "manifest.json"
# What a report folder holds; a folder of these names only is an earlier report even without a
# manifest (reports written before manifests existed), so a re-run replaces it without --force.
REPORT_FILES = re.compile(r"(?:(?:articles|mentions|claims|checks|figures)\.(?:parquet|csv)|extractor\.db"
                          r"|indicators\.xlsx|claims\.(?:md|html)|README\.md|manifest\.json|datapackage\.json"
                          r"|figures/[\w.-]+\.(?:png|svg))")


def writable_location(path: str | Path, folder: bool = False) -> Path:
    """``path`` if it can be written (a file, or a folder with ``folder``): its nearest existing
    ancestor is a folder a file can be created in. Else a one-line OutputError naming the path and
    what to do. Cheap, so commands call it before any long work."""
    path = Path(path)
    if path.exists() and path.is_dir() != folder:
        raise OutputError(f"{path}: is {'a file' if folder else 'a folder'}; give a "
                          f"{'folder' if folder else 'file'} path to write to")
    existing = path if folder and path.is_dir() else next(p for p in [path.parent, *path.parent.parents] if p.exists())
    if not existing.is_dir():
        raise OutputError(f"{path}: {existing} is not a writable folder (it is a file); choose a writable location")
    try:  # os.access says yes to root on a read-only mount; creating a file tells the truth
        with tempfile.TemporaryFile(dir=existing, prefix=".extractor-probe-"):
            pass
    except OSError as exc:
        raise OutputError(f"{path}: {existing} is not a writable folder ({exc.strerror or exc}); "
                          "choose a writable location") from None
    return path


@contextmanager
def written_atomically(path: Path) -> Iterator[Path]:
    """A temporary name beside ``path`` to write to; moved onto ``path`` when the block ends
    without error, so no reader ever sees a half-written file under the real name. A failure
    removes the partial file; an OSError becomes one line naming ``path`` (:func:`write_error`)."""
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        yield partial
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise write_error(exc, path) from None
    except BaseException:  # any other failure midway (a bug, Ctrl-C): no partial file either
        partial.unlink(missing_ok=True)
        raise


def write_error(exc: OSError, where: Path) -> OutputError:
    """A write failure as one line: the file, the reason, what to do."""
    path = where  # the real name, not the temporary one the failure may name
    hint = "free some space or choose another location" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else \
        "choose a writable location"
    return OutputError(f"{path}: cannot write ({exc.strerror or exc}); {hint}")


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def folder_files(folder: Path) -> list[str]:
    """Every file under ``folder``, as sorted POSIX paths relative to it."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def write_manifest(folder: Path, command: str | None = None) -> Path:
    """``manifest.json`` in ``folder``: every other file with its size and sha256, the extractor
    version and the command. Written last, so it describes a complete folder."""
    files = [{"path": name, "size": (folder / name).stat().st_size, "sha256": file_digest(folder / name)}
             for name in folder_files(folder) if name != MANIFEST]
    # no clock time: the same run on the same input writes the same bytes (the committed
    # reports/ stays unchanged by `make report`); the files' hashes say what was written
    manifest = {"written_by": "extractor", "version": __version__, "command": command or command_line(),
                "files": files}
    path = folder / MANIFEST
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=1)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    return path


def read_manifest(folder: str | Path) -> dict | None:
    """The manifest of a folder extractor wrote, or None."""
    try:
        manifest = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) and manifest.get("written_by") == "extractor" else None


def manifest_problems(folder: str | Path) -> list[str]:
    """What differs between a folder and its manifest (missing, changed or extra files); empty
    for a complete report."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    if manifest is None:
        return [f"{folder}: no manifest"]
    listed = {f["path"]: f for f in manifest["files"]}
    present = set(folder_files(folder)) - {MANIFEST}
    problems = [f"missing {name}" for name in sorted(set(listed) - present)]
    problems += [f"not in the manifest: {name}" for name in sorted(present - set(listed))]
    problems += [f"changed: {name}" for name in sorted(present & set(listed))
                 if (folder / name).stat().st_size != listed[name]["size"]
                 or file_digest(folder / name) != listed[name]["sha256"]]
    return problems


class FolderLock:
    """A lock file beside ``target`` (``.NAME.lock``, created with O_EXCL, holding the pid)."""

    def __init__(self, target: Path):
        self.path = target.parent / f".{target.name}.lock"
        self.notes: list[str] = []

    def acquire(self) -> None:
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = self._holder()
                if holder is not None and _alive(holder):
                    raise OutputError(f"{self.path.parent / self.path.name[1:-5]}: another extractor run "
                                      f"(pid {holder}) is writing there; wait for it or choose another folder "
                                      f"(lock file {self.path})") from None
                self.path.unlink(missing_ok=True)
                self.notes.append(f"removed a stale lock {self.path} of a run that is gone "
                                  f"(pid {holder if holder is not None else 'unknown'})")
                continue
            with os.fdopen(fd, "w") as handle:
                handle.write(f"{os.getpid()}\n")
            return
        raise OutputError(f"{self.path}: cannot take the lock; remove it if no extractor run is writing there")

    def _holder(self) -> int | None:
        try:
            return int(self.path.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def release(self) -> None:
        if self._holder() == os.getpid():
            self.path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


class StagedFolder:
    """Build a folder beside ``target`` and swap it in whole::

        with StagedFolder("reports", earlier=looks_like_a_report) as staging:
            write files into staging
        # now reports/ is the new folder, with manifest.json; the old one is gone

    ``open()`` (or entering) checks the target, takes the lock and makes the staging folder, so
    a command can do it before its long work. A non-empty target is refused unless ``force`` or
    it is an earlier report (it holds a manifest, or ``earlier(file names)`` says so)."""

    def __init__(self, target: str | Path, force: bool = False,
                 earlier: Callable[[Iterable[str]], bool] | None = None, command: str | None = None):
        self.target = Path(target)
        self.force, self.earlier, self.command = force, earlier, command
        self.lock = FolderLock(self.target)
        self.staging: Path | None = None
        self.dropped: list[str] = []  # files of the old folder the new one does not hold

    @property
    def notes(self) -> list[str]:
        return self.lock.notes

    def check(self) -> None:
        """Fail (one line) when the target cannot be written or is someone else's folder."""
        writable_location(self.target, folder=True)
        writable_location(self.target.parent, folder=True)  # the staging folder is made beside the target
        if not self.target.is_dir():
            return
        names = folder_files(self.target)
        if not names or self.force or read_manifest(self.target) is not None \
                or (self.earlier is not None and self.earlier(names)):
            return
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        raise OutputError(f"{self.target}: not empty and not a report extractor wrote (it holds {shown}); "
                          "choose a new or empty folder, or give --force to replace it whole (its files are deleted)")

    def open(self) -> Path:
        self.check()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.lock.acquire()
        try:
            self._clean_leftovers()
            self.staging = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.staging-", dir=self.target.parent))
        except OSError as exc:
            self.lock.release()
            raise write_error(exc, self.target) from None
        return self.staging

    def _clean_leftovers(self) -> None:
        """Folders of a run that was killed (this one holds the lock, so none is in use): an old
        report moved aside while its successor was not yet in place comes back; the rest goes."""
        parent, name = self.target.parent, self.target.name
        olds = sorted(parent.glob(f".{name}.old-*"))
        if olds and not self.target.exists():
            olds[-1].rename(self.target)
            self.notes.append(f"restored {self.target} from an interrupted run")
        for leftover in [*parent.glob(f".{name}.old-*"), *parent.glob(f".{name}.staging-*")]:
            shutil.rmtree(leftover, ignore_errors=True)

    def commit(self) -> Path:
        """Write the manifest, swap the staging folder in, delete the old one, release the lock."""
        assert self.staging is not None, "open() first"
        try:
            write_manifest(self.staging, self.command)
            old = None
            if self.target.exists():
                self.dropped = sorted(set(folder_files(self.target)) - set(folder_files(self.staging)))
                old = self.target.parent / f".{self.target.name}.old-{os.getpid()}"
                os.rename(self.target, old)
            os.rename(self.staging, self.target)  # the moment the new report appears, whole
            self.staging = None
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        except OSError as exc:
            self.abort()
            raise write_error(exc, self.target) from None
        self.lock.release()
        return self.target

    def abort(self) -> None:
        """Remove the staging folder (the target stays as it was) and release the lock."""
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
        self.lock.release()

    def __enter__(self) -> Path:
        return self.staging if self.staging is not None else self.open()

    def __exit__(self, kind, exc, tb) -> None:
        if kind is not None:
            self.abort()
            if isinstance(exc, OSError):
                raise write_error(exc, self.target) from None
            return
        self.commit()


def command_line() -> str:
    """The command this process runs, as a user would type it."""
    import shlex

    # the CLI run as `extractor` or `python -m extractor.cli`: the same command, without the
    # machine's paths, so the same run writes the same manifest
    cli = sys.argv and (Path(sys.argv[0]).name == "extractor" or sys.argv[0].endswith(("extractor/cli.py", "extractor.cli")))
    return shlex.join(["extractor", *sys.argv[1:]]) if cli else shlex.join(sys.argv)


def is_earlier_report(names: Iterable[str]) -> bool:
    """Whether a folder holding these files (relative POSIX paths) is a report written before.

    >>> is_earlier_report(["mentions.parquet", "figures/overview.png"]), is_earlier_report(["notes.txt"])
    (True, False)
    """
    return all(REPORT_FILES.fullmatch(name) for name in names)


def report_folder(out_dir: str | Path, force: bool = False, command: str | None = None) -> StagedFolder:
    """The staged report folder for ``out_dir``, not yet opened: ``open()`` checks the target (a
    new, empty or earlier report folder, or any with ``force``) and takes its lock."""
    return StagedFolder(out_dir, force=force, earlier=is_earlier_report, command=command)
