"""Reading one source once, in bounded pieces: its bytes (decompressed when gzipped), decoded as
they come, split into lines.

Nothing here holds more than one piece (``BLOCK_BYTES``, then to the end of its last line, at most
``PIECE_BYTES`` more) and one line of text (at most the line limit) at a time, so a gzip bomb or a
1 GiB line costs time, never memory. What stops the rest of
a file from being read (a truncated or corrupt gzip stream, the decompressed-size limit, bytes the
encoding cannot decode) is a :class:`StreamStop`, raised where it happens: the readers keep the
records finished before it and give the rest one failed row with its reason. A line that cannot
be trusted on its own (over the line limit, in another encoding than the file) carries a
``problem``, and its record fails with it while the records around it are read.
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import NamedTuple

BLOCK_BYTES = 1 << 18  # one read: this much, then on to the end of its last line
PIECE_BYTES = 1 << 16  # at most this much of a line beyond the block

# --------------------------------------------------------------------------- sizes

UNITS = {"b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12,
         "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}
SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*", re.IGNORECASE)
GiB, MB = UNITS["gib"], UNITS["mb"]


def parse_size(text: str | int) -> int:
    """Bytes (or characters) from a size as a user writes it; ValueError saying how to write it.

    >>> parse_size("500MB"), parse_size("2GiB"), parse_size("1.5 kb"), parse_size("4096"), parse_size(7)
    (500000000, 2147483648, 1500, 4096, 7)
    >>> parse_size("lots")
    Traceback (most recent call last):
    ...
    ValueError: 'lots' is not a size; write it like 500MB, 2GiB or 1048576 (bytes)
    """
    if isinstance(text, int) and not isinstance(text, bool):
        size = text
    else:
        match = SIZE.fullmatch(str(text))
        if not match or match[2].lower() not in UNITS | {"": 1}:
            raise ValueError(f"{text!r} is not a size; write it like 500MB, 2GiB or 1048576 (bytes)")
        size = int(float(match[1]) * UNITS.get(match[2].lower(), 1))
    if size <= 0:
        raise ValueError(f"{text!r}: a size must be above zero")
    return size


def format_size(size: int) -> str:
    """
    >>> format_size(2 * GiB), format_size(32 * MB), format_size(1500)
    ('2 GiB', '32 MB', '1500 bytes')
    """
    for unit, shown in (("tib", "TiB"), ("gib", "GiB"), ("mib", "MiB"), ("tb", "TB"), ("gb", "GB"), ("mb", "MB"),
                        ("kib", "KiB"), ("kb", "kB")):
        if size >= UNITS[unit] and size % UNITS[unit] == 0:
            return f"{size // UNITS[unit]} {shown}"
    return f"{size} bytes"


@dataclass(frozen=True)
class Limits:
    """How much one file may make: decompressed bytes, characters of one record, of one line."""

    max_file_size: int = 2 * GiB
    max_record_size: int = 32 * MB
    max_line_length: int = 32 * MB

    def line_cap(self) -> tuple[int, str]:
        """The longest line worth holding (no record can be longer than its limit), and the
        problem of a line over it."""
        if self.max_record_size <= self.max_line_length:
            return self.max_record_size, self.record_too_big()
        return self.max_line_length, (f"longer than max_line_length ({format_size(self.max_line_length)} "
                                      "of text); raise it with --max-line-length (max_line_length= in Python)")

    def record_too_big(self) -> str:
        return (f"record over max_record_size ({format_size(self.max_record_size)} of text); "
                "raise it with --max-record-size (max_record_size= in Python)")


# --------------------------------------------------------------------------- what stops a file


class StreamStop(Exception):
    """The rest of the file cannot be read as records: ``what`` happened, ``fix`` says what to do."""

    def __init__(self, what: str, fix: str):
        super().__init__(f"{what}; {fix}")
        self.what, self.fix = what, fix

    def reason(self, last_record: int | None) -> str:
        """The failed row's reason, given the last record read before the stop (None: none)."""
        if last_record is None:
            return f"cannot read: {self.what}; {self.fix}"
        return f"{self.what} after record {last_record}: the records before it were read; {self.fix}"


REFETCH = "re-download or re-compress the file"


def truncated() -> StreamStop:
    return StreamStop("file ends mid-stream (truncated gzip)", REFETCH)


def over_file_size(limit: int) -> StreamStop:
    return StreamStop(f"file over max_file_size ({format_size(limit)} decompressed)",
                      "raise it with --max-file-size (max_file_size= in Python) if the file is trusted")


# --------------------------------------------------------------------------- bytes


class GzipReader:
    """The decompressed bytes of a gzip file with ``readline(limit)``, as ``gzip.open`` gives
    them, but inflated 1 MiB at a time where gzip reads 8 KiB: twice as fast on a bomb. Every
    member of a multi-member file in turn, NUL padding after the last ignored; EOFError where the
    file ends inside a member, zlib.error for corrupt data (a bad CRC included)."""

    INPUT_BYTES = 1 << 20

    def __init__(self, path: Path):
        self.raw = open(path, "rb")
        self.inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self.buffer, self.pos = b"", 0
        self.member_started = False  # input went into the current member
        self.error: Exception | None = None  # met while inflating: raised once the data before it is read

    def close(self) -> None:
        self.raw.close()

    def input(self) -> bytes:
        """The next compressed bytes for the current member, b"" at a clean end of the file."""
        if self.inflate.unconsumed_tail:
            return self.inflate.unconsumed_tail
        if self.inflate.eof:  # a member ended: another may follow
            rest = self.inflate.unused_data or self.raw.read(self.INPUT_BYTES)
            while rest and not rest.strip(b"\x00"):  # padding
                rest = self.raw.read(self.INPUT_BYTES)
            if not rest:
                return b""
            self.inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
            return rest.lstrip(b"\x00")
        data = self.raw.read(self.INPUT_BYTES)
        if not data and self.member_started:
            raise EOFError("compressed file ended before the end-of-stream marker was reached")
        return data

    def fill(self) -> bool:
        """Inflate more into the buffer; False at the end of the file or where it stops (the
        error is raised by the read after the data before it)."""
        while self.error is None:
            try:
                data = self.input()
                if not data:
                    return False
                self.member_started = True
                out = self.inflate.decompress(data, self.INPUT_BYTES)
            except (EOFError, zlib.error) as exc:
                self.error = exc
                return False
            if out:
                self.buffer, self.pos = self.buffer[self.pos:] + out, 0
                return True
        return False

    def take(self, end: int) -> bytes:
        if end <= self.pos and self.error is not None:
            raise self.error
        piece, self.pos = self.buffer[self.pos:end], end
        return piece

    def read(self, size: int) -> bytes:
        while len(self.buffer) - self.pos < size and self.fill():
            pass
        return self.take(min(self.pos + size, len(self.buffer)))

    def readline(self, limit: int) -> bytes:
        while True:
            end = self.buffer.find(b"\n", self.pos, self.pos + limit)
            if end >= 0:
                return self.take(end + 1)
            if len(self.buffer) - self.pos >= limit or not self.fill():
                return self.take(min(self.pos + limit, len(self.buffer)))


def stop_of(exc: Exception) -> StreamStop:
    if isinstance(exc, EOFError):
        return truncated()
    return StreamStop(f"corrupt gzip data ({exc})", REFETCH)


class RawPieces:
    """The bytes of a file, decompressed when gzipped, in pieces: BLOCK_BYTES, then on to the end
    of the last line (at most PIECE_BYTES more). Counts them against ``max_bytes``; ``peek`` reads
    the first pieces ahead (to sniff the encoding) and iterating gives them again, then the rest."""

    def __init__(self, path: Path, gz: bool, max_bytes: int):
        self.handle = GzipReader(path) if gz else open(path, "rb")
        self.max_bytes = max_bytes
        self.read_bytes = 0
        self.ahead: deque[bytes] = deque()
        self.stop: StreamStop | None = None  # met while peeking: raised once the peeked pieces are given
        self.unread: StreamStop | None = None  # met finishing a piece's last line: raised at the next read

    def __enter__(self) -> RawPieces:
        return self

    def __exit__(self, *exc) -> None:
        self.handle.close()

    def next_piece(self) -> bytes:
        if self.unread is not None:  # the stop after the last piece
            raise self.unread
        try:
            piece = self.handle.read(BLOCK_BYTES)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise stop_of(exc) from None
        if piece and not piece.endswith(b"\n"):
            try:
                piece += self.handle.readline(PIECE_BYTES)
            except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
                self.unread = stop_of(exc)  # the block is still given: its whole lines are good
        self.read_bytes += len(piece)
        if self.read_bytes > self.max_bytes:
            raise over_file_size(self.max_bytes)
        return piece

    def peek(self, size: int) -> bytes:
        """The first ``size`` bytes (fewer at the end of the file or where it stops)."""
        held = sum(map(len, self.ahead))
        while held < size and self.stop is None:
            try:
                piece = self.next_piece()
            except StreamStop as stop:
                self.stop = stop
                break
            if not piece:
                break
            self.ahead.append(piece)
            held += len(piece)
        return b"".join(self.ahead)

    def __iter__(self) -> Iterator[bytes]:
        while self.ahead:
            yield self.ahead.popleft()
        if self.stop is not None:
            raise self.stop
        while piece := self.next_piece():
            yield piece


# --------------------------------------------------------------------------- encodings


def single_byte_encoding(sample: bytes) -> str:
    """cp1251 when the high bytes come in runs (Cyrillic words), latin-1 when they stand alone
    between ASCII letters (Western accents: "café").

    >>> single_byte_encoding("Доходы".encode("cp1251")), single_byte_encoding("café".encode("latin-1"))
    ('cp1251', 'latin-1')
    """
    high = [i for i, b in enumerate(sample) if b >= 0x80]
    if not high:
        return "latin-1"
    in_runs = sum(1 for i in high if (i > 0 and sample[i - 1] >= 0x80)
                  or (i + 1 < len(sample) and sample[i + 1] >= 0x80))
    return "cp1251" if in_runs >= 0.6 * len(high) and decodes(sample, "cp1251") else "latin-1"


def decodes(sample: bytes, encoding: str) -> bool:
    try:
        sample.decode(encoding)
        return True
    except UnicodeDecodeError:
        return False


def is_utf8(name: str) -> bool:
    return codecs.lookup(name).name in ("utf-8", "utf-8-sig")


def is_single_byte(name: str) -> bool:
    return codecs.lookup(name).name in ("latin-1", "iso8859-1", "cp1251", "cp1252", "iso8859-15")


# Text that is UTF-8 read as cp1252 (or latin-1): a lead byte's character then 1-3 continuation
# bytes' characters: "Ã©" for "é", "â€™" for "’", "Ð”" for "Д".
CONTINUATION = "".join(dict.fromkeys(bytes([b]).decode("cp1252", "ignore") + chr(b) for b in range(0x80, 0xC0)))
# The lead bytes' characters of the mojibake met in practice (a fast first look; str.find is
# much faster than the regex): Latin-1 letters and signs, Central European, Cyrillic, punctuation.
MOJIBAKE_LEADS = "ÂÃÄÅÐÑâ"
MOJIBAKE = re.compile(f"[\u00c2-\u00f4][{re.escape(CONTINUATION)}]{{1,3}}")


def holds_mojibake(text: str) -> bool:
    """Whether ``text`` holds UTF-8 decoded as cp1252/latin-1, checked by decoding it back.

    >>> holds_mojibake("Le cafÃ© est prÃªt"), holds_mojibake("Itâ€™s"), holds_mojibake("Le café, à 3 €")
    (True, True, False)
    """
    if text.isascii() or not any(lead in text for lead in MOJIBAKE_LEADS):
        return False
    for match in MOJIBAKE.finditer(text):
        found = match.group()
        raw = b"".join(ch.encode("cp1252") if ch.encode("cp1252", "ignore") else ch.encode("latin-1", "ignore")
                       for ch in found)
        try:
            raw.decode("utf-8")
            return True
        except UnicodeDecodeError:
            continue
    return False


def mixed(line_is: str, file_is: str) -> str:
    """The problem of a line in another encoding than its file: the same words for every such
    line, so a summary counts them together."""
    return (f"mixed_encoding: this line is {line_is} while the file is {file_is}; convert the file to one "
            "encoding (e.g. with iconv) or pass --encoding to read every line one way")


MOJIBAKE_PROBLEM = ("mixed_encoding: this line holds UTF-8 text that was decoded as cp1252 ('Ã©' for 'é', "
                    "'â€™' for '’'); fix the text at its source or re-export the file as UTF-8")


# --------------------------------------------------------------------------- lines


class Line(NamedTuple):
    """One line with its line end; ``length`` is its length in characters even when its text
    was not kept (over the line limit: ``text`` is ""); ``problem`` names the line when set."""

    number: int
    text: str
    length: int
    problem: str = ""


class TextLines:
    """The lines of a file, decoded from its pieces once, in order. ``encoding`` is the file's
    (a file that looked UTF-8 but whose first non-ASCII bytes are not is read as the single-byte
    encoding they suggest from there on: the ASCII before reads the same in both)."""

    def __init__(self, pieces: RawPieces, encoding: str, forced: bool, limits: Limits):
        self.pieces, self.encoding, self.forced = pieces, encoding, forced
        self.use(encoding)
        self.non_ascii_seen = codecs.lookup(encoding).name == "utf-8-sig"  # a BOM says UTF-8
        self.cap, self.too_long = limits.line_cap()
        self.number = 1
        self.carry = ""  # a "\r" at the end of a piece: its "\n" may open the next one
        self.parts: list[str] = []
        self.length = 0
        self.problem = ""

    # ---- decoding

    def use(self, encoding: str) -> None:
        self.encoding = encoding
        self.decoder = codecs.getincrementaldecoder(encoding)()
        self.utf8 = is_utf8(encoding)
        # a file read as a single-byte encoding it was not told to use: a UTF-8 line in it is checked
        self.sniffed_single_byte = not self.forced and is_single_byte(encoding)

    def segments(self, piece: bytes) -> Iterator[tuple[str, str]]:
        """The text of a piece and its problem: the whole piece at once when nothing is wrong
        with it, else line by line, so that a problem is its own line's only."""
        state = self.decoder.getstate()
        try:
            text = self.decoder.decode(piece)
        except UnicodeDecodeError as exc:
            text, error = None, exc
        if text is not None and not self.suspect(piece, text):
            self.non_ascii_seen = self.non_ascii_seen or (self.utf8 and not text.isascii())
            yield text, ""
            return
        self.decoder.setstate(state)
        if text is None and not (self.utf8 or is_single_byte(self.encoding)):
            # A multi-byte encoding (UTF-16) cannot restart at a line: the lines before the bad
            # bytes are read, then nothing after can be trusted.
            yield self.decoder.decode(piece[:max(0, error.start - len(state[0]))]), ""
            raise StreamStop(f"line {self.number}: cannot decode as {self.encoding} ({error.reason})",
                             "pass --encoding with the file's encoding")
        for line in piece.splitlines(keepends=True):
            yield self.decode(line)

    def suspect(self, piece: bytes, text: str) -> bool:
        """Whether a piece that decodes may hold a line in another encoding."""
        if self.utf8:
            return not text.isascii() and holds_mojibake(text)
        return self.sniffed_single_byte and not piece.isascii() and bool(UTF8_SEQUENCE.search(piece))

    def decode(self, piece: bytes, final: bool = False) -> tuple[str, str]:
        """The text of a piece and its problem ("" when none)."""
        buffered = self.decoder.getstate()[0]
        try:
            text = self.decoder.decode(piece, final)
        except UnicodeDecodeError as exc:
            return self.undecodable(buffered + piece, exc)
        problem = ""
        if self.utf8:
            if not text.isascii():
                self.non_ascii_seen = True
                problem = MOJIBAKE_PROBLEM if holds_mojibake(text) else ""
        elif self.sniffed_single_byte and not piece.isascii() and is_utf8_text(piece):
            problem = mixed("UTF-8", self.encoding)
        return text, problem

    def undecodable(self, raw: bytes, exc: UnicodeDecodeError) -> tuple[str, str]:
        self.decoder.reset()
        cannot = f"cannot decode as {self.encoding} ({exc.reason}); pass --encoding with the file's encoding"
        if is_single_byte(self.encoding):  # a byte the code page leaves undefined: that line only
            return raw.decode("latin-1"), cannot
        if not self.utf8:  # a multi-byte encoding out of step: nothing after can be trusted
            raise StreamStop(f"line {self.number}: cannot decode as {self.encoding} ({exc.reason})",
                             "pass --encoding with the file's encoding")
        text = raw.decode("utf-8", "surrogateescape")  # one character a bad byte: later offsets stay exact
        if self.forced:
            return text, cannot
        legacy = single_byte_encoding(raw)
        if not self.non_ascii_seen:
            # Only ASCII so far, which reads the same in the single-byte encoding: switch to it.
            self.use(legacy)
            return self.decode(raw)
        return text, mixed(f"not UTF-8 (it reads as {legacy})", "UTF-8")

    # ---- splitting

    def add(self, segment: str, problem: str) -> None:
        self.length += len(segment)
        self.problem = self.problem or problem
        if self.length > self.cap:
            self.parts.clear()  # over the limit: only its length is kept
        else:
            self.parts.append(segment)

    def finish(self) -> Line:
        long = self.length > self.cap
        problem = self.too_long if long else self.problem
        line = Line(self.number, "" if long else "".join(self.parts), self.length,
                    f"line {self.number}: {problem}" if problem else "")
        self.number += 1
        self.parts, self.length, self.problem = [], 0, ""
        return line

    def lines_of(self, text: str, problem: str, final: bool = False) -> Iterator[Line]:
        if self.carry:
            text, self.carry = self.carry + text, ""
        if text.endswith("\r") and not final:
            text, self.carry = text[:-1], "\r"
        lines = split_lines(text)
        if problem:
            yield from self.one_by_one(lines, problem)
            return
        if lines and self.length:  # the first line ends one begun in the pieces before
            yield from self.one_by_one(lines[:1], "")
            del lines[:1]
        tail = lines.pop() if lines and lines[-1][-1] not in "\r\n" else None  # goes on in the next piece
        if lines and max(map(len, lines)) <= self.cap:  # the common case: whole lines, nothing wrong
            first, self.number = self.number, self.number + len(lines)
            yield from map(Line, range(first, self.number), lines, map(len, lines), repeat(""))
        else:
            yield from self.one_by_one(lines, "")
        if tail is not None:
            self.add(tail, "")

    def one_by_one(self, lines: list[str], problem: str) -> Iterator[Line]:
        for line in lines:
            self.add(line, problem)
            if line[-1] in "\r\n":
                yield self.finish()

    def __iter__(self) -> Iterator[Line]:
        for piece in self.pieces:
            for text, problem in self.segments(piece):
                yield from self.lines_of(text, problem)
        yield from self.lines_of(*self.decode(b"", final=True), final=True)
        if self.length or self.parts:
            yield self.finish()


def split_lines(text: str) -> list[str]:
    r"""The lines of ``text`` with their ends, split as newline="" splits them: at "\r\n", "\r"
    and "\n" only (str.splitlines also splits at "\f", "\x85", "\u2028" and more).

    >>> split_lines("a\nb\r\nc\rd\x0ce"), split_lines("a\n")
    (['a\n', 'b\r\n', 'c\r', 'd\x0ce'], ['a\n'])
    """
    if "\r" in text:
        return io.StringIO(text, newline="").readlines()
    lines = text.split("\n")  # memchr speed, where StringIO steps through a long line
    last = lines.pop()
    lines = [line + "\n" for line in lines]
    if last:
        lines.append(last)
    return lines


# A UTF-8 multi-byte character: in a file read as a single-byte encoding, a sign of a UTF-8 line.
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def is_utf8_text(piece: bytes) -> bool:
    return decodes(piece, "utf-8")
