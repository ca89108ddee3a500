"""Decoding a JSON object while keeping the text of each element of some of its arrays.

The Secretariat keeps each record of an accepted package as JSON (``consolidated_record``).
Encoding the 27,000 records of a large country again took 0.4 s of its acceptance's 2.5 s;
their own text is already in the package, signed. So the package's document is decoded here
once, by the standard library's scanner (``json.JSONDecoder.raw_decode``, in C), one record at
a time, and each record's span of the text is kept beside its value: the bytes the country
signed, decoded exactly as ``json.loads`` decodes them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from typing import Any

_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's own whitespace, as the standard scanner skips it
# What may follow an element of an array: a comma and the next element, or the array's end.
_AFTER_ELEMENT = re.compile(r"[ \t\n\r]*(?:(\])|,[ \t\n\r]*)")
_DECODE = json.JSONDecoder().raw_decode


def decode_keeping_texts(
    data: bytes, arrays: Collection[str]
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """``json.loads(data)`` for a document whose top level is an object, and, for each of its
    arrays named in ``arrays``, the text of every element (``texts[name][i]`` decodes to
    ``document[name][i]``). Anything ``json.loads`` refuses raises ``ValueError`` here too;
    a top level that is not an object does as well."""
    text = data.decode(json.detect_encoding(data), "surrogatepass")  # as json.loads does
    document: dict[str, Any] = {}
    texts: dict[str, list[str]] = {}
    at = _expect(text, _skip(text, 0), "{")
    if text.startswith("}", at):
        at += 1
    else:
        while True:
            if not text.startswith('"', at):
                raise _error("Expecting property name enclosed in double quotes", text, at)
            key, at = _DECODE(text, at)
            at = _expect(text, _skip(text, at), ":")
            if key in arrays and text.startswith("[", at):
                document[key], texts[key], at = _array(text, at + 1)
            else:
                document[key], at = _DECODE(text, at)
                texts.pop(key, None)  # a repeated name: the last value counts, as in json
            at = _skip(text, at)
            if text.startswith("}", at):
                at += 1
                break
            at = _expect(text, at, ",")
    if _skip(text, at) != len(text):
        raise _error("Extra data", text, at)
    return document, texts


def _array(text: str, at: int) -> tuple[list[Any], list[str], int]:
    """The elements of the array whose ``[`` is just before ``at``, their texts, and where
    the text goes on after its ``]``."""
    values: list[Any] = []
    kept: list[str] = []
    at = _skip(text, at)
    if text.startswith("]", at):
        return values, kept, at + 1
    while True:
        start = at
        value, at = _DECODE(text, at)
        values.append(value)
        kept.append(text[start:at])
        after = _AFTER_ELEMENT.match(text, at)  # one match per record: most of this loop's time
        if after is None:
            raise _error("Expecting ',' delimiter", text, _skip(text, at))
        at = after.end()
        if after.group(1) == "]":
            return values, kept, at


def _expect(text: str, at: int, mark: str) -> int:
    """Where the text goes on after ``mark`` (and the whitespace after it) found at ``at``."""
    if not text.startswith(mark, at):
        raise _error(f"Expecting '{mark}'", text, at)
    return _skip(text, at + 1)


def _skip(text: str, at: int) -> int:
    """Where the whitespace at ``at`` ends."""
    found = _SPACE.match(text, at)
    return found.end() if found else at


def _error(message: str, text: str, at: int) -> json.JSONDecodeError:
    return json.JSONDecodeError(message, text, at)
