"""A country's amendment proposals: written, refused, carried by the next package, answered by a
receipt; every refusal leaves the workspace as it was."""

from __future__ import annotations

import base64
import json
import sqlite3
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from focalpoint.domain.errors import InvalidInput, NotFound
from focalpoint.domain.proposals import MAX_TEXT, Answer
from focalpoint.package.receipt import file_name, write_receipt
from focalpoint.services.country.workspace import Workspace
from tests.secretariat_side import Secretariat
from tests.services.test_submissions import PASSPHRASE, keyed  # noqa: F401  (a fixture)


def rows(ws: Workspace) -> list[tuple[object, ...]]:
    """Everything a proposal's refusal could change."""
    conn: sqlite3.Connection = ws.db.connection()
    return [
        *conn.execute("SELECT * FROM proposal ORDER BY id"),
        *conn.execute("SELECT count(*) FROM audit_log"),
    ]


def carried(package: Path) -> list[dict[str, object]]:
    with zipfile.ZipFile(package) as archive:
        document = json.loads(archive.read("data/submission.json"))
    return list(document.get("proposals", []))


def test_a_proposal_aims_at_an_action_or_an_objective_in_the_workspaces_language(
    ws: Workspace,
) -> None:
    wording = ws.proposals.add("1.1.1", "  Nueva redacción de la acción  ", "Armonizar con la CDN")
    assert (wording.kind, wording.language, wording.state) == ("wording", "en", "draft")
    assert wording.text == "Nueva redacción de la acción"  # trimmed
    new = ws.proposals.add("1.1", "Nueva acción sobre alternativas a la detención", "7", "es")
    assert (new.kind, new.language) == ("new_action", "es")  # an objective: a new action
    paragraph = ws.proposals.add("1.1", "Un paragraphe", "Point 3", "fr", "paragraph")
    comment = ws.proposals.add("1.1.1", "A comment", "Why not", "en", "comment")
    assert [p.id for p in ws.proposals.all()] == [comment.id, paragraph.id, new.id, wording.id]
    assert [p.id for p in ws.proposals.drafts()] == [wording.id, new.id, paragraph.id, comment.id]
    history = ws.db.connection().execute(
        "SELECT field, old, new FROM audit_log WHERE record_kind = 'proposal' AND record_key = ?",
        (wording.id,),
    )
    assert list(history) == [("state", "", "draft")]


@pytest.mark.parametrize(
    ("code", "text", "why", "lang", "kind", "said"),
    [
        ("9.9.9", "Text", "Why", "en", None, "no action 9.9.9"),
        ("1.1", "Text", "Why", "en", "wording", "no action 1.1"),
        ("1.1.1", "Text", "Why", "en", "new_action", "no objective 1.1.1"),
        ("", "Text", "Why", "en", None, "no action"),
        ("1.1.1", "   ", "Why", "en", None, "empty"),
        ("1.1.1", "Text", "", "en", None, "justification is empty"),
        ("1.1.1", "x" * (MAX_TEXT + 1), "Why", "en", None, "too long"),
        ("1.1.1", "Text", "y" * 4001, "en", None, "too long"),
        ("1.1.1", "Text", "Why", "de", None, "Unknown language 'de'"),
        ("1.1.1", "Text", "Why", "en", "amendment", "Unknown kind of proposal 'amendment'"),
    ],
)
def test_bad_proposals_are_refused_in_words_and_change_nothing(
    ws: Workspace, code: str, text: str, why: str, lang: str, kind: str | None, said: str
) -> None:
    ws.proposals.add("1.1.1", "Kept", "Kept")
    before = rows(ws)
    with pytest.raises(InvalidInput, match=said):
        ws.proposals.add(code, text, why, lang, kind)
    assert rows(ws) == before


def test_a_draft_is_edited_or_deleted_by_its_first_characters_a_sent_one_is_not(
    keyed: Workspace,  # noqa: F811
) -> None:
    ws = keyed
    draft = ws.proposals.add("1.1.1", "First text", "Because")
    edited = ws.proposals.edit(f"SV-{draft.id[:6]}", text="Second text", language="en")
    assert (edited.text, edited.language, edited.justification) == (
        "Second text",
        "en",
        "Because",
    )
    with pytest.raises(InvalidInput, match=r"no objective 1\.1\.1"):
        ws.proposals.edit(draft.id, kind="paragraph")
    gone = ws.proposals.add("1.1", "To delete", "Because")
    ws.proposals.delete(gone.id[:8])
    with pytest.raises(NotFound, match="No proposal has the id"):
        ws.proposals.get(gone.id)
    with pytest.raises(NotFound):
        ws.proposals.delete("zzzz")

    ws.submissions.export(PASSPHRASE, include_report=False)
    sent = ws.proposals.get(draft.id)
    assert sent.state == "submitted" and sent.submission_id is not None
    before = rows(ws)
    with pytest.raises(InvalidInput, match="sent to the Secretariat already"):
        ws.proposals.edit(draft.id, text="Third")
    with pytest.raises(InvalidInput, match="sent to the Secretariat already"):
        ws.proposals.delete(draft.id)
    assert rows(ws) == before


def test_the_next_package_carries_the_drafts_once_and_they_become_submitted(
    keyed: Workspace,  # noqa: F811
) -> None:
    ws = keyed
    first = ws.submissions.export(PASSPHRASE, include_report=False)
    assert carried(ws.submissions.kept_file(first)) == []  # none: no "proposals" at all
    assert first.counts["proposals"] == 0
    one = ws.proposals.add("1.1.1", "Nueva redacción", "Armonizar")
    two = ws.proposals.add("1.1", "Nouvelle action", "Point 3", "fr")
    second = ws.submissions.export(PASSPHRASE, include_report=False)
    travelled = carried(ws.submissions.kept_file(second))
    assert [p["id"] for p in travelled] == [one.id, two.id]
    assert travelled[1] == {
        "id": two.id,
        "target_code": "1.1",
        "kind": "new_action",
        "language": "fr",
        "text": "Nouvelle action",
        "justification": "Point 3",
        "created_at": two.created_at,
        "created_by": two.created_by,
    }
    assert second.counts["proposals"] == 2
    assert {(p.state, p.submission_id) for p in ws.proposals.all()} == {("submitted", second.id)}
    third = ws.submissions.export(PASSPHRASE, include_report=False)
    assert carried(ws.submissions.kept_file(third)) == []  # sent once, never again


def test_a_receipt_brings_the_answers_and_an_older_one_never_undoes_a_newer(
    keyed: Workspace,  # noqa: F811
    tmp_path: Path,
) -> None:
    ws = keyed
    ts = Secretariat()
    ws.secretariat.trust(ts.key_file(tmp_path), ts.fingerprint)
    one = ws.proposals.add("1.1.1", "Nueva redacción", "Armonizar")
    two = ws.proposals.add("1.1", "Nueva acción", "Punto 3")
    draft = ws.proposals.add("1.1", "Aún borrador", "Después")
    sent = ws.submissions.export(PASSPHRASE, include_report=False)
    ws.proposals.add("1.1.1", "Written after", "Later")  # still a draft: not in the package
    assert ws.proposals.get(draft.id).state == "submitted"  # it was a draft when signed

    def receipt(name: str, answers: list[Answer], decision: str = "accepted") -> Path:
        path = tmp_path / name
        path.write_bytes(
            write_receipt(ts.key, "SV", sent.sequence, sent.sha256, decision, "", None, answers)
        )
        return path

    now = datetime.now(UTC)
    early = (now - timedelta(hours=1)).isoformat(timespec="milliseconds")
    late = now.isoformat(timespec="milliseconds")
    first = receipt(
        file_name("SV", sent.sequence, "accepted"),
        [
            Answer(one.id, "discussion", "", "", early),
            Answer(two.id, "submitted", "", "", None),
            Answer("00000000-0000-4000-8000-000000000000", "declined", "Not ours", "", early),
        ],
    )
    done = ws.secretariat.import_receipt(first)
    assert not done.already and [p.id for p in done.answered] == [one.id]
    assert ws.proposals.get(one.id).state == "discussion"
    assert ws.proposals.get(two.id).state == "submitted"

    newer = receipt(
        "newer.json",
        [
            Answer(one.id, "incorporated", "", "1.1", late),
            Answer(two.id, "declined", "Fuera del alcance del plan", "", late),
        ],
    )
    again = ws.secretariat.import_receipt(newer)  # the same decision, newer answers
    assert again.already and {p.id for p in again.answered} == {one.id, two.id}
    got = ws.proposals.get(one.id)
    assert (got.state, got.state_version, got.answered_at) == ("incorporated", "1.1", late)
    declined = ws.proposals.get(two.id)
    assert (declined.state, declined.state_reason) == ("declined", "Fuera del alcance del plan")

    before = rows(ws)
    stale = ws.secretariat.import_receipt(first)  # older answers: nothing goes back
    assert stale.already and stale.answered == ()
    assert rows(ws) == before


def test_the_answers_a_receipt_carries_follow_the_published_schema(tmp_path: Path) -> None:
    import jsonschema

    from focalpoint.package.receipt import read_receipt

    ts = Secretariat()
    answers = [
        Answer("1a2b3c4d-0000-4000-8000-000000000000", "incorporated", "", "1.1", None),
        Answer(
            "1a2b3c4d-0000-4000-8000-000000000001",
            "declined",
            "Ya cubierta por la acción 1.1.2 — à revoir",
            "",
            "2026-12-03T10:11:39.250+00:00",
        ),
    ]
    data = write_receipt(ts.key, "SV", 3, "0" * 64, "accepted", "", None, answers)
    payload = json.loads(base64.b64decode(json.loads(data)["payload"]))
    schema_path = Path(__file__).parents[2] / "src/focalpoint/resources/schemas"
    schema = json.loads((schema_path / "receipt.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(payload)
    assert payload["proposals"][1]["answered_at"] == "2026-12-03T10:11:39.250Z"
    read = read_receipt(data, ts.public)
    assert read.answers == tuple(
        Answer(a.proposal_id, a.state, a.reason, a.version, a.answered_at) for a in answers
    )
    plain = write_receipt(ts.key, "SV", 3, "0" * 64, "accepted")
    assert "proposals" not in json.loads(base64.b64decode(json.loads(plain)["payload"]))
    assert read_receipt(plain, ts.public).answers == ()
    with pytest.raises(InvalidInput):
        write_receipt(
            ts.key, "SV", 3, "0" * 64, "accepted", "", None, [Answer("x", "declined", "", "", None)]
        )


@pytest.mark.parametrize(
    "proposals",
    [
        "not a list",
        [
            {
                "id": "not-a-uuid",
                "state": "declined",
                "reason": "r",
                "version": "",
                "answered_at": None,
            }
        ],
        [
            {
                "id": "1a2b3c4d-0000-4000-8000-000000000000",
                "state": "maybe",
                "reason": "",
                "version": "",
                "answered_at": None,
            }
        ],
        [
            {
                "id": "1a2b3c4d-0000-4000-8000-000000000000",
                "state": "declined",
                "reason": "",
                "version": "",
                "answered_at": "yesterday",
            }
        ],
        [
            {
                "id": "1a2b3c4d-0000-4000-8000-000000000000",
                "state": "declined",
                "reason": "r",
                "version": "",
                "answered_at": None,
            }
        ]
        * 2,
    ],
)
def test_a_receipt_with_answers_out_of_form_is_refused_and_changes_nothing(
    keyed: Workspace,  # noqa: F811
    tmp_path: Path,
    proposals: object,
) -> None:
    from focalpoint.domain.errors import PackageRefused
    from focalpoint.package.signed_document import seal

    ws = keyed
    ts = Secretariat()
    ws.secretariat.trust(ts.key_file(tmp_path), ts.fingerprint)
    ws.proposals.add("1.1.1", "Texto", "Porque")
    sent = ws.submissions.export(PASSPHRASE, include_report=False)
    good = json.loads(
        base64.b64decode(
            json.loads(write_receipt(ts.key, "SV", sent.sequence, sent.sha256, "accepted"))[
                "payload"
            ]
        )
    )
    path = tmp_path / "bad.json"
    path.write_bytes(
        seal(ts.key, "application/vnd.focalpoint.receipt+json", {**good, "proposals": proposals})
    )
    before = rows(ws)
    with pytest.raises(PackageRefused, match="damaged or incomplete"):
        ws.secretariat.import_receipt(path)
    assert rows(ws) == before


def test_answers_too_many_for_one_receipt_leave_out_the_last_and_it_stays_readable() -> None:
    from focalpoint.package.receipt import MAX_BYTES, read_receipt

    ts = Secretariat()
    answers = [
        Answer(f"1a2b3c4d-0000-4000-8000-{n:012d}", "declined", "Ñandú à revoir " * 266, "", None)
        for n in range(300)
    ]
    data = write_receipt(ts.key, "SV", 1, "0" * 64, "accepted", "", None, answers)
    assert len(data) <= MAX_BYTES
    kept = read_receipt(data, ts.public).answers
    assert 50 < len(kept) < 300
    assert [a.proposal_id for a in kept] == [a.proposal_id for a in answers[: len(kept)]]
