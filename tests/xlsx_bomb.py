"""A hostile .xlsx for the import tests: about 2 MB on disk, its shared strings about 2 GB.

Deflate output after a full flush does not refer back, so one compressed 1 MB chunk of shared
strings can be repeated to build a member a thousand times bigger than its compressed size,
without compressing 2 GB in the test."""

import io
import struct
import zipfile
import zlib

from openpyxl import Workbook

MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _deflate_repeated(head: bytes, chunk: bytes, times: int, tail: bytes):
    def flushed(data: bytes, mode: int) -> bytes:
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        return compressor.compress(data) + compressor.flush(mode)

    repeated = flushed(chunk, zlib.Z_FULL_FLUSH)
    stream = flushed(head, zlib.Z_FULL_FLUSH) + repeated * times + flushed(tail, zlib.Z_FINISH)
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    return stream, crc, len(head) + len(chunk) * times + len(tail)


def _zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip archive of (name, raw deflate data, crc, uncompressed size) members."""
    out, directory = io.BytesIO(), []
    for name, data, crc, size in members:
        offset = out.tell()
        encoded = name.encode()
        out.write(
            struct.pack(
                "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0
            )
        )
        out.write(encoded + data)
        directory.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0x21,
                crc,
                len(data),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    start = out.tell()
    for entry in directory:
        out.write(entry)
    end = out.tell()
    out.write(
        struct.pack(
            "<IHHHHIIH", 0x06054B50, 0, 0, len(directory), len(directory), end - start, start, 0
        )
    )
    return out.getvalue()


def bomb_xlsx(times: int = 2000) -> bytes:
    """A workbook whose xl/sharedStrings.xml expands from ~2 MB to ~2 GB (times x 1 MB)."""
    book = Workbook()
    book.active.append(["Nama anak", "NIK"])
    buffer = io.BytesIO()
    book.save(buffer)
    members = []
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source:
        for info in source.infolist():
            if info.filename == "xl/sharedStrings.xml":
                continue
            raw = source.read(info)
            compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
            data = compressor.compress(raw) + compressor.flush()
            members.append((info.filename, data, zlib.crc32(raw), len(raw)))
    head = b'<?xml version="1.0"?><sst xmlns="%s"><si><t>' % MAIN_NS
    data, crc, size = _deflate_repeated(head, b"A" * 2**20, times, b"</t></si></sst>")
    members.append(("xl/sharedStrings.xml", data, crc, size))
    return _zip(members)
