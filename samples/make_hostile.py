#!/usr/bin/env python3
"""Builds hostile and broken support bundles, one per case, and cases.json saying what the analyzer must make
of each. HostileBundlesTest runs the analyzer on every case; nothing built here is committed.

usage: make_hostile.py OUT_DIR [--long-line-mb N] [--slow]

  OUT_DIR            where the bundles and cases.json are written (created if missing)
  --long-line-mb N   size of the one huge line of the long-line case (default 500)
  --slow             also the cases too slow for the test suite (a zip of 200,000 empty entries: some ten
                     seconds of analysis)

Every bundle that can hold one carries a small healthy part, a trace log with a line that MARS-34513 finds
(HEALTHY below), so the test can tell that a hostile entry did not stop the rest of the bundle from being
analyzed. cases.json lists, for each case: its bundle file, a one-line description, the exit code of
`analyze`, extra arguments, inventory lines to expect (exact path, status, a regular expression searched in
the reason, or null for any reason), the rules that must fire and those that must not, absolute paths that
must not exist afterwards, texts from the bundle that the outputs must show as text, and regular expressions
that stderr and some note of findings.json must match.

Bombs are written from repeated deflate blocks, so a GiB of zeros costs a MB on disk and no time to build;
only the long-line case (N MB, stored, so that the compression ratio limit cannot stop it) and a nested 7z
of 65 MiB are large on disk.
Standard library only; the same bytes on every run.
"""
import argparse
import io
import json
import random
import struct
import sys
import tarfile
import zlib
from pathlib import Path

WHEN = (2026, 10, 22, 6, 30, 0)       # entry modification time: trace-log years are taken from it
WHEN_EPOCH = 1792650600               # the same instant for tar headers
GUID = "0517B3DB-347D-45A8-9DAB-FD7D1EA7D134"
MIB = 1 << 20
GIB = 1 << 30

# Absolute paths named by entries: an analyzer that extracted entries would create these.
ESCAPE_ABS = "/tmp/bundle-analyzer-escape-5f1c2e.errlog"
ESCAPE_VIA_LINK = "bundle-analyzer-escape-link-5f1c2e.errlog"


# ---- trace-log lines (the format of samples/make_samples.py) --------------------------------------------

def trace(time, level, message):
    return "\t".join(["0B10", "1A2C", "10/21", time, "69", "cbengine.cpp(120)", "", GUID, level, message])


# messages that the catalogue's rules find, and a harmless one
ID_34513 = ("Invalid vault credentials provided. The file is either corrupted or doesn't have the latest "
            "credentials associated with recovery service. (ID: 34513)")
ID_100050 = "Unable to upload job status: agent was unable to connect to Microsoft Azure Backup. (ID: 100050)"
HR_1FC07 = "Failed: Hr: = [0x1FC07] : The activation did not complete successfully."
ID_34506 = "Error 34506. The encryption passphrase stored on this computer is not correctly configured."
HARMLESS = "Job status uploaded"


def lines(rows):
    return "".join(row + "\r\n" for row in rows)


def trace_log(*messages, level="FATAL"):
    """A UTF-8 trace log: a start line, then one line per message, a second apart."""
    rows = [trace("21:00:00.000", "NORMAL", "CBEngine service started")]
    rows += [trace(f"21:01:{i:02d}.000", level, m) for i, m in enumerate(messages)]
    return lines(rows).encode("utf-8")


HEALTHY_NAME = "Temp/CBEngineCurr.errlog"
HEALTHY = trace_log(ID_34513)


# ---- zip, written by hand ---------------------------------------------------------------------------------

STORED, DEFLATED = 0, 8
FLAG_ENCRYPTED, FLAG_DESCRIPTOR, FLAG_UTF8 = 0x1, 0x8, 0x800
DOS_TIME = (WHEN[3] << 11) | (WHEN[4] << 5) | (WHEN[5] // 2)
DOS_DATE = ((WHEN[0] - 1980) << 9) | (WHEN[1] << 5) | WHEN[2]
UNIX_FILE, UNIX_LINK = 0o100644, 0o120777


class ZipWriter:
    """Writes a zip entry by entry. By hand rather than with zipfile, because hostile entries need what zipfile
    will not write: names with NUL or invalid UTF-8, precompressed (bomb) data, any flag, a wrong CRC."""

    def __init__(self, out):
        self.out = out
        self.offset = 0
        self.central = []

    def add(self, name, data, method=DEFLATED, **options):
        raw = deflate(data) if method == DEFLATED else data
        options.setdefault("crc", zlib.crc32(data))
        self.add_raw(name, [raw], method=method, size=len(data), **options)

    def add_raw(self, name, chunks, method, crc, size, flags=0, mode=UNIX_FILE, utf8=None):
        """An entry whose stored bytes are the concatenation of chunks (the same chunk object may repeat)."""
        if isinstance(name, str):
            name = name.encode("utf-8")
            utf8 = utf8 if utf8 is not None else not name.isascii()
        flags |= FLAG_UTF8 if utf8 else 0
        compressed = sum(len(c) for c in chunks)
        sizes_later = flags & FLAG_DESCRIPTOR
        header_offset = self.offset
        self._write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, DOS_TIME, DOS_DATE,
                                0 if sizes_later else crc, 0 if sizes_later else compressed,
                                0 if sizes_later else size, len(name), 0) + name)
        for chunk in chunks:
            self._write(chunk)
        if sizes_later:
            self._write(struct.pack("<IIII", 0x08074B50, crc, compressed, size))
        self.central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, (3 << 8) | 20, 20, flags, method,
                                        DOS_TIME, DOS_DATE, crc, compressed, size, len(name), 0, 0, 0, 0,
                                        mode << 16, header_offset) + name)

    def close(self):
        start = self.offset
        for record in self.central:
            self._write(record)
        count, size = len(self.central), self.offset - start
        if count > 0xFFFF:
            # more entries than the classic end record can count: zip64 end record and its locator
            zip64_end = self.offset
            self._write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count, size, start))
            self._write(struct.pack("<IIQI", 0x07064B50, 0, zip64_end, 1))
            count = 0xFFFF
        self._write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, size, start, 0))

    def _write(self, data):
        self.out.write(data)
        self.offset += len(data)


def zip_bytes(entries, method=DEFLATED):
    """A zip in memory from (name, data) pairs."""
    buffer = io.BytesIO()
    z = ZipWriter(buffer)
    for name, data in entries:
        z.add(name, data, method=method)
    z.close()
    return buffer.getvalue()


def write_zip(path, entries, method=DEFLATED):
    path.write_bytes(zip_bytes(entries, method))


def deflate(data):
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def repeated_deflate(block, count, head=b""):
    """Raw deflate data of `head` and then `block` repeated `count` times, as chunks, and its size and CRC. A full
    flush makes the compressor forget what came before, so the compressed block is the same every time: it is
    computed once and repeated."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH) if head else b""
    repeated = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    chunks = ([first] if first else []) + [repeated] * count + [b"\x03\x00"]   # 03 00: an empty final block
    return chunks, len(head) + len(block) * count, crc


def zero_bomb(z, name, size, **options):
    """An entry of `size` bytes of zeros, about a thousandth of that on disk."""
    chunks, total, crc = repeated_deflate(bytes(MIB), size // MIB)
    z.add_raw(name, chunks, method=DEFLATED, crc=crc, size=total, **options)


def text_bomb(z, name, size, **options):
    """A trace log of one line and then `size` bytes of empty lines: the parser reads all of it, as it reads any
    trace log, so only the compression ratio limit can stop it."""
    head = lines([trace("21:00:00.000", "NORMAL", HARMLESS)]).encode("ascii")
    chunks, total, crc = repeated_deflate(b"\r\n" * (MIB // 2), size // MIB, head)
    z.add_raw(name, chunks, method=DEFLATED, crc=crc, size=total, **options)


# ---- tar and 7z ---------------------------------------------------------------------------------------------

def tar_member(name, data=b"", kind=tarfile.REGTYPE, link=""):
    info = tarfile.TarInfo(name)     # addfile keeps the name as given: no leading / or .. is removed
    info.type, info.linkname, info.size = kind, link, len(data)
    info.mtime, info.mode, info.uname, info.gname = WHEN_EPOCH, 0o644, "root", "root"
    return info, data


def tar_bytes(members, gz=False):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for info, data in members:
            tar.addfile(info, io.BytesIO(data) if data else None)
    data = buffer.getvalue()
    return gzip_bytes(data) if gz else data


def gzip_bytes(data):
    c = zlib.compressobj(6, zlib.DEFLATED, 31)     # gzip wrapper, header time 0: the same bytes every run
    return c.compress(data) + c.flush()


def seven_zip(files):
    """A 7z archive of (name, data) pairs, data not compressed (the Copy coder), all in one folder. Written by
    hand because the standard library has no 7z writer; enough of the format for a reader to open."""
    packed = b"".join(data for _, data in files)
    header = seven_zip_header(files, len(packed))
    start = struct.pack("<QQI", len(packed), len(header), zlib.crc32(header))
    signature = b"7z\xbc\xaf\x27\x1c\x00\x04" + struct.pack("<I", zlib.crc32(start)) + start
    return signature + packed + header


def seven_zip_header(files, packed_size):
    def number(v):
        return bytes([v]) if v < 0x80 else b"\xff" + struct.pack("<Q", v)

    end = b"\x00"
    pack_info = b"\x06" + number(0) + number(1) + b"\x09" + number(packed_size) + end
    copy_folder = number(1) + b"\x01\x00"            # one coder, a one-byte codec ID, 00 = Copy
    unpack_info = b"\x07\x0b" + number(1) + b"\x00" + copy_folder + b"\x0c" + number(packed_size) + end
    sizes = b"\x09" + b"".join(number(len(d)) for _, d in files[:-1]) if len(files) > 1 else b""
    crcs = b"\x0a\x01" + b"".join(struct.pack("<I", zlib.crc32(d)) for _, d in files)
    substreams = b"\x08\x0d" + number(len(files)) + sizes + crcs + end
    names = b"".join(n.encode("utf-16-le") + b"\x00\x00" for n, _ in files)
    files_info = b"\x05" + number(len(files)) + b"\x11" + number(len(names) + 1) + b"\x00" + names + end
    return b"\x01\x04" + pack_info + unpack_info + substreams + end + files_info + end


# ---- cases ----------------------------------------------------------------------------------------------------

def parsed(path, reason=None):
    return {"path": path, "status": "parsed", "reason": reason}


def skipped(path, reason):
    return {"path": path, "status": "skipped", "reason": reason}


def failed(path, reason):
    return {"path": path, "status": "failed", "reason": reason}


HEALTHY_LINE = parsed(HEALTHY_NAME)


def case(name, file, description, exit_code=4, inventory=(), rules=("MARS-34513",), absent_rules=(),
         args=(), forbidden=(), shown=(), stderr=None, notes=()):
    return {"name": name, "file": file, "description": description, "exit": exit_code, "args": list(args),
            "inventory": list(inventory), "rules": list(rules), "absentRules": list(absent_rules),
            "forbidden": list(forbidden), "shown": list(shown), "stderr": stderr, "notes": list(notes)}


CASES = []


def builds(function):
    """Registers a function that writes one or more case bundles into a folder and returns their cases."""
    CASES.append(function)
    return function


# ---- names that point outside -------------------------------------------------------------------------------

# entry name -> the path the analyzer shows for it (separators made /, root and drive letter dropped)
SLIP_NAMES = {
    "../../escape.errlog": "../../escape.errlog",
    ESCAPE_ABS: ESCAPE_ABS.lstrip("/"),
    "C:\\Windows\\Temp\\escape.errlog": "Windows/Temp/escape.errlog",
    "C:/x.errlog": "x.errlog",
    "..\\..\\win-escape.errlog": "../../win-escape.errlog",
    "docs/../../../mid-escape.errlog": "docs/../../../mid-escape.errlog",
}


def slip_entries():
    content = trace_log(HARMLESS, level="NORMAL")
    return [(HEALTHY_NAME, HEALTHY)] + [(name, content) for name in SLIP_NAMES]


def slip_case(name, file, form):
    return case(name, file, f"zip slip in a {form}: entry names with ../, an absolute path, drive letters and "
                            "backslashes are shown, read in place and never written",
                inventory=[HEALTHY_LINE] + [parsed(shown) for shown in SLIP_NAMES.values()],
                forbidden=[ESCAPE_ABS])


@builds
def zip_slip(out):
    write_zip(out / "zip-slip.zip", slip_entries())
    members = [tar_member(name, data) for name, data in slip_entries()]
    (out / "zip-slip.tar").write_bytes(tar_bytes(members))
    (out / "zip-slip.tar.gz").write_bytes(tar_bytes(members, gz=True))
    return [slip_case("zip-slip", "zip-slip.zip", "zip"),
            slip_case("zip-slip-tar", "zip-slip.tar", "tar"),
            slip_case("zip-slip-tgz", "zip-slip.tar.gz", "tar.gz")]


@builds
def tar_links(out):
    members = [
        tar_member(HEALTHY_NAME, HEALTHY),
        tar_member("links/passwd", kind=tarfile.SYMTYPE, link="/etc/passwd"),
        tar_member("links/outside", kind=tarfile.SYMTYPE, link="../../outside"),
        tar_member("links/shadow.errlog", kind=tarfile.LNKTYPE, link="/etc/shadow"),
        tar_member("links/again.errlog", kind=tarfile.LNKTYPE, link=HEALTHY_NAME),
        # an extractor that followed link would write the next entry into /tmp
        tar_member("link", kind=tarfile.SYMTYPE, link="/tmp"),
        tar_member("link/" + ESCAPE_VIA_LINK, trace_log(HARMLESS, level="NORMAL")),
    ]
    (out / "tar-links.tar").write_bytes(tar_bytes(members))
    return case("tar-links", "tar-links.tar",
                "tar symbolic and hard links (to /etc/passwd, ../../outside, /etc/shadow) are listed, not followed; "
                "a file under a link's name is read from the archive, never through the link",
                inventory=[HEALTHY_LINE,
                           skipped("links/passwd", "symbolic link"),
                           skipped("links/outside", "symbolic link"),
                           skipped("links/shadow.errlog", "hard link"),
                           skipped("links/again.errlog", "hard link"),
                           skipped("link", "symbolic link"),
                           parsed("link/" + ESCAPE_VIA_LINK)],
                forbidden=["/tmp/" + ESCAPE_VIA_LINK])


@builds
def zip_symlink(out):
    buffer = io.BytesIO()
    z = ZipWriter(buffer)
    z.add(HEALTHY_NAME, HEALTHY)
    z.add("links/passwd", b"/etc/passwd", method=STORED, mode=UNIX_LINK)    # a Unix symlink: data is the target
    z.close()
    (out / "zip-symlink.zip").write_bytes(buffer.getvalue())
    return case("zip-symlink", "zip-symlink.zip",
                "a zip entry marked as a Unix symbolic link to /etc/passwd is listed as a link, not read as a file",
                inventory=[HEALTHY_LINE, skipped("links/passwd", "(?i)symbolic link")])


# ---- compression bombs ----------------------------------------------------------------------------------------

RATIO = "compression ratio above 200:1"
ALL_NUL = "NUL bytes"


@builds
def bombs(out):
    with open(out / "bomb.zip", "wb") as f:
        z = ZipWriter(f)
        z.add(HEALTHY_NAME, HEALTHY)
        zero_bomb(z, "bomb/zeros.bin", 2 * GIB)
        text_bomb(z, "bomb/CBEngine1.errlog", 2 * GIB)
        z.add("Temp/GatewayProvider0.errlog", trace_log(ID_100050))
        z.close()
    return case("bomb", "bomb.zip",
                "2 GiB of zeros and a 2 GiB trace log of empty lines, deflated to 2 MB each: the zeros are sampled "
                "and skipped, the log is stopped by the ratio limit, the entry after them is read",
                inventory=[HEALTHY_LINE, skipped("bomb/zeros.bin", ALL_NUL), failed("bomb/CBEngine1.errlog", RATIO),
                           parsed("Temp/GatewayProvider0.errlog")],
                rules=["MARS-34513", "MARS-100050"])


@builds
def nested_bombs(out):
    def inner(flags):
        buffer = io.BytesIO()
        z = ZipWriter(buffer)
        text_bomb(z, "bomb/CBEngine1.errlog", GIB, flags=flags)
        z.add("Temp/GatewayProvider0.errlog", trace_log(ID_100050), flags=flags)
        z.close()
        return buffer.getvalue()

    # sizes in the local headers: the reader can step over the bomb; sizes after the data (data descriptor):
    # stepping over it would mean inflating it, so the rest of that zip is given up
    with open(out / "bomb-nested.zip", "wb") as f:
        z = ZipWriter(f)
        z.add(HEALTHY_NAME, HEALTHY)
        z.add("more/inner.zip", inner(0), method=STORED)
        z.add("more/inner-streamed.zip", inner(FLAG_DESCRIPTOR), method=STORED)
        z.close()
    return case("bomb-nested", "bomb-nested.zip",
                "a 1 GiB trace-log bomb inside a nested zip is stopped and the entry after it is still read; in a "
                "nested zip without sizes in its local headers the bomb stops that zip only",
                inventory=[HEALTHY_LINE, parsed("more/inner.zip"),
                           failed("more/inner.zip!/bomb/CBEngine1.errlog", RATIO),
                           parsed("more/inner.zip!/Temp/GatewayProvider0.errlog"),
                           failed("more/inner-streamed.zip", "stopped at more/inner-streamed.zip!/bomb/CBEngine1.errlog"),
                           failed("more/inner-streamed.zip!/bomb/CBEngine1.errlog", RATIO)],
                rules=["MARS-34513", "MARS-100050"])


FAN_OUT = 4


@builds
def fan_out_bomb(out):
    """42.zip-style: three levels of zips each holding four deflated copies of the level below; the lowest holds
    four 1 GiB leaves, three of zeros (sampled, not inflated) and a trace log of empty lines (read until a ratio
    limit stops it). 256 GiB in all, a few KB on disk: the bundle as a whole passes the ratio limit at the first
    trace-log leaf, so what follows is not read, and the bundle's line says so."""
    buffer = io.BytesIO()
    z = ZipWriter(buffer)
    for m in range(FAN_OUT - 1):
        zero_bomb(z, f"zeros-{m}.bin", GIB)
    text_bomb(z, f"CBEngine{FAN_OUT - 1}.errlog", GIB)
    z.close()
    level = buffer.getvalue()
    for depth in (1, 2):
        level = zip_bytes([(f"l{depth}-{i}.zip", level) for i in range(FAN_OUT)])
    with open(out / "bomb-fanout.zip", "wb") as f:
        z = ZipWriter(f)
        z.add(HEALTHY_NAME, HEALTHY)
        for i in range(FAN_OUT):
            z.add(f"l3-{i}.zip", level)
        z.close()
    first = "l3-0.zip!/l2-0.zip!/l1-0.zip!/"
    return case("bomb-fanout", "bomb-fanout.zip",
                "42.zip-style fan-out: 4 zips of 4 zips of 4 zips of four 1 GiB leaves (256 GiB) in a few KB; "
                "leaves of zeros are sampled, the first trace-log leaf stops the bundle by its ratio",
                inventory=[failed("bomb-fanout.zip", "inflates to more than 200 times .*further entr(y|ies) not read"),
                           HEALTHY_LINE, parsed("l3-0.zip!/l2-0.zip!/l1-0.zip"),
                           skipped(first + "zeros-0.bin", ALL_NUL),
                           failed(first + f"CBEngine{FAN_OUT - 1}.errlog",
                                  "compression ratio above 200:1|inflates to more than 200 times")],
                # README: when the bundle's own limits stop it, a warning says so in the report and on stderr
                stderr="(?i)warning", notes=["(?i)^warning"])


# ---- deep nesting ---------------------------------------------------------------------------------------------

def nest_chain(depth, innermost):
    """n01.zip holds n02.zip ... holds n<depth>.zip, which holds `innermost`; n05.zip (the deepest the default
    limit reads) also holds a trace log. Stored and deflated levels alternate."""
    data = zip_bytes(innermost)
    for level in range(depth, 1, -1):
        entries = [(f"n{level:02d}.zip", data)]
        if level - 1 == 5:
            entries.append(("Temp/GatewayProvider0.errlog", trace_log(ID_100050)))
        data = zip_bytes(entries, method=DEFLATED if level % 2 else STORED)
    return data


def nested_path(names):
    return "!/".join(names)


@builds
def deep_nesting(out):
    chain = nest_chain(20, [("Temp/CBEngine1.errlog", trace_log(HR_1FC07))])
    write_zip(out / "nest-20.zip", [(HEALTHY_NAME, HEALTHY), ("n01.zip", chain)])
    five = [f"n{i:02d}.zip" for i in range(1, 6)]
    twenty = [f"n{i:02d}.zip" for i in range(1, 21)]
    return [
        case("nest-20", "nest-20.zip", "zips nested 20 deep: read to the depth limit (5), the next is skipped",
             inventory=[HEALTHY_LINE, parsed(nested_path(five + ["Temp/GatewayProvider0.errlog"])),
                        skipped(nested_path(five + ["n06.zip"]), "nesting deeper than 5")],
             rules=["MARS-34513", "MARS-100050"], absent_rules=["MARS-0x1FC07"]),
        case("nest-20-allowed", "nest-20.zip", "the same 20 levels with --max-depth 25: read to the bottom",
             args=["--max-depth", "25"],
             inventory=[HEALTHY_LINE, parsed(nested_path(twenty + ["Temp/CBEngine1.errlog"]))],
             rules=["MARS-34513", "MARS-100050", "MARS-0x1FC07"]),
    ]


@builds
def self_similar(out):
    """The same bytes again and again: each level stores the level below verbatim under the same name; and two
    identical nested zips side by side, each of which must be listed and read."""
    level = zip_bytes([("note.txt", b"bottom\r\n")])
    for _ in range(30):
        level = zip_bytes([("same.zip", level)], method=STORED)
    twin = zip_bytes([("Temp/GatewayProvider0.errlog", trace_log(ID_100050))])
    write_zip(out / "self-similar.zip", [(HEALTHY_NAME, HEALTHY), ("same.zip", level),
                                         ("twin-1.zip", twin), ("twin-2.zip", twin)])
    return case("self-similar", "self-similar.zip",
                "a chain of 31 zips each storing the next verbatim under the same name, and two identical nested "
                "zips: the chain stops at the depth limit, both twins are read",
                inventory=[HEALTHY_LINE, skipped(nested_path(["same.zip"] * 6), "nesting deeper than 5"),
                           parsed("twin-1.zip!/Temp/GatewayProvider0.errlog"),
                           parsed("twin-2.zip!/Temp/GatewayProvider0.errlog")],
                rules=["MARS-34513", "MARS-100050"])


# ---- a zip that contains itself ------------------------------------------------------------------------------
# The construction of "Zip Files All The Way Down" (research.swtch.com/zip): deflate data is a program of two
# operations, "literal n" (a stored block: the next n bytes are output) and "repeat n" (a fixed-Huffman block
# copying the last n bytes of output), and one program outputs a header P, then the program itself, then a
# trailer S. Every operation takes the same number of bytes (QUINE_OP) because some repeats copy runs of other
# operations. The CRC, which the file holds in four places, is found by solving CRC(file(x)) = x: CRC-32 is
# affine in the message bits, so that is 32 linear equations over GF(2).

QUINE_OP = 10

# (first length, extra bits) for the length symbols 257..284 (285 is 258); (first distance, extra bits) per code
LENGTHS = [(3, 0), (4, 0), (5, 0), (6, 0), (7, 0), (8, 0), (9, 0), (10, 0), (11, 1), (13, 1), (15, 1), (17, 1),
           (19, 2), (23, 2), (27, 2), (31, 2), (35, 3), (43, 3), (51, 3), (59, 3), (67, 4), (83, 4), (99, 4),
           (115, 4), (131, 5), (163, 5), (195, 5), (227, 5)]
DISTANCES = [(1, 0), (2, 0), (3, 0), (4, 0), (5, 1), (7, 1), (9, 2), (13, 2), (17, 3), (25, 3), (33, 4), (49, 4),
             (65, 5), (97, 5), (129, 6), (193, 6), (257, 7), (385, 7), (513, 8), (769, 8), (1025, 9), (1537, 9),
             (2049, 10), (3073, 10), (4097, 11), (6145, 11), (8193, 12), (12289, 12), (16385, 13), (24577, 13)]


class Bits:
    """Deflate's bit order: values least significant bit first, Huffman codes most significant bit first."""

    def __init__(self):
        self.value, self.count = 0, 0

    def put(self, value, count):
        self.value |= value << self.count
        self.count += count

    def code(self, code, count):
        self.put(int(format(code, f"0{count}b")[::-1], 2), count)

    def symbol(self, sym):               # the fixed Huffman code of a literal/length symbol
        if sym <= 143:
            self.code(0x30 + sym, 8)
        elif sym <= 255:
            self.code(0x190 + sym - 144, 9)
        elif sym <= 279:
            self.code(sym - 256, 7)
        else:
            self.code(0xC0 + sym - 280, 8)

    def block_header(self, final, kind):  # kind 0 stored, 1 fixed Huffman
        self.put(1 if final else 0, 1)
        self.put(kind, 2)

    def copy(self, length, distance):
        if length == 258:
            self.symbol(285)
        else:
            i = max(i for i, (first, _) in enumerate(LENGTHS) if first <= length)
            self.symbol(257 + i)
            self.put(length - LENGTHS[i][0], LENGTHS[i][1])
        d = max(i for i, (first, _) in enumerate(DISTANCES) if first <= distance)
        self.code(d, 5)
        self.put(distance - DISTANCES[d][0], DISTANCES[d][1])

    def bytes(self):
        return self.value.to_bytes((self.count + 7) // 8, "little")


def literal_op(size):
    """QUINE_OP bytes: an empty stored block (for the length), then the stored block of `size` bytes."""
    return b"\x00\x00\x00\xff\xff\x00" + struct.pack("<HH", size, size ^ 0xFFFF)


def copy_splits(total):
    """Ways to copy the last `total` bytes: at once, or in two copies at the same distance."""
    yield [total]
    for first in range(3, total - 2):
        yield [first, total - first]


def repeat_op(total):
    """QUINE_OP bytes that output the last `total` bytes again: a fixed-Huffman block with the copy, empty ones to
    take up bits, then an empty stored block, whose header pads to the byte where the next operation starts."""
    for parts in copy_splits(total):
        if not all(3 <= n <= 258 for n in parts):
            continue
        for empties in range(4):
            b = Bits()
            b.block_header(False, 1)
            for n in parts:
                b.copy(n, total)
            b.symbol(256)
            for _ in range(empties):
                b.block_header(False, 1)
                b.symbol(256)
            b.block_header(False, 0)
            if len(b.bytes()) == QUINE_OP - 4:
                return b.bytes() + b"\x00\x00\xff\xff"
    raise ValueError(f"no repeat of {total} bytes fits in {QUINE_OP}")


def final_repeat(total):
    b = Bits()
    b.block_header(True, 1)
    b.copy(total, total)
    b.symbol(256)
    return b.bytes()


def quine_body(head, tail):
    """Deflate data that inflates to head + itself + tail. In operations (P = head, S = tail, R = repeat,
    L = literal; brackets are a literal's data):
    L[P L] R L[R] L[L] L[R L L L] R L[R L R L] R L[R L0 L0 Ls] R L0 L0 Ls[Rs S] Rs"""
    lp, rp = literal_op(len(head) + QUINE_OP), repeat_op(len(head) + QUINE_OP)
    l1, l4, l0, r4 = literal_op(QUINE_OP), literal_op(4 * QUINE_OP), literal_op(0), repeat_op(4 * QUINE_OP)
    rs = b""
    for _ in range(10):          # it copies itself, so its bytes are a fixed point: a few rounds find it
        rs, before = final_repeat(len(rs) + len(tail)), rs
        if rs == before:
            break
    else:
        raise ValueError("the last repeat has no fixed point")
    ls = literal_op(len(rs) + len(tail))
    return b"".join([lp, head, lp, rp, l1, rp, l1, l1, l4, rp, l1, l1, l4, r4, l4, r4, l4, r4, l4, r4, l4,
                     r4, l0, l0, ls, r4, l0, l0, ls, rs, tail, rs])


def quine_file(name, crc):
    def parts(csize, usize):
        n = name.encode("ascii")
        local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, DEFLATED, DOS_TIME, DOS_DATE, crc, csize, usize,
                            len(n), 0) + n
        central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, (3 << 8) | 20, 20, 0, DEFLATED, DOS_TIME,
                              DOS_DATE, crc, csize, usize, len(n), 0, 0, 0, 0, UNIX_FILE << 16, 0) + n
        end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local) + csize, 0)
        return local, central + end

    head, tail = parts(0, 0)
    size = len(quine_body(head, tail))       # the sizes do not change the lengths of the headers
    head, tail = parts(size, len(head) + size + len(tail))
    return head + quine_body(head, tail) + tail


def quine_crc(name):
    """x with CRC-32(quine_file(name, x)) = x, or None when the 32 equations have no solution."""
    base = zlib.crc32(quine_file(name, 0))
    columns = [zlib.crc32(quine_file(name, 1 << i)) ^ base for i in range(32)]
    # row r of (A + I) x = base: bit i of the mask is bit r of column i
    rows = [[sum(((columns[i] >> r) & 1) << i for i in range(32)) ^ (1 << r), (base >> r) & 1] for r in range(32)]
    pivots = {}
    for col in range(32):
        pivot = next((row for row in rows if row[0] >> col & 1 and id(row) not in map(id, pivots.values())), None)
        if pivot is None:
            continue
        for row in rows:
            if row is not pivot and row[0] >> col & 1:
                row[0] ^= pivot[0]
                row[1] ^= pivot[1]
        pivots[col] = pivot
    if any(mask == 0 and value for mask, value in rows):
        return None
    return sum(1 << col for col, (_, value) in pivots.items() if value)


def zip_quine(name):
    crc = quine_crc(name)
    if crc is None:
        raise ValueError(f"no CRC fixed point for a quine named {name}: try another name")
    data = quine_file(name, crc)
    assert zlib.crc32(data) == crc and zlib.decompressobj(-15).decompress(data[30 + len(name):]).startswith(data)
    return data


@builds
def quine(out):
    write_zip(out / "zip-quine.zip", [(HEALTHY_NAME, HEALTHY), ("quine.zip", zip_quine("quine.zip"))],
              method=STORED)
    return case("zip-quine", "zip-quine.zip",
                "a zip that contains itself (a quine, CRC and all): opened again at every level down to the depth "
                "limit, then skipped",
                inventory=[HEALTHY_LINE, parsed(nested_path(["quine.zip"] * 5)),
                           skipped(nested_path(["quine.zip"] * 6), "nesting deeper than 5")])


# ---- entry counts ---------------------------------------------------------------------------------------------

@builds
def many_entries(out):
    entries = [(HEALTHY_NAME, HEALTHY)] + [(f"many/f{i:04d}.txt", b"x\r\n") for i in range(5000)]
    write_zip(out / "many-entries.zip", entries, method=STORED)
    return case("many-entries", "many-entries.zip",
                "5,001 entries with --max-entries 1000: the first 1,000 are read, the bundle's line says how many "
                "were not", args=["--max-entries", "1000"],
                inventory=[failed("many-entries.zip", "^entry limit 1000 reached; 4001 further entr(y|ies) not read$"),
                           HEALTHY_LINE, skipped("many/f0998.txt", "text of no known format")])


def entries_200k(out):
    with open(out / "entries-200k.zip", "wb") as f:
        z = ZipWriter(f)
        z.add(HEALTHY_NAME, HEALTHY)
        for i in range(200_000):
            z.add_raw(f"e/{i:06d}", [], method=STORED, crc=0, size=0)
        z.close()
    return case("entries-200k", "entries-200k.zip",
                "200,001 entries (zip64 end record), 200,000 of them empty, under the default limits: the first "
                "100,000 are listed, the rest counted",
                inventory=[failed("entries-200k.zip", "^entry limit 100000 reached; 100001 further entr(y|ies) not read$"),
                           HEALTHY_LINE, skipped("e/099998", "empty file")])


# ---- truncated and corrupt archives ---------------------------------------------------------------------------

def noise(seed, size):
    return random.Random(seed).randbytes(size)


def busy_trace_log(seed, rows, first_message):
    """A trace log that compresses poorly (random hex in every line), so a cut lands inside it."""
    r = random.Random(seed)
    messages = [first_message] + [f"Chunk {r.getrandbits(128):032x} sent, {r.getrandbits(20)} bytes"
                                  for _ in range(rows)]
    return trace_log(*messages, level="NORMAL")


@builds
def truncated_zip(out):
    entries = [(HEALTHY_NAME, HEALTHY)] + [(f"data/part{i}.bin", noise(i, 64 * 1024)) for i in range(8)]
    data = zip_bytes(entries)
    (out / "truncated-half.zip").write_bytes(data[:len(data) // 2])
    return case("truncated-half", "truncated-half.zip",
                "a zip cut in half, central directory lost: the entries before the cut are found by scanning",
                inventory=[failed("truncated-half.zip", "central directory"), HEALTHY_LINE,
                           skipped("data/part0.bin", "binary")])


@builds
def corrupt_entries(out):
    log = trace_log(HARMLESS, level="NORMAL")
    garbage = noise(42, 4096)
    buffer = io.BytesIO()
    z = ZipWriter(buffer)
    z.add(HEALTHY_NAME, HEALTHY)
    z.add("bad/crc.errlog", log, method=STORED, crc=zlib.crc32(log) ^ 0xFFFFFFFF)
    z.add_raw("bad/deflate.errlog", [garbage], method=DEFLATED, crc=zlib.crc32(log), size=len(log))
    z.add("Temp/GatewayProvider0.errlog", trace_log(ID_100050))
    z.close()
    (out / "corrupt-entries.zip").write_bytes(buffer.getvalue())
    return case("corrupt-entries", "corrupt-entries.zip",
                "an entry whose CRC does not match and one of garbage deflate data fail alone; the next is read",
                inventory=[HEALTHY_LINE, failed("bad/crc.errlog", "(?i)crc"), failed("bad/deflate.errlog", "."),
                           parsed("Temp/GatewayProvider0.errlog")],
                rules=["MARS-34513", "MARS-100050"])


@builds
def truncated_tgz(out):
    members = [tar_member(HEALTHY_NAME, HEALTHY),
               tar_member("Temp/CBEngine1.errlog", busy_trace_log(7, 4000, ID_100050)),
               tar_member("after.txt", b"after the cut\r\n")]
    data = tar_bytes(members, gz=True)
    (out / "truncated.tar.gz").write_bytes(data[:len(data) * 6 // 10])
    return case("truncated-tgz", "truncated.tar.gz",
                "a tar.gz cut short inside its second entry: the entry fails and keeps the records before the cut, "
                "the bundle's line says it is truncated",
                inventory=[failed("truncated.tar.gz", "(?i)truncated"), HEALTHY_LINE,
                           failed("Temp/CBEngine1.errlog", "(?i)(truncated|unexpected end).*records before it are kept")],
                rules=["MARS-34513", "MARS-100050"])


@builds
def truncated_7z(out):
    whole = seven_zip([("Temp/GatewayProvider0.errlog", trace_log(ID_100050)), ("notes.txt", b"from FS01\r\n")])
    cut = whole[:len(whole) - 40]          # the header, at the end of a 7z, is lost
    write_zip(out / "truncated-7z.zip", [(HEALTHY_NAME, HEALTHY), ("logs/good.7z", whole), ("logs/cut.7z", cut)])
    (out / "truncated.7z").write_bytes(cut)
    return [
        case("truncated-7z-nested", "truncated-7z.zip",
             "a 7z cut short inside a zip fails alone; the same 7z whole is read",
             inventory=[HEALTHY_LINE, parsed("logs/good.7z!/Temp/GatewayProvider0.errlog"),
                        failed("logs/cut.7z", "(?i)7z")],
             rules=["MARS-34513", "MARS-100050"]),
        case("truncated-7z", "truncated.7z",
             "a bundle that is a 7z cut short: its header is lost, nothing in it can be read",
             exit_code=1, rules=[], stderr="(?i)truncated|7z|header"),
    ]


@builds
def large_nested_7z(out):
    # larger than the analyzer copies into memory: a nested 7z needs random access, so it goes to a file
    archive = seven_zip([("Temp/GatewayProvider0.errlog", trace_log(ID_100050)),
                         ("padding/zeros.bin", bytes(65 * MIB))])
    with open(out / "nested-7z-large.zip", "wb") as f:
        z = ZipWriter(f)
        z.add(HEALTHY_NAME, HEALTHY)
        z.add("logs/big.7z", archive, method=STORED)
        z.close()
    return case("nested-7z-large", "nested-7z-large.zip",
                "a 65 MiB 7z inside a zip, read from a temporary copy that must stay inside the output folder",
                inventory=[HEALTHY_LINE, parsed("logs/big.7z"), parsed("logs/big.7z!/Temp/GatewayProvider0.errlog")],
                rules=["MARS-34513", "MARS-100050"])


@builds
def not_archives(out):
    (out / "zip-magic-garbage.zip").write_bytes(b"PK\x03\x04" + noise(3, 4096))
    (out / "empty.zip").write_bytes(b"")
    random_bytes = b"\x00\x01" + noise(4, 64 * 1024)    # two fixed bytes: no archive magic by chance
    (out / "random.zip").write_bytes(random_bytes)
    return [
        case("zip-magic-garbage", "zip-magic-garbage.zip",
             "a zip local-header magic followed by garbage: nothing in it can be read", exit_code=1, rules=[],
             stderr="(?i)zip"),
        case("empty", "empty.zip", "an empty file named .zip is not an archive", exit_code=1, rules=[],
             stderr="(?i)empty"),
        case("random", "random.zip", "random bytes named .zip are not an archive", exit_code=1, rules=[],
             stderr="(?i)not an archive"),
    ]


# ---- encrypted entries ----------------------------------------------------------------------------------------

@builds
def encrypted(out):
    # the encryption flag on plain data: a reader that ignored the flag would find MARS-0x1FC07
    secret = trace_log(HR_1FC07)
    buffer = io.BytesIO()
    z = ZipWriter(buffer)
    z.add("secret/GatewayProvider1.errlog", secret, method=STORED, flags=FLAG_ENCRYPTED)
    z.add("Temp/GatewayProvider0.errlog", trace_log(ID_100050))
    z.close()
    inner = buffer.getvalue()
    buffer = io.BytesIO()
    z = ZipWriter(buffer)
    z.add(HEALTHY_NAME, HEALTHY)
    z.add("secret/CBEngine1.errlog", secret, method=STORED, flags=FLAG_ENCRYPTED)
    z.add("more/inner.zip", inner)
    z.close()
    (out / "encrypted.zip").write_bytes(buffer.getvalue())
    return case("encrypted", "encrypted.zip",
                "entries with the encryption flag, in the bundle and in a nested zip, are skipped as encrypted",
                inventory=[HEALTHY_LINE, skipped("secret/CBEngine1.errlog", "encrypted"),
                           skipped("more/inner.zip!/secret/GatewayProvider1.errlog", "encrypted"),
                           parsed("more/inner.zip!/Temp/GatewayProvider0.errlog")],
                rules=["MARS-34513", "MARS-100050"], absent_rules=["MARS-0x1FC07"])


# ---- damaged files --------------------------------------------------------------------------------------------

@builds
def damaged_files(out):
    write_zip(out / "damaged-files.zip", [
        (HEALTHY_NAME, HEALTHY),
        ("garbage/CBEngineCurr.errlog", noise(5, 16 * 1024)),
        ("garbage/Application.evtx", noise(6, 16 * 1024)),
        ("empty/empty.errlog", b""),
        ("empty/nul.errlog", bytes(64 * 1024)),
    ])
    return case("damaged-files", "damaged-files.zip",
                "binary garbage named as a trace log and as an event log, an empty file and a NUL-filled one",
                inventory=[HEALTHY_LINE,
                           skipped("garbage/CBEngineCurr.errlog", "named like an agent trace log"),
                           skipped("garbage/Application.evtx", "ElfFile"),
                           skipped("empty/empty.errlog", "empty file"),
                           skipped("empty/nul.errlog", ALL_NUL)])


# invalid UTF-8: a stray continuation byte, a lead byte without its continuation, an overlong /, an encoded
# surrogate, a five-byte form, FF, and a sequence cut by the line end
BAD_UTF8 = b"\x80 \xc3( \xc0\xaf \xed\xa0\x80 \xf8\x88\x80\x80\x80 \xff \xe2\x82"


@builds
def bad_utf8(out):
    good = trace_log(HARMLESS, level="NORMAL")
    damaged = (trace("21:00:30.000", "WARNING", "Path ").encode("ascii") + BAD_UTF8 + b"\r\n")
    write_zip(out / "bad-utf8.zip", [(HEALTHY_NAME, HEALTHY),
                                     ("Temp/GatewayProvider0.errlog",
                                      good + damaged + lines([trace("21:02:00.000", "FATAL", ID_100050)]).encode())])
    return case("bad-utf8", "bad-utf8.zip",
                "a trace log with invalid UTF-8 sequences in one line: read, and the line after it found",
                inventory=[HEALTHY_LINE, parsed("Temp/GatewayProvider0.errlog")],
                rules=["MARS-34513", "MARS-100050"])


def utf16_log(*rows_and_raw):
    """A UTF-16LE trace log with BOM; str items are lines, bytes items are put in as they are."""
    out = b"\xff\xfe"
    for item in rows_and_raw:
        out += item if isinstance(item, bytes) else (item + "\r\n").encode("utf-16-le")
    return out


@builds
def bad_utf16(out):
    start = trace("21:00:00.000", "NORMAL", "CBEngine service started")
    prefix = trace("21:00:30.000", "WARNING", "Path ").encode("utf-16-le")
    lone_high, lone_low = b"\x00\xd8", b"\x00\xdc"
    write_zip(out / "bad-utf16.zip", [
        (HEALTHY_NAME, HEALTHY),
        # lone surrogates: a high one before a letter, a low one alone, a high one just before the line end
        ("Temp/GatewayProvider0.errlog", utf16_log(
            start, prefix + lone_high + "A ".encode("utf-16-le") + lone_low + " x".encode("utf-16-le") + lone_high
            + "\r\n".encode("utf-16-le"), trace("21:02:00.000", "FATAL", ID_100050))),
        # an odd byte count: half a code unit at the end
        ("Temp/CBEngine1.errlog", utf16_log(start, trace("21:02:00.000", "FATAL", HR_1FC07), b"A")),
        # a surrogate pair in the wrong order and a NUL code unit
        ("Temp/OBRecoveryServicesManagementAgent0.errlog", utf16_log(
            start, prefix + lone_low + lone_high + b"\x00\x00" + "\r\n".encode("utf-16-le"),
            trace("21:02:00.000", "CRITICAL", ID_34506))),
    ])
    return case("bad-utf16", "bad-utf16.zip",
                "UTF-16LE trace logs (with BOM) holding lone and swapped surrogates, a NUL code unit, an odd byte "
                "count: each is read and the line after the damage found",
                inventory=[HEALTHY_LINE, parsed("Temp/GatewayProvider0.errlog"), parsed("Temp/CBEngine1.errlog"),
                           parsed("Temp/OBRecoveryServicesManagementAgent0.errlog")],
                rules=["MARS-34513", "MARS-100050", "MARS-0x1FC07", "MARS-34506"])


def long_line_case(out, megabytes):
    head = lines([trace("21:00:00.000", "NORMAL", "CBEngine service started"),
                  trace("21:01:00.000", "FATAL", ID_100050)])
    head += trace("21:02:00.000", "WARNING", "Dump: ")
    head = head.encode("ascii")
    filler = b"A" * MIB
    chunks = [head] + [filler] * megabytes
    crc = 0
    for chunk in chunks:
        crc = zlib.crc32(chunk, crc)
    with open(out / "long-line.zip", "wb") as f:
        z = ZipWriter(f)
        z.add(HEALTHY_NAME, HEALTHY)
        # stored, not deflated: the compression ratio limit cannot stop it, only the line length can
        z.add_raw("Temp/CBEngine1.errlog", chunks, method=STORED, crc=crc, size=sum(len(c) for c in chunks))
        z.close()
    return case("long-line", "long-line.zip",
                f"a trace log whose last line is {megabytes} MB long, stored: read with the line cut, the lines "
                "before it found",
                inventory=[HEALTHY_LINE, parsed("Temp/CBEngine1.errlog", "(?i)longer than")],
                rules=["MARS-34513", "MARS-100050"])


# ---- hostile text for the outputs -----------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
LINK = "[link](javascript:alert(1))"
IMAGE = "![x](http://evil/x.png)"
# everything that could turn into markup, in one message; the rule's words come last, after all of it
PAYLOAD = (f"{SCRIPT} {IMG} {LINK} {IMAGE} `code` ``x`` | a | b | *em* _em_ **b** ~~s~~ # h &amp; "
           "line\u2028sep para\u2029sep rtl\u202eoverride esc\x1b[31mred bel\x07 ")


@builds
def hostile_text(out):
    def log(message):
        return trace_log(PAYLOAD + message)

    buffer = io.BytesIO()
    z = ZipWriter(buffer)
    z.add(HEALTHY_NAME, HEALTHY)
    z.add(f"names/{SCRIPT}.errlog", log(ID_100050))
    z.add(f"names/{IMG}.errlog", log(HR_1FC07))
    z.add(f"names/{LINK}.errlog", log(ID_34506))
    z.add(f"names/{IMAGE}.txt", b"an image in a name\r\n")
    z.add("names/back`tick`|pipe|*star*_under_.txt", b"markdown in a name\r\n")
    z.add("names/line\u2028sep\u2029para-\u202egol.exe.txt", b"separators and a right-to-left override\r\n")
    z.add("names/esc-\x1b[31mred-\x07bel.txt", b"control characters in a name\r\n")
    z.add(b"names/nul-\x00-byte.txt", b"a NUL in a name\r\n", utf8=True)
    z.add(b"names/surrogate-\xed\xa0\x80.txt", b"an encoded surrogate in a name\r\n", utf8=True)
    # a UTF-16LE log whose payload line also holds a lone surrogate
    z.add("Temp/OBRecoveryServicesManagementAgent0.errlog",
          b"\xff\xfe" + trace_log(PAYLOAD).decode("utf-8").encode("utf-16-le").replace(
              "esc".encode("utf-16-le"), b"\x00\xd8" + "esc".encode("utf-16-le"), 1))
    z.add("commands/systeminfo.txt", (f"\r\nHost Name:                 FS01{SCRIPT}{LINK}\r\n"
                                      "OS Name:                   Microsoft Windows Server 2019 Datacenter\r\n")
          .encode("utf-8"))
    z.close()
    (out / "hostile-text.zip").write_bytes(buffer.getvalue())
    return case("hostile-text", "hostile-text.zip",
                "HTML, Markdown, separators, bidi overrides and control characters in entry names, log lines and "
                "the host name: shown as text in every output, never as markup",
                inventory=[HEALTHY_LINE, parsed(f"names/{SCRIPT}.errlog"), parsed(f"names/{IMG}.errlog"),
                           parsed(f"names/{LINK}.errlog"),
                           skipped("names/![x](http:/evil/x.png).txt", "text of no known format"),
                           skipped("names/esc-?[31mred-?bel.txt", "text of no known format"),
                           skipped("names/nul-?-byte.txt", "text of no known format"),
                           # a direction override would make the name read "...exe.txt" backwards: written out
                           skipped("names/line\u2028sep\u2029para-<U+202E>gol.exe.txt", "text of no known format")],
                rules=["MARS-34513", "MARS-100050", "MARS-0x1FC07", "MARS-34506"],
                shown=[SCRIPT, IMG, LINK, "rtl<U+202E>override"])


# ---- main -----------------------------------------------------------------------------------------------------

def main(argv):
    parser = argparse.ArgumentParser(description="Builds hostile and broken support bundles and cases.json.")
    parser.add_argument("out", type=Path, metavar="OUT_DIR")
    parser.add_argument("--long-line-mb", type=int, default=500, metavar="N")
    parser.add_argument("--slow", action="store_true")
    options = parser.parse_args(argv)
    options.out.mkdir(parents=True, exist_ok=True)
    cases = []
    for build in CASES:
        made = build(options.out)
        cases += made if isinstance(made, list) else [made]
    cases.append(long_line_case(options.out, options.long_line_mb))
    if options.slow:
        cases.append(entries_200k(options.out))
    (options.out / "cases.json").write_text(json.dumps({"cases": cases}, indent=1, ensure_ascii=True) + "\n",
                                            encoding="utf-8")
    print(f"wrote {len(cases)} cases to {options.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
