"""The FTS5 search indexes of practices and services: what goes in, and how typing is queried.

Each record's index row holds its words (``body``) and its filter tokens (``facets``: one per
vocabulary code it is filed under), and is numbered by the record's ``search_key``, a small
number stored on the record itself, so the lists compare it inside their covering indexes.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence

from focalpoint.domain.text import fold

# Words as the unicode61 tokenizer sees them: letters and digits, anything else separates (the
# underscore too, which ``\w`` would keep).
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_TABLES = {
    "practice": ("practice_search", "practice_id"),
    "service": ("service_search", "service_id"),
}


def match_query(text: str) -> str:
    """Typed text as an FTS5 query on the words: every word must match as a prefix.

    Each word is quoted, so an operator typed by the user ("AND", "NEAR", a quote) is only text,
    and kept to the ``body`` column, so a word never matches a filter token.
    """
    return " AND ".join(f'body : "{w}"*' for w in _WORD.findall(text))


def typed_words(text: str) -> str:
    """The words of typed text as the index compares them (no case, no accents), one space
    apart: "Protección  N" is "proteccion n"."""
    return " ".join(_WORD.findall(fold(text)))


# A filter token every record has: the index's "everything" (a filter can then be written as
# what it leaves out: ``"a" NOT (…)``).
EVERY = "a"


def facet(letter: str, code: str) -> str:
    """A vocabulary code as one token of the ``facets`` column: the filter's letter, then the
    code's UTF-8 bytes in hex, which no tokenizer splits (``family_care``, ``SV-SS``)."""
    return letter + code.encode("utf-8").hex()


def facet_query(letter: str, codes: Sequence[str]) -> str:
    """An FTS5 query for records filed under any of ``codes``."""
    terms = [f'facets : "{facet(letter, code)}"' for code in codes]
    return terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")"


def both(*queries: str) -> str:
    """Every one of ``queries`` (empty ones left out)."""
    return " AND ".join(q for q in queries if q)


# The words people use for each code: vocabulary labels and subdivision names in every
# language, so "Morazán" or "albergue" find what is filed under SV-MO or ``shelter``. Storage
# cannot read the vocabularies itself: whoever writes a record passes them in.
SearchWords = Mapping[str, str]


def words_for(words: SearchWords, codes: Iterable[str]) -> list[str]:
    """The words people use for these codes (labels, names), for the search index."""
    return [words.get(code, "") for code in codes]


def key_of(conn: sqlite3.Connection, kind: str, record_id: str) -> int | None:
    """The record's row in the search index, given to it here if it has none yet (a new
    record: the next number after the highest, found at once through its unique index)."""
    conn.execute(
        f"UPDATE {kind} SET search_key ="
        f" (SELECT coalesce(max(search_key), 0) + 1 FROM {kind})"
        " WHERE id = ? AND search_key IS NULL",
        (record_id,),
    )
    row = conn.execute(f"SELECT search_key FROM {kind} WHERE id = ?", (record_id,)).fetchone()
    return None if row is None else int(row[0])


def put(
    conn: sqlite3.Connection, kind: str, record_id: str, parts: list[str], facets: list[str]
) -> None:
    table, key = _TABLES[kind]
    rowid = key_of(conn, kind, record_id)
    if rowid is None:
        return
    conn.execute(f"DELETE FROM {table} WHERE rowid = ?", (rowid,))
    conn.execute(
        f"INSERT INTO {table} (rowid, {key}, body, facets) VALUES (?, ?, ?, ?)",
        (rowid, record_id, "\n".join(parts), " ".join(facets)),
    )


def remove(conn: sqlite3.Connection, kind: str, record_id: str) -> None:
    table, _key = _TABLES[kind]
    rowid = key_of(conn, kind, record_id)
    if rowid is not None:
        conn.execute(f"DELETE FROM {table} WHERE rowid = ?", (rowid,))


def matching(conn: sqlite3.Connection, kind: str, text: str) -> set[str] | None:
    """The ids whose text matches, or None when the text has no words (no filter)."""
    query = match_query(text)
    if not query:
        return None
    table, key = _TABLES[kind]
    return {
        row[0] for row in conn.execute(f"SELECT {key} FROM {table} WHERE {table} MATCH ?", (query,))
    }
