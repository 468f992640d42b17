"""Read import files as bounded streams: whatever the input, memory stays small.

A file (gzipped or not; gzip is recognised by its magic bytes, not its name) is read in
chunks. Two limits guard every import, each overridable per call:

- ``IMPORT_MAX_BYTES`` (default 512 MiB): the most bytes an import reads *after*
  decompression, so a small ``.gz`` that unpacks to gigabytes is refused, not unpacked;
- ``IMPORT_MAX_LINE_BYTES`` (default 1 MiB): the longest line (or CSV record) accepted.

Going past either raises ``LimitExceeded``, whose message names the limit and how to raise it;
the callers read the whole file before writing anything, so nothing is written.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 512 * 1024 * 1024
DEFAULT_MAX_LINE_BYTES = 1024 * 1024
CHUNK_BYTES = 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"
_NOT_BLANK = re.compile(rb"[^\s]")


class StreamError(Exception):
    """The file cannot be read (missing, not gzip although it says so, over a limit)."""


class LimitExceeded(StreamError):
    """The input is larger than a configured limit; the message names it."""


def max_bytes(value: int | None = None) -> int:
    return value or getattr(settings, "IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_line_bytes(value: int | None = None) -> int:
    return value or getattr(settings, "IMPORT_MAX_LINE_BYTES", DEFAULT_MAX_LINE_BYTES)


def _mib(value: int) -> str:
    return f"{value / 1024 / 1024:g} MiB"


class BoundedSource(io.RawIOBase):
    """A file's decompressed bytes, refused past ``limit`` bytes.

    ``position`` and ``size`` are in bytes of the file on disk, for a progress bar.
    """

    def __init__(self, path: Path, *, limit: int | None = None):
        super().__init__()
        self.path = Path(path)
        self.limit = max_bytes(limit)
        self.read_so_far = 0
        try:
            self.raw = self.path.open("rb")
        except OSError as error:
            raise StreamError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error.strerror}
            ) from error
        self.size = self.path.stat().st_size
        self.gzipped = self.raw.read(2) == GZIP_MAGIC
        self.raw.seek(0)
        self.stream = gzip.GzipFile(fileobj=self.raw, mode="rb") if self.gzipped else self.raw

    @property
    def position(self) -> int:
        return self.raw.tell()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        wanted = min(len(buffer), self.limit + 1 - self.read_so_far)
        if wanted <= 0:
            wanted = 1
        try:
            data = self.stream.read(wanted)
        except (OSError, EOFError, zlib.error) as error:
            raise StreamError(
                _("%(path)s is not a valid gzip file.") % {"path": self.path}
            ) from error
        self.read_so_far += len(data)
        if self.read_so_far > self.limit:
            raise LimitExceeded(
                _(
                    "%(path)s holds more than %(limit)s of data (IMPORT_MAX_BYTES"
                    "%(unpacked)s); nothing was written. Raise the limit with --max-bytes "
                    "if the file is genuine."
                )
                % {
                    "path": self.path.name,
                    "limit": _mib(self.limit),
                    "unpacked": _(", after decompression") if self.gzipped else "",
                }
            )
        buffer[: len(data)] = data
        return len(data)

    def close(self):
        if not self.closed:
            if self.stream is not self.raw:
                self.stream.close()
            self.raw.close()
        super().close()


def line_too_long(line: int, limit: int) -> LimitExceeded:
    return LimitExceeded(
        _(
            "Line %(line)d is longer than %(limit)s (IMPORT_MAX_LINE_BYTES); nothing was "
            "written. Raise the limit with --max-line-bytes if the file is genuine."
        )
        % {"line": line, "limit": _mib(limit)}
    )


def iter_lines(
    source: BoundedSource, *, line_limit: int | None = None
) -> Iterator[tuple[int, bytes]]:
    """Yield ``(line number, bytes)`` for each line that is not blank, in order.

    Blank lines are counted and skipped in C (a regular expression and ``bytes.count``), so a
    file of a billion newlines costs the time to decompress it, not a billion iterations.
    """
    limit = max_line_bytes(line_limit)
    pending = b""
    line = 1
    while True:
        chunk = source.read(CHUNK_BYTES)
        data = pending + chunk if pending else chunk
        if not chunk:
            if data.strip():
                yield line, data
            return
        start = 0
        while True:
            found = _NOT_BLANK.search(data, start)
            if found is None:
                line += data.count(b"\n", start)
                pending = b""
                break
            line += data.count(b"\n", start, found.start())
            end = data.find(b"\n", found.start())
            if end < 0:
                pending = data[found.start() :]
                if len(pending) > limit:
                    raise line_too_long(line, limit)
                break
            if end - found.start() > limit:
                raise line_too_long(line, limit)
            yield line, data[found.start() : end]
            line += 1
            start = end + 1


def text_stream(source: BoundedSource) -> io.TextIOWrapper:
    """The source as UTF-8 text (a byte-order mark is dropped), lines as they are."""
    return io.TextIOWrapper(
        io.BufferedReader(source, CHUNK_BYTES), encoding="utf-8-sig", newline=""
    )
