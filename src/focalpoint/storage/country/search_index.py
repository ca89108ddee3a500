"""The FTS5 search indexes of practices and services: what goes in, and how typing is queried."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Iterable, Mapping

# Words as the unicode61 tokenizer sees them: letters and digits, anything else separates.
_WORD = re.compile(r"\w+", re.UNICODE)
_TABLES = {
    "practice": ("practice_search", "practice_id"),
    "service": ("service_search", "service_id"),
}


def match_query(text: str) -> str:
    """Typed text as an FTS5 query: every word must match, the last as a prefix too.

    Each word is quoted, so an operator typed by the user ("AND", "NEAR", a quote) is only text.
    """
    words = _WORD.findall(text)
    return " ".join(f'"{w}"*' for w in words)


# The words people use for each code: vocabulary labels and subdivision names in every
# language, so "Morazán" or "albergue" find what is filed under SV-MO or ``shelter``. Storage
# cannot read the vocabularies itself: whoever writes a record passes them in.
SearchWords = Mapping[str, str]


def words_for(words: SearchWords, codes: Iterable[str]) -> list[str]:
    """The words people use for these codes (labels, names), for the search index."""
    return [words.get(code, "") for code in codes]


def search_key(record_id: str) -> int:
    """The index row of a record: a 63-bit hash of its id.

    The id column is UNINDEXED, so finding a row by it reads the whole table (20,000 services
    made an import quadratic); the rowid is found at once.
    """
    digest = hashlib.blake2b(record_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def put(conn: sqlite3.Connection, kind: str, record_id: str, parts: list[str]) -> None:
    table, key = _TABLES[kind]
    rowid = search_key(record_id)
    conn.execute(f"DELETE FROM {table} WHERE rowid = ?", (rowid,))
    conn.execute(
        f"INSERT INTO {table} (rowid, {key}, body) VALUES (?, ?, ?)",
        (rowid, record_id, "\n".join(parts)),
    )


def remove(conn: sqlite3.Connection, kind: str, record_id: str) -> None:
    table, _key = _TABLES[kind]
    conn.execute(f"DELETE FROM {table} WHERE rowid = ?", (search_key(record_id),))


def matching(conn: sqlite3.Connection, kind: str, text: str) -> set[str] | None:
    """The ids whose text matches, or None when the text has no words (no filter)."""
    query = match_query(text)
    if not query:
        return None
    table, key = _TABLES[kind]
    return {
        row[0] for row in conn.execute(f"SELECT {key} FROM {table} WHERE {table} MATCH ?", (query,))
    }


def matching_keys(conn: sqlite3.Connection, kind: str, text: str) -> set[int] | None:
    """Like :func:`matching`, as search keys (rowids): three times faster for the lists, which
    know each record's :func:`search_key` and compare it as they type."""
    query = match_query(text)
    if not query:
        return None
    table, _key = _TABLES[kind]
    return {
        row[0] for row in conn.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", (query,))
    }
