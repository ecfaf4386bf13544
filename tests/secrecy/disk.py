"""PostgreSQL's on-disk formats, decoded from the bytes pageinspect hands over.

`heap_page_item_attrs(page, table, true)` splits a tuple into one bytea per attribute. With its
last argument true, a variable-length value arrives detoasted (decompressed, fetched from the
TOAST table) and without its length header; a fixed-length value arrives as its raw bytes. This
module turns those bytes back into Python values for the types Django's fields use. A value of any
other type stays an `Undecoded` (its type and bytes), which the attacker still compares by bytes.

jsonb is not text on disk: it is a tree of containers (src/include/utils/jsonb.h). Each container
starts with a 32-bit header (count and kind), then one 32-bit JEntry per child (type, and the
child's length or end offset), then the children's data; an object lists its keys before its
values; numbers are `numeric` varlenas aligned on 4 bytes. `decode_jsonb` walks that tree; the
tests check it against what SQL returns for every live row, so a wrong guess about the format
fails loudly instead of hiding vote content.
"""

import json
import struct
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

POSTGRES_EPOCH_DATE = date(2000, 1, 1)
POSTGRES_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)

# jsonb container header and JEntry bits (src/include/utils/jsonb.h).
JB_COUNT = 0x0FFFFFFF
JB_SCALAR = 0x10000000
JB_OBJECT = 0x20000000
JENTRY_LENGTH = 0x0FFFFFFF
JENTRY_TYPE = 0x70000000
JENTRY_HAS_OFFSET = 0x80000000
JENTRY_STRING = 0x00000000
JENTRY_NUMERIC = 0x10000000
JENTRY_FALSE = 0x20000000
JENTRY_TRUE = 0x30000000
JENTRY_NULL = 0x40000000
JENTRY_CONTAINER = 0x50000000


@dataclass(frozen=True)
class Undecoded:
    """A value of a type this module does not decode: its type's name and its raw bytes."""

    type_name: str
    raw: bytes


def decode_attribute(type_name: str, raw: bytes) -> Any:
    """The Python value of one attribute's bytes, as heap_page_item_attrs (detoasting) gives them."""
    decoder = DECODERS.get(type_name)
    return decoder(raw) if decoder else Undecoded(type_name, raw)


def _unpack(fmt: str) -> Any:
    return lambda raw: struct.unpack("<" + fmt, raw)[0]


def decode_date(raw: bytes) -> date | str:
    days = struct.unpack("<i", raw)[0]
    if abs(days) == 2**31 - 1 or days == -(2**31):
        return "infinity" if days > 0 else "-infinity"
    return POSTGRES_EPOCH_DATE + timedelta(days=days)


def decode_timestamp(raw: bytes) -> datetime | str:
    """A timestamptz: microseconds since 2000-01-01 UTC (timestamp without zone: read as UTC)."""
    micros = struct.unpack("<q", raw)[0]
    if abs(micros) >= 2**63 - 1 or micros == -(2**63):
        return "infinity" if micros > 0 else "-infinity"
    return POSTGRES_EPOCH + timedelta(microseconds=micros)


def decode_numeric(raw: bytes) -> Decimal:
    """A numeric without its varlena header: base-10000 digits with a weight and a scale."""
    header = struct.unpack_from("<H", raw, 0)[0]
    if header & 0xC000 == 0xC000:  # NaN or an infinity
        return {0xC000: Decimal("NaN"), 0xD000: Decimal("Infinity")}.get(
            header, Decimal("-Infinity")
        )
    if header & 0x8000:  # the short format: sign, scale and weight in one 16-bit word
        negative = bool(header & 0x2000)
        scale = (header & 0x1F80) >> 7
        weight = (header & 0x3F) - (64 if header & 0x40 else 0)
        first_digit = 2
    else:
        negative = header & 0xC000 == 0x4000
        scale = header & 0x3FFF
        weight = struct.unpack_from("<h", raw, 2)[0]
        first_digit = 4
    count = (len(raw) - first_digit) // 2
    digits = struct.unpack_from(f"<{count}H", raw, first_digit)
    value = sum(
        (Decimal(digit).scaleb(4 * (weight - index)) for index, digit in enumerate(digits)),
        Decimal(0),
    )
    value = value.quantize(Decimal(1).scaleb(-scale))
    return -value if negative else value


def varlena_payload(data: bytes, position: int) -> bytes:
    """The bytes of an inline, uncompressed varlena at `position`, without its header."""
    first = data[position]
    if first & 0x01:  # one-byte header: the length (header included) in the upper 7 bits
        return bytes(data[position + 1 : position + (first >> 1)])
    length = struct.unpack_from("<I", data, position)[0] >> 2
    return bytes(data[position + 4 : position + length])


def decode_jsonb(raw: bytes) -> Any:
    """A jsonb value without its varlena header, as the JSON value it stores."""
    value = _jsonb_container(raw, 0)
    return value


def _int_align(offset: int) -> int:
    return (offset + 3) & ~3


def _jsonb_container(data: bytes, start: int) -> Any:
    header = struct.unpack_from("<I", data, start)[0]
    count = header & JB_COUNT
    is_object = bool(header & JB_OBJECT)
    entry_count = count * 2 if is_object else count
    entries = struct.unpack_from(f"<{entry_count}I", data, start + 4)
    base = start + 4 + 4 * entry_count
    children = []
    offset = 0
    for entry in entries:
        field = entry & JENTRY_LENGTH
        end = field if entry & JENTRY_HAS_OFFSET else offset + field
        children.append(_jsonb_child(data, base, offset, end, entry & JENTRY_TYPE))
        offset = end
    if is_object:
        return dict(zip(children[:count], children[count:], strict=True))
    if header & JB_SCALAR:
        return children[0]
    return children


def _jsonb_child(data: bytes, base: int, offset: int, end: int, kind: int) -> Any:
    if kind == JENTRY_STRING:
        return data[base + offset : base + end].decode()
    if kind == JENTRY_NUMERIC:
        number = decode_numeric(varlena_payload(data, base + _int_align(offset)))
        # JSON has one number type; Python's json reads 2 as int and 2.0 as float.
        return int(number) if number.as_tuple().exponent == 0 else float(number)
    if kind == JENTRY_CONTAINER:
        return _jsonb_container(data, base + _int_align(offset))
    return {JENTRY_FALSE: False, JENTRY_TRUE: True, JENTRY_NULL: None}[kind]


DECODERS: dict[str, Any] = {
    "smallint": _unpack("h"),
    "integer": _unpack("i"),
    "bigint": _unpack("q"),
    "oid": _unpack("I"),
    "real": _unpack("f"),
    "double precision": _unpack("d"),
    "boolean": lambda raw: raw != b"\x00",
    "uuid": lambda raw: uuid.UUID(bytes=bytes(raw)),
    "text": lambda raw: bytes(raw).decode(),
    "character varying": lambda raw: bytes(raw).decode(),
    "character": lambda raw: bytes(raw).decode().rstrip(" "),
    "citext": lambda raw: bytes(raw).decode(),
    "json": lambda raw: json.loads(bytes(raw)),
    "bytea": bytes,
    "jsonb": decode_jsonb,
    "numeric": decode_numeric,
    "date": decode_date,
    "timestamp with time zone": decode_timestamp,
    "timestamp without time zone": decode_timestamp,
}
