"""``focalpoint proposal …`` and ``focalpoint ts proposals|proposal mark`` as a script uses them:
the whole round trip through the command line, and every refusal in words, exit 1, nothing
changed."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import PASSPHRASE
from tests.cli.runner import Cli


def test_propose_send_answer_and_read_the_answer_from_the_command_line(
    cli: Cli, country: Path, passfile: Path, tmp_path: Path
) -> None:
    ts = tmp_path / "secretariat"
    secret = {"FOCALPOINT_PASSPHRASE": PASSPHRASE}
    cli.ok(country, "key", "create", "--passphrase-file", str(passfile))
    said = cli.ok(country, "proposal", "add", "1.1.1", "--text", "Nueva redacción", "--why", "CDN")
    assert "saved; the next submission sends it" in said
    added = json.loads(
        cli.ok(
            country,
            "proposal",
            "add",
            "1.1",
            "--text",
            "Une nouvelle action",
            "--why",
            "Point 3",
            "--lang",
            "fr",
            "--json",
        )
    )
    assert (added["kind"], added["language"], added["state"]) == ("new_action", "fr", "draft")
    assert added["short_id"] == "SV-" + added["id"][:8]

    changed = cli.ok(
        country, "proposal", "edit", added["short_id"], "--why", "Point 3 du compte rendu"
    )
    assert "changed" in changed
    assert "no action 1.1" in cli.refused(
        country, "proposal", "edit", added["short_id"], "--kind", "comment", "--text", "x"
    )
    cli.ok(country, "export", "--no-report", "--passphrase-file", str(passfile))
    listed = json.loads(cli.ok(country, "proposal", "list", "--json"))
    assert listed[0]["justification"] == "Point 3 du compte rendu"
    assert listed[0]["text"] == "Une nouvelle action"  # the refused edit changed nothing
    assert [(p["target_code"], p["state"]) for p in listed] == [
        ("1.1", "submitted"),
        ("1.1.1", "submitted"),
    ]
    package = next((country / "submissions").glob("*.zip"))

    cli.ok(ts, "ts", "setup", "--name", "Secretaría Técnica", **secret)
    pem = tmp_path / "sv.pem"
    cli.ok(country, "key", "export", "-o", str(pem))
    fingerprint = json.loads(cli.ok(country, "key", "show", "--json"))[0]["fingerprint"]
    cli.ok(ts, "ts", "key", "register", str(pem), "--country", "SV", "--fingerprint", fingerprint)
    received = json.loads(cli.ok(ts, "ts", "receive", str(package), "--json"))
    board = json.loads(cli.ok(ts, "ts", "proposals", "--json"))
    assert [g["target_code"] for g in board] == ["1.1", "1.1.1"]
    assert board[1]["target_title"]
    wording = board[1]["proposals"][0]
    assert (wording["id"], wording["country"], wording["text"]) == (
        listed[1]["short_id"],
        "SV",
        "Nueva redacción",
    )
    text = cli.ok(ts, "ts", "proposals")
    assert "1.1.1" in text and "Nueva redacción" in text and "Why: CDN" in text

    marked = json.loads(
        cli.ok(
            ts,
            "ts",
            "proposal",
            "mark",
            wording["id"],
            "incorporated",
            "--version",
            "1.1",
            "--json",
        )
    )
    assert (marked["state"], marked["version"], marked["changed"]) == ("incorporated", "1.1", True)
    declined = cli.ok(
        ts,
        "ts",
        "proposal",
        "mark",
        board[0]["proposals"][0]["id"],
        "declined",
        "--reason",
        "Ya cubierta por 1.1.2",
    )
    assert "declined: Ya cubierta por 1.1.2" in declined

    cli.ok(ts, "ts", "accept", received[0]["id"])
    receipt = tmp_path / "receipt.json"
    cli.ok(ts, "ts", "receipt", received[0]["id"], "-o", str(receipt), **secret)
    key_file = tmp_path / "ts-key.json"
    shown = cli.ok(ts, "ts", "key", "file", "-o", str(key_file), **secret)
    typed = next(w.strip(".:,") for w in shown.split() if w.count("-") == 3 and len(w) >= 19)
    cli.ok(country, "key", "trust-secretariat", str(key_file), "--fingerprint", typed)
    imported = json.loads(cli.ok(country, "receipt", "import", str(receipt), "--json"))
    assert {p["state"] for p in imported["proposals_answered"]} == {"incorporated", "declined"}

    mine = cli.ok(country, "proposal", "list")
    assert "Incorporated in plan version 1.1." in mine
    assert "Secretariat: Ya cubierta por 1.1.2" in mine


def test_bad_proposals_and_marks_are_refused_in_words_and_change_nothing(
    cli: Cli, country: Path, tmp_path: Path
) -> None:
    def mine() -> str:
        return cli.ok(country, "proposal", "list", "--json")

    before = mine()
    for args, said in (
        (("9.9.9", "--text", "T", "--why", "W"), "no action 9.9.9"),
        (("1.1.1", "--text", " ", "--why", "W"), "empty"),
        (("1.1.1", "--text", "x" * 4001, "--why", "W"), "too long"),
        (("1.1.1", "--text", "T", "--why", "W", "--kind", "essay"), "Unknown kind"),
        (("1.1", "--text", "T", "--why", "W", "--kind", "comment"), "no action 1.1"),
    ):
        assert said in cli.refused(country, "proposal", "add", *args)
    wrong_language = cli.run(
        country, "proposal", "add", "1.1.1", "--text", "T", "--why", "W", "--lang", "de"
    )
    assert wrong_language.code == 2 and "'de'" in wrong_language.err
    assert "No proposal has the id" in cli.refused(country, "proposal", "delete", "SV-00000000")
    assert mine() == before == "[]\n"
    in_spanish = cli.run(
        country, "proposal", "add", "9.9.9", "--text", "T", "--why", "W", lang="es"
    )
    assert in_spanish.code == 1 and "9.9.9" in in_spanish.err

    ts = tmp_path / "secretariat"
    cli.ok(ts, "ts", "setup", "--name", "ST", FOCALPOINT_PASSPHRASE=PASSPHRASE)
    assert "No proposal has the id SV-12345678" in cli.refused(
        ts, "ts", "proposal", "mark", "SV-12345678", "discussion"
    )
    assert "Unknown answer" in cli.refused(ts, "ts", "proposal", "mark", "SV-12345678", "maybe")
    assert "--reason" in cli.refused(ts, "ts", "proposal", "mark", "SV-12345678", "declined")
    assert "--version" in cli.refused(ts, "ts", "proposal", "mark", "SV-12345678", "incorporated")
    assert json.loads(cli.ok(ts, "ts", "proposals", "--json")) == []
    assert "No proposals received yet." in cli.ok(ts, "ts", "proposals")
