"""One input policy: how big, how deep and how long anything read from outside may be.

Every document the advisor reads (facts, session, region history, knowledge
and rule files, batch rows, HTTP request bodies) passes these limits before
it is turned into Python values, so that a file made to hurt (a "billion
laughs" of YAML aliases, 400 nested lists, an integer of 5,000 digits, a
string of 100 MB) ends as an :class:`~nq_advisor.errors.InputError` or a
knowledge-base problem naming file and line, fast and in bounded memory,
instead of a traceback, a hang or an exhausted machine.

The defaults lie far above anything real: the bundled knowledge base's largest
file has about 7,000 values, depth 12, and its longest text is under 2,000
characters; a person's facts are a few dozen values.  They are plain module
constants so that other interfaces (the HTTP API) can import and show them.
"""
from __future__ import annotations

from nq_advisor.load.texts import Msg

# bytes of one document (facts, session, history, one knowledge/rule file, one HTTP body)
MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
# nesting of mappings and lists in one document (a rule with 10 levels of all/any is depth ~25)
MAX_DEPTH = 64
# values (mappings, lists, scalars) in one document, counting every YAML alias use again
MAX_NODES = 200_000
# characters of one string value (a key or a text)
MAX_STRING_CHARS = 65_536
# digits of one integer literal (Python refuses int() of more than 4,300 digits with a ValueError)
MAX_INT_DIGITS = 100
# characters of one batch CSV cell (the csv module's own field limit)
MAX_CSV_CELL_CHARS = 131_072
# bytes of one line of batch JSON Lines input
MAX_JSONL_LINE_BYTES = MAX_DOCUMENT_BYTES

LIMITS = {
    "max_document_bytes": MAX_DOCUMENT_BYTES,
    "max_depth": MAX_DEPTH,
    "max_nodes": MAX_NODES,
    "max_string_chars": MAX_STRING_CHARS,
    "max_int_digits": MAX_INT_DIGITS,
    "max_csv_cell_chars": MAX_CSV_CELL_CHARS,
}


class LimitExceeded(ValueError):
    """A document breaks one of the limits above; ``line`` is 1-based (0 when unknown).

    ``message`` is the English text, ``text`` the message to show in the reader's language
    (``render(lang)``)."""

    def __init__(self, message: "Msg | str", line: int = 0):
        super().__init__(str(message))
        self.text = message
        self.message = str(message)
        self.line = line

    def render(self, lang: str = "en") -> str:
        return self.text.render(lang) if isinstance(self.text, Msg) else self.message


def too_large_message(size: int) -> Msg:
    return Msg("limit.too_large", size=size, limit=MAX_DOCUMENT_BYTES)


def decode_utf8(data: bytes) -> str:
    """``data`` as text; raises LimitExceeded naming the line of the first byte that is not UTF-8.

    A UTF-8 byte order mark at the start is dropped (editors on Windows write one)."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise LimitExceeded(too_large_message(len(data)))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise LimitExceeded(Msg("limit.not_utf8", byte=f"{data[exc.start]:02x}", line=line), line) from None


def read_bounded(path) -> str:
    """Read a file as UTF-8 text, refusing files over MAX_DOCUMENT_BYTES before reading them whole.

    OSError (missing file, folder, no permission) passes through for the caller to word."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_DOCUMENT_BYTES + 1)
    return decode_utf8(data)


def check_int_literal(text: str, line: int = 0) -> None:
    """Refuse integer literals longer than MAX_INT_DIGITS before ``int()`` converts them."""
    digits = len(text.lstrip("+-").replace("_", ""))
    if digits > MAX_INT_DIGITS:
        raise LimitExceeded(Msg("limit.int_digits", digits=digits, limit=MAX_INT_DIGITS), line)


def check_string(text: str, line: int = 0) -> None:
    if len(text) > MAX_STRING_CHARS:
        raise LimitExceeded(Msg("limit.string", length=len(text), limit=MAX_STRING_CHARS), line)


def check_depth_and_size(value, line: int = 0) -> None:
    """Walk a parsed value (JSON) without recursion: depth, number of values, string and number size."""
    stack = [(value, 1)]
    nodes = 0
    while stack:
        item, depth = stack.pop()
        nodes += 1
        if nodes > MAX_NODES:
            raise LimitExceeded(Msg("limit.nodes", limit=MAX_NODES), line)
        if isinstance(item, dict):
            if depth > MAX_DEPTH:
                raise LimitExceeded(Msg("limit.depth", limit=MAX_DEPTH), line)
            for key, child in item.items():
                stack.append((key, depth + 1))
                stack.append((child, depth + 1))
        elif isinstance(item, (list, tuple)):
            if depth > MAX_DEPTH:
                raise LimitExceeded(Msg("limit.depth", limit=MAX_DEPTH), line)
            stack.extend((child, depth + 1) for child in item)
        elif isinstance(item, str):
            check_string(item, line)
