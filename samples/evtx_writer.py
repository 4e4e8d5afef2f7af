#!/usr/bin/env python3
"""Writes Windows event log files (.evtx) in the shape Windows writes them, with the standard library only.

    from evtx_writer import Event, evtx_bytes
    data = evtx_bytes([Event(4101, datetime(2026, 10, 14, 12, 30, 2, tzinfo=timezone.utc), 1, 4,
                             "The backup operation has started.", computer="FS01.contoso.local")])

It exists because no real CloudBackup/Operational .evtx is public: the tests need one that any reader
(python-evtx's evtx_dump.py, libevtx, the Java EvtxParser) reads like a log copied from a server.

Layout (libyal/libevtx documentation, shared/knowledge/formats.md 3.6; little-endian throughout):
  file header   4096 bytes: "ElfFile\\0", first/last chunk number, next record ID, header size 128,
                minor 1, major 3, header block size 4096, chunk count, flags, CRC32 of bytes 0-120 at 124
  chunk         65536 bytes: a 512-byte header ("ElfChnk\\0", first/last record number and ID, header size
                128, last record offset, free space offset, CRC32 of the records, CRC32 of header bytes 0-120
                and 128-512, 64 common-string offsets, 32 template offsets), then records from offset 512
  record        "**\\0\\0", size, record ID, FILETIME written, Binary XML, zero padding to 8 bytes, size again

Each record's Binary XML is what the event log service writes: a fragment header and one template instance
whose substitution values (typed: strings, integers, FILETIME, SID) fill the template. The template definition
is written inline in the first record of a chunk that uses it and referred to by its chunk offset afterwards;
element and attribute names are likewise inline on first use in a chunk and referred to by offset after.
Two simplifications, both read by every reader: EventData is part of the one template (Windows nests it as a
Binary XML substitution of its own), and the chunk's template offset table stays zero (its bucket function is
not documented; readers find templates through the records).
"""
import hashlib
import struct
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone

FILE_HEADER_SIZE = 4096
CHUNK_SIZE = 65536
CHUNK_HEADER_SIZE = 512
EVENT_NS = "http://schemas.microsoft.com/win/2004/08/events/event"

# Binary XML tokens
EOF, OPEN_START, CLOSE_START, CLOSE_EMPTY, END_ELEMENT = 0x00, 0x01, 0x02, 0x03, 0x04
VALUE, ATTRIBUTE, TEMPLATE_INSTANCE, NORMAL_SUBSTITUTION, FRAGMENT_HEADER = 0x05, 0x06, 0x0C, 0x0D, 0x0F
HAS_MORE = 0x40  # on an element: it has attributes; on an attribute: another one follows

# value types
STRING, UINT8, UINT16, UINT32, UINT64, FILETIME, SID, HEX_INT64 = 0x01, 0x04, 0x06, 0x08, 0x0A, 0x11, 0x13, 0x15

FILETIME_EPOCH = datetime(1601, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Event:
    record_id: int
    time: datetime            # timezone-aware; written as UTC
    event_id: int
    level: int                # 1 critical, 2 error, 3 warning, 4 information, 5 verbose
    data: str                 # the one EventData/Data value
    provider: str = "CloudBackup"
    channel: str = "CloudBackup/Operational"
    computer: str = "localhost"
    process_id: int = 0
    thread_id: int = 0
    user_sid: str = "S-1-5-18"
    keywords: int = 0x8000000000000000


@dataclass(frozen=True)
class Sub:
    """A place in the template filled by substitution value `index`, of value type `type`."""
    index: int
    type: int


# (name, {attribute: value}, [content]); a value or content item is a Sub or literal text.
TEMPLATE = ("Event", {"xmlns": EVENT_NS}, [
    ("System", {}, [
        ("Provider", {"Name": Sub(0, STRING)}, []),
        ("EventID", {}, [Sub(1, UINT16)]),
        ("Version", {}, [Sub(2, UINT8)]),
        ("Level", {}, [Sub(3, UINT8)]),
        ("Task", {}, [Sub(4, UINT16)]),
        ("Opcode", {}, [Sub(5, UINT8)]),
        ("Keywords", {}, [Sub(6, HEX_INT64)]),
        ("TimeCreated", {"SystemTime": Sub(7, FILETIME)}, []),
        ("EventRecordID", {}, [Sub(8, UINT64)]),
        ("Correlation", {}, []),
        ("Execution", {"ProcessID": Sub(9, UINT32), "ThreadID": Sub(10, UINT32)}, []),
        ("Channel", {}, [Sub(11, STRING)]),
        ("Computer", {}, [Sub(12, STRING)]),
        ("Security", {"UserID": Sub(13, SID)}, []),
    ]),
    ("EventData", {}, [("Data", {}, [Sub(14, STRING)])]),
])

# Windows names a template by a GUID; the instance repeats its first 4 bytes as the template ID.
TEMPLATE_GUID = hashlib.md5(repr(TEMPLATE).encode("utf-8")).digest()


def filetime(t):
    """100-nanosecond intervals since 1601-01-01 UTC."""
    delta = t.astimezone(timezone.utc) - FILETIME_EPOCH
    return (delta.days * 86400 + delta.seconds) * 10_000_000 + delta.microseconds * 10


def utf16z(text):
    """A string value as the service writes it: UTF-16LE with its NUL terminator."""
    return (text + "\0").encode("utf-16-le")


def sid_bytes(sid):
    """S-1-5-18 -> revision, count, 48-bit big-endian authority, 32-bit little-endian sub-authorities."""
    parts = sid.split("-")
    subs = [int(p) for p in parts[3:]]
    return (struct.pack("<BB", int(parts[1]), len(subs)) + int(parts[2]).to_bytes(6, "big")
            + b"".join(struct.pack("<I", s) for s in subs))


def substitution_values(e):
    """The typed values of one event, in substitution index order (the types the template declares)."""
    return [
        (STRING, utf16z(e.provider)),
        (UINT16, struct.pack("<H", e.event_id)),
        (UINT8, b"\x00"),                                   # Version
        (UINT8, struct.pack("<B", e.level)),
        (UINT16, b"\x00\x00"),                               # Task
        (UINT8, b"\x00"),                                   # Opcode
        (HEX_INT64, struct.pack("<Q", e.keywords)),
        (FILETIME, struct.pack("<Q", filetime(e.time))),
        (UINT64, struct.pack("<Q", e.record_id)),
        (UINT32, struct.pack("<I", e.process_id)),
        (UINT32, struct.pack("<I", e.thread_id)),
        (STRING, utf16z(e.channel)),
        (STRING, utf16z(e.computer)),
        (SID, sid_bytes(e.user_sid)),
        (STRING, utf16z(e.data)),
    ]


def name_hash(name):
    """The hash Windows keeps with a name (low 16 bits) and uses for the common-string table (modulo 64);
    every name of the shared corpus's chunk tables agrees with it."""
    h = 0
    for ch in name:
        h = (h * 65599 + ord(ch)) & 0xFFFFFFFF
    return h


class Chunk:
    """One 64 KiB chunk being filled: its bytes, and the names and template already written in it."""

    def __init__(self):
        self.data = bytearray(CHUNK_HEADER_SIZE)
        self.names = {}                 # name -> chunk offset of its name structure
        self.template_offset = None
        self.string_table = [0] * 64    # heads of the common-string hash chains
        self.first_id = self.last_id = None
        self.last_record_offset = 0

    # Binary XML is written straight into the chunk: inline names and templates are found by their offset.
    def here(self):
        return len(self.data)

    def u8(self, v):
        self.data += struct.pack("<B", v)

    def u16(self, v):
        self.data += struct.pack("<H", v)

    def u32(self, v):
        self.data += struct.pack("<I", v)

    def patch_u32(self, at, v):
        struct.pack_into("<I", self.data, at, v)

    def name(self, text):
        """A name reference: the offset of a name written earlier, or the name itself right after it."""
        known = self.names.get(text)
        if known is not None:
            self.u32(known)
            return
        offset = self.here() + 4
        self.u32(offset)
        h = name_hash(text)
        bucket = h % 64
        self.u32(self.string_table[bucket])    # next name of the same hash bucket
        self.string_table[bucket] = offset
        self.u16(h & 0xFFFF)
        self.u16(len(text))
        self.data += utf16z(text)
        self.names[text] = offset

    def content_item(self, item):
        if isinstance(item, Sub):
            self.data += struct.pack("<BHB", NORMAL_SUBSTITUTION, item.index, item.type)
        elif isinstance(item, tuple):
            self.element(item)
        else:
            self.u8(VALUE)
            self.u8(STRING)
            self.u16(len(item))
            self.data += item.encode("utf-16-le")

    def element(self, node):
        name, attributes, content = node
        self.u8(OPEN_START | (HAS_MORE if attributes else 0))
        self.u16(0xFFFF)                 # dependency: none (the element does not hang on an optional value)
        size_at = self.here()
        self.u32(0)                      # data size, patched below
        self.name(name)
        if attributes:
            list_at = self.here()
            self.u32(0)                  # attribute list size, patched below
            items = list(attributes.items())
            for i, (attribute, value) in enumerate(items):
                self.u8(ATTRIBUTE | (HAS_MORE if i < len(items) - 1 else 0))
                self.name(attribute)
                self.content_item(value)
            self.patch_u32(list_at, self.here() - list_at - 4)
        if content:
            self.u8(CLOSE_START)
            for item in content:
                self.content_item(item)
            self.u8(END_ELEMENT)
        else:
            self.u8(CLOSE_EMPTY)
        self.patch_u32(size_at, self.here() - size_at - 4)

    def template_instance(self):
        self.u8(TEMPLATE_INSTANCE)
        self.u8(0x01)                    # unknown; Windows always writes 1
        self.data += TEMPLATE_GUID[:4]
        if self.template_offset is not None:
            self.u32(self.template_offset)
            return
        self.template_offset = self.here() + 4
        self.u32(self.template_offset)   # the definition follows right here
        self.u32(0)                      # next template of the same table bucket
        self.data += TEMPLATE_GUID
        size_at = self.here()
        self.u32(0)                      # definition size, patched below
        self.data += bytes([FRAGMENT_HEADER, 1, 1, 0])
        self.element(TEMPLATE)
        self.u8(EOF)
        self.patch_u32(size_at, self.here() - size_at - 4)

    def add(self, e):
        """Appends the record of event e; False (and the chunk unchanged) when it does not fit."""
        start = self.here()
        saved = (dict(self.names), self.template_offset, list(self.string_table))
        self.data += b"**\0\0"
        self.u32(0)                      # size, patched below
        self.data += struct.pack("<QQ", e.record_id, filetime(e.time))
        self.data += bytes([FRAGMENT_HEADER, 1, 1, 0])
        self.template_instance()
        values = substitution_values(e)
        self.u32(len(values))
        for type_, value in values:
            self.data += struct.pack("<HBB", len(value), type_, 0)
        for _, value in values:
            self.data += value
        self.data += bytes(-(self.here() + 4 - start) % 8)   # records are 8-byte aligned
        size = self.here() + 4 - start
        self.u32(size)
        if self.here() > CHUNK_SIZE:
            del self.data[start:]
            self.names, self.template_offset, self.string_table = saved
            return False
        self.patch_u32(start + 4, size)
        self.first_id = e.record_id if self.first_id is None else self.first_id
        self.last_id = e.record_id
        self.last_record_offset = start
        return True

    def finish(self):
        """The 64 KiB of the chunk, header and checksums filled in."""
        free = self.here()
        header = struct.pack("<8sQQQQIIII", b"ElfChnk\0", self.first_id, self.last_id, self.first_id,
                             self.last_id, 128, self.last_record_offset, free,
                             zlib.crc32(self.data[CHUNK_HEADER_SIZE:free]))
        self.data[:len(header)] = header
        struct.pack_into("<64I", self.data, 128, *self.string_table)
        # bytes 120-124 (flags) and the template table at 384 stay zero
        crc = zlib.crc32(bytes(self.data[:120]) + bytes(self.data[128:CHUNK_HEADER_SIZE]))
        struct.pack_into("<I", self.data, 124, crc)
        return bytes(self.data) + bytes(CHUNK_SIZE - free)


def evtx_bytes(events):
    """A whole .evtx file holding the events, in the order given, as a cleanly closed log."""
    chunks = []
    chunk = Chunk()
    for e in events:
        if not chunk.add(e):
            if chunk.first_id is None:
                raise ValueError(f"record {e.record_id} does not fit in an empty chunk")
            chunks.append(chunk.finish())
            chunk = Chunk()
            chunk.add(e)
    if chunk.first_id is None:
        raise ValueError("an event log file needs at least one event")
    chunks.append(chunk.finish())
    next_id = events[-1].record_id + 1
    header = bytearray(FILE_HEADER_SIZE)
    struct.pack_into("<8sQQQIHHHH", header, 0, b"ElfFile\0", 0, len(chunks) - 1, next_id, 128, 1, 3,
                     FILE_HEADER_SIZE, len(chunks))
    struct.pack_into("<I", header, 120, 0)   # flags: neither dirty nor full
    struct.pack_into("<I", header, 124, zlib.crc32(bytes(header[:120])))
    return bytes(header) + b"".join(chunks)


if __name__ == "__main__":
    import sys
    if len(sys.argv) != 2:
        sys.exit("usage: evtx_writer.py OUT.evtx   (writes a three-record demo log)")
    t0 = datetime(2026, 10, 21, 12, 30, 2, 611347, tzinfo=timezone.utc)
    demo = [Event(1, t0, 1, 4, "The backup operation has started."),
            Event(2, t0.replace(minute=41), 11, 2, "The backup operation has completed with errors."),
            Event(3, t0.replace(hour=13), 18, 2, "Scheduled backup failed in initialization phase")]
    with open(sys.argv[1], "wb") as f:
        f.write(evtx_bytes(demo))
