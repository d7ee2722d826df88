"""Opening a REFI-QDA project (``.qdpx`` archive or bare ``.qde``) safely.

A ``.qdpx`` is a zip archive holding ``project.qde`` and the sources' files in
``Sources/`` (NVivo) or ``sources/`` (MAXQDA, QualCoder). Nothing is extracted
to disk: members are read into memory, and

* an archive with a member whose path would escape the project folder
  (``../x``, ``/etc/x``, ``C:\\x``) is refused as a whole (zip slip);
* the bytes read are counted as they are decompressed, and reading stops past
  ``max_bytes`` (zip bomb), whatever the archive's headers claim;
* ``absolute://`` sources, and ``relative://`` ones leading out of the
  project's folder, are refused unless ``allow_absolute``.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from ..errors import QDAError

__all__ = ["MAX_BYTES", "ProjectArchive", "SourceMissing", "SourceRefused", "safe_member_name"]

MAX_BYTES = 1 << 30
"""Default bound on the bytes a project may decompress to (1 GiB)."""

_CHUNK = 1 << 20
_DRIVE = re.compile(r"^[A-Za-z]:")


class SourceRefused(QDAError):
    """One source's file could not be read (missing, refused or not UTF-8); the project may still be checked."""


class SourceMissing(SourceRefused):
    """One source's file is not in the archive (or not beside the project); ``--skip-missing-sources`` loads the rest."""


def safe_member_name(name: str) -> str | None:
    """The member's path with ``/`` separators, or None when it would escape the folder.

    Examples
    --------
    >>> safe_member_name("Sources/a.txt"), safe_member_name("../../etc/passwd"), safe_member_name("C:\\\\x.txt")
    ('Sources/a.txt', None, None)
    """
    norm = name.replace("\\", "/")
    if not norm or "\x00" in norm or norm.startswith("/") or _DRIVE.match(norm):
        return None
    if any(part == ".." for part in PurePosixPath(norm).parts):
        return None
    return norm


class ProjectArchive:
    """A REFI-QDA project opened for reading; use as a context manager.

    Parameters
    ----------
    path : str or Path
        A ``.qdpx`` archive or a ``.qde`` file.
    allow_absolute : bool
        Read sources at ``absolute://`` paths and ``relative://`` paths outside
        the project's folder (refused by default: a project from someone else
        could otherwise read any file on this computer).
    max_bytes : int
        Refuse the project when it decompresses to more than this.

    Raises
    ------
    QDAError
        Not a readable zip archive, no ``.qde`` inside, a member escaping the
        folder, or more than ``max_bytes``.
    """

    def __init__(self, path: str | Path, *, allow_absolute: bool = False, max_bytes: int = MAX_BYTES):
        self.path = Path(path)
        self.allow_absolute = allow_absolute
        self.max_bytes = int(max_bytes)
        self.used = 0
        self._zip: zipfile.ZipFile | None = None
        self._members: dict[str, zipfile.ZipInfo] = {}
        if self.path.suffix.lower() == ".qdpx":
            self._open_zip()
        else:
            self.qde_name = self.path.name
            self.label = self.path.name

    # ---- opening --------------------------------------------------------
    def _open_zip(self) -> None:
        try:
            self._zip = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise QDAError(f"{self.path.name}: not a readable .qdpx archive ({exc}); the file is damaged or truncated") from None
        declared = 0
        for info in self._zip.infolist():
            norm = safe_member_name(info.filename)
            if norm is None:
                self.close()
                raise QDAError(f"{self.path.name}: archive member '{info.filename}' would escape the project folder; refused")
            self._members[norm] = info
            declared += info.file_size
        if declared > self.max_bytes:
            self.close()
            raise QDAError(f"{self.path.name}: the archive would decompress to {declared} bytes, more than the "
                           f"{self.max_bytes} allowed; refused")
        qdes = [n for n in self._members if "/" not in n.rstrip("/") and n.lower().endswith(".qde")]
        if not qdes:
            self.close()
            raise QDAError(f"{self.path.name}: no project.qde in the archive; is this a REFI-QDA project?")
        self.qde_name = "project.qde" if "project.qde" in qdes else sorted(qdes)[0]
        self.label = f"{self.path.name}:{self.qde_name}"

    def __enter__(self) -> ProjectArchive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None

    # ---- reading --------------------------------------------------------
    def _budget(self, what: str) -> int:
        left = self.max_bytes - self.used
        if left < 0:
            raise QDAError(f"{self.path.name}: {what} takes the project past {self.max_bytes} bytes; refused")
        return left

    def _read_stream(self, stream, what: str) -> bytes:
        left = self._budget(what)
        parts, size = [], 0
        while True:
            block = stream.read(min(_CHUNK, left + 1 - size))
            if not block:
                break
            parts.append(block)
            size += len(block)
            if size > left:
                raise QDAError(f"{self.path.name}: {what} decompresses to more than the {self.max_bytes} bytes "
                               "allowed for the project; refused")
        self.used += size
        return b"".join(parts)

    def _read_member(self, name: str) -> bytes:
        info = self._members[name]
        if self._zip is None:
            raise QDAError(f"{self.path.name}: the archive is closed")
        try:
            with self._zip.open(info) as stream:
                return self._read_stream(stream, f"'{name}'")
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
            raise QDAError(f"{self.path.name}: member '{name}' cannot be read ({exc}); the archive is damaged or truncated") from None

    def _read_file(self, path: Path, what: str) -> bytes:
        try:
            with open(path, "rb") as stream:
                return self._read_stream(stream, what)
        except FileNotFoundError:
            raise SourceMissing(f"{what}: no such file") from None
        except OSError as exc:
            raise SourceRefused(f"{what}: cannot be read ({exc.strerror})") from None

    def project_xml(self) -> bytes:
        """The bytes of the project document (``project.qde``)."""
        if self._zip is not None:
            return self._read_member(self.qde_name)
        return self._read_file(self.path, self.path.name)

    def _internal(self, rel: str, ref: str) -> bytes:
        norm = safe_member_name(rel)
        if norm is None:
            raise SourceRefused(f"'{ref}' would escape the project folder; refused")
        if self._zip is None:
            base = self.path.parent
            for folder in ("Sources", "sources"):
                if (base / folder / norm).is_file():
                    return self._read_file(base / folder / norm, f"'{ref}'")
            raise SourceMissing(f"'{ref}': no file {norm} in Sources/ or sources/ beside {self.path.name}")
        candidates = [f"Sources/{norm}", f"sources/{norm}", norm]
        for name in candidates:
            if name in self._members:
                return self._read_member(name)
        lower = {n.lower(): n for n in self._members}
        for name in candidates:
            if name.lower() in lower:
                return self._read_member(lower[name.lower()])
        raise SourceMissing(f"'{ref}': no member {norm} in the archive's Sources/ or sources/ folder")

    def source_bytes(self, ref: str) -> bytes:
        """The bytes of a source's file, from its ``plainTextPath``.

        ``internal://x`` (and a bare ``x``, as QualCoder writes it) is read from
        the archive's ``Sources/`` or ``sources/`` folder; ``relative://x``
        from beside the project file; ``absolute://x`` only when allowed.

        Raises
        ------
        SourceRefused
            For this source only: missing, refused or escaping.
        """
        scheme, sep, rest = ref.partition("://")
        if not sep:
            scheme, rest = "internal", ref
        scheme = scheme.lower()
        if scheme == "internal":
            return self._internal(rest, ref)
        if scheme == "relative":
            base = self.path.parent.resolve()
            target = (base / rest.replace("\\", "/")).resolve()
            if not self.allow_absolute and not target.is_relative_to(base):
                raise SourceRefused(f"'{ref}' leads out of the project's folder; refused (allow it with --allow-absolute-paths)")
            return self._read_file(target, f"'{ref}'")
        if scheme in ("absolute", "file"):
            if not self.allow_absolute:
                raise SourceRefused(f"'{ref}' is an absolute path outside the project; refused (allow it with --allow-absolute-paths)")
            return self._read_file(Path(rest), f"'{ref}'")
        raise SourceRefused(f"'{ref}': unknown path scheme '{scheme}://'; expected internal://, relative:// or absolute://")
