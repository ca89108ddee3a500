"""Decoding a package's document while keeping each record's own text: the same values as
``json.loads``, the same refusals, and texts that decode to their records."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focalpoint.package.json_texts import decode_keeping_texts

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
DOCUMENTS = st.dictionaries(
    st.sampled_from(["services", "practices", "country", "sequence", "ñandú"]) | st.text(),
    st.lists(VALUES, max_size=5) | VALUES,
    max_size=6,
)
LAYOUTS = st.sampled_from(
    [
        {},
        {"indent": 2},
        {"separators": (",", ":")},
        {"ensure_ascii": False},
        {"indent": "\t", "ensure_ascii": False},
    ]
)


@given(DOCUMENTS, LAYOUTS)
def test_values_are_those_of_json_loads_and_texts_decode_to_their_records(
    document: dict[str, Any], layout: dict[str, Any]
) -> None:
    data = json.dumps(document, **layout).encode("utf-8")
    decoded, texts = decode_keeping_texts(data, ("services", "practices"))
    assert decoded == json.loads(data)
    for name, kept in texts.items():
        assert name in ("services", "practices")
        assert [json.loads(text) for text in kept] == decoded[name]
    for name in ("services", "practices"):
        assert (name in texts) == isinstance(decoded.get(name), list)


def test_a_record_keeps_the_bytes_the_country_signed() -> None:
    data = (
        b'{"country": "SV",\n"services": [\n  {"id": "a", "name": "Casa \\u00c1gape"} ,\n  {}\n]}'
    )
    decoded, texts = decode_keeping_texts(data, ("services",))
    assert texts == {"services": ['{"id": "a", "name": "Casa \\u00c1gape"}', "{}"]}
    assert decoded["services"][0]["name"] == "Casa Ágape"


def test_a_repeated_name_keeps_the_last_value_as_json_does() -> None:
    data = b'{"services": [{"id": "old"}], "services": 3}'
    decoded, texts = decode_keeping_texts(data, ("services",))
    assert decoded == {"services": 3} and texts == {}


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"[]",
        b'"text"',
        b'{"services": [1, 2,]}',
        b'{"services": [1 2]}',
        b'{"services": [1, 2}',
        b'{"a": 1,}',
        b'{"a" 1}',
        b"{a: 1}",
        b'{"a": 1} x',
        b'{"services": [{"id": "a"}]',
        b"\xff\xfe{",
    ],
)
def test_what_is_not_a_json_object_is_refused(data: bytes) -> None:
    with pytest.raises(ValueError):
        decode_keeping_texts(data, ("services",))
