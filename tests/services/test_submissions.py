"""Signing keys and submissions: what is sent, signed, kept, copied, verified and refused."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import pyrage
import pytest
from pypdf import PdfReader

from focalpoint.domain.errors import Cancelled, InvalidInput, PackageRefused
from focalpoint.domain.practices import PracticeState
from focalpoint.package.submission_contents import schema_bytes
from focalpoint.services.country.workspace import Workspace
from tests.conftest import entity_id
from tests.services.test_directory import a_service, an_organisation
from tests.services.test_practices import a_practice

PASSPHRASE = "correct horse battery staple"
PDF_BYTES = b"%PDF-1.4\n" + b"evidence " * 2000 + b"\nstartxref\n9\n%%EOF\n"


@pytest.fixture
def keyed(ws: Workspace) -> Workspace:
    """The El Salvador workspace with a key, an assignment, two practices and a service."""
    ws.keys.create(PASSPHRASE)
    ws.assignments.set_lead("1.1.1", entity_id(ws, "CONNA"))
    ws.assignments.set_supports("1.1.1", [entity_id(ws, "DGME")])
    ws.assignments.set_status("1.1.1", "in_progress")
    return ws


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def export(ws: Workspace, **options: object) -> Path:
    row = ws.submissions.export(PASSPHRASE, **options)  # type: ignore[arg-type]
    return ws.submissions.kept_file(row)


def read_member(package: Path, name: str) -> bytes:
    with zipfile.ZipFile(package) as archive:
        return archive.read(name)


# ----- keys


def test_a_key_is_made_once_and_a_second_asks_to_replace(ws: Workspace) -> None:
    info = ws.keys.create(PASSPHRASE)
    assert len(info.fingerprint) == 19 and info.fingerprint.count("-") == 3
    assert "BEGIN PUBLIC KEY" in info.pem()
    with pytest.raises(InvalidInput, match="already has a signing key"):
        ws.keys.create(PASSPHRASE)
    assert [k.fingerprint for k in ws.keys.on_record()] == [info.fingerprint]


def test_replacing_a_key_keeps_the_old_fingerprint_on_record_but_not_its_secret(
    ws: Workspace,
) -> None:
    old = ws.keys.create(PASSPHRASE)
    new = ws.keys.create("another long passphrase", replace=True)
    keys = ws.keys.on_record()
    assert [k.fingerprint for k in keys] == [new.fingerprint, old.fingerprint]
    assert keys[1].replaced_at and not keys[0].replaced_at
    with ws.db.reading() as conn:
        secret = conn.execute(
            "SELECT private_pem FROM signing_key WHERE key_id = ?", (old.key_id,)
        ).fetchone()[0]
    assert secret is None
    # Nor do its bytes linger in the file's free space once the journal is folded in.
    with ws.db.reading() as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert ws.db.path.read_bytes().count(b"-----BEGIN ENCRYPTED PRIVATE KEY-----") == 1
    with pytest.raises(InvalidInput, match="passphrase does not unlock"):
        ws.keys.unlock(PASSPHRASE)  # the old passphrase opened the old key only
    ws.keys.unlock("another long passphrase")


def test_short_passphrases_and_wrong_ones_change_nothing(ws: Workspace) -> None:
    with pytest.raises(InvalidInput, match="at least 10 characters"):
        ws.keys.create("short")
    assert ws.keys.current() is None
    ws.keys.create(PASSPHRASE)
    with pytest.raises(InvalidInput, match="does not unlock"):
        ws.keys.change_passphrase("not the passphrase", "a brand new passphrase")
    ws.keys.unlock(PASSPHRASE)
    ws.keys.change_passphrase(PASSPHRASE, "a brand new passphrase")
    ws.keys.unlock("a brand new passphrase")
    with pytest.raises(InvalidInput):
        ws.keys.unlock(PASSPHRASE)


def test_the_public_key_exported_is_the_one_that_signs(keyed: Workspace, tmp_path: Path) -> None:
    from focalpoint.package.keys import public_key_from_pem

    path = keyed.keys.export_public(tmp_path / "key.pem")
    public = public_key_from_pem(path.read_bytes())
    assert public.fingerprint == keyed.keys.current().fingerprint  # type: ignore[union-attr]
    package = export(keyed, include_report=False)
    assert keyed.submissions.verify(package, public.fingerprint).fingerprint == public.fingerprint


# ----- what is sent


def test_the_preview_counts_what_will_be_sent_and_warns(keyed: Workspace) -> None:
    keyed.practices.save(a_practice(keyed))
    ready = keyed.practices.save(a_practice(keyed, title="Defensoría jurídica gratuita"))
    keyed.practices.set_state(ready.id, PracticeState.READY)
    keyed.directory.save_service(a_service(an_organisation(keyed)))
    preview = keyed.submissions.preview()
    assert preview.sequence == 1 and preview.last is None and preview.has_key
    counts = preview.counts
    assert (counts["actions"], counts["actions_assigned"]) == (30, 1)
    assert (counts["practices"], counts["practices_draft"]) == (2, 1)
    assert (counts["organisations"], counts["services"], counts["entities"]) == (1, 1, 2)
    assert "29 actions of the plan have no responsible entity." in preview.warnings
    assert "1 practice is still a draft; it is sent marked as a draft." in preview.warnings
    kinds = preview.changes_by_kind()
    assert kinds["action"] == 1 and kinds["practice"] == 2 and kinds["service"] == 1


def test_a_package_too_big_for_e_mail_is_flagged_before_and_after_signing(
    keyed: Workspace, tmp_path: Path
) -> None:
    from focalpoint.services.country.submission_preview import email_note

    assert not any("too big for most e-mail" in w for w in keyed.submissions.preview().warnings)
    practice = keyed.practices.save(a_practice(keyed))
    for n in range(2):  # two scanned reports of 11 MB: 22 MB in all
        scan = tmp_path / f"scan-{n}.pdf"
        scan.write_bytes(
            b"%PDF-1.4\n" + bytes([n]) * (11 * 1024 * 1024) + b"\nstartxref\n9\n%%EOF\n"
        )
        keyed.attachments.add(practice.id, scan)
    warnings = keyed.submissions.preview().warnings
    assert "The evidence files alone come to 22.0 MB: too big for most e-mail." in " ".join(
        warnings
    )
    row = keyed.submissions.export(PASSPHRASE, include_report=False)
    assert "larger than most e-mail accepts" in email_note(row.size)
    # Sent by e-mail, a file grows by a third (base64): 16 MB arrives as over 21 MB.
    assert email_note(15 * 1024 * 1024) == ""
    assert email_note(16 * 1024 * 1024) != ""


def test_changes_are_counted_since_the_last_submission(keyed: Workspace) -> None:
    export(keyed, include_report=False)
    after = keyed.submissions.preview()
    assert after.sequence == 2 and after.last is not None and after.changes == ()
    assert "Nothing has changed since the last submission." in after.warnings
    keyed.assignments.set_status("1.1.1", "completed")
    changed = keyed.submissions.preview()
    assert [(c.entry.record_key, c.entry.field, c.entry.new) for c in changed.changes] == [
        ("1.1.1", "status", "completed")
    ]


def test_a_note_typed_back_right_after_a_submission_is_still_a_change(keyed: Workspace) -> None:
    """Notes coalesce while typing, but never into what a submission has already counted."""
    keyed.assignments.set_note("1.1.1", "Mesa técnica instalada")
    export(keyed, include_report=False)
    keyed.assignments.set_note("1.1.1", "")  # seconds later, back to how it was before
    changes = keyed.submissions.preview().changes
    assert [(c.entry.field, c.entry.old, c.entry.new) for c in changes] == [
        ("note", "Mesa técnica instalada", "")
    ]
    history = keyed.assignments.history("1.1.1")
    assert [h.new for h in history if h.field == "note"] == ["", "Mesa técnica instalada"]


def test_the_package_carries_every_record_with_ids_and_tombstones(
    keyed: Workspace, tmp_path: Path
) -> None:
    evidence = tmp_path / "informe.pdf"
    evidence.write_bytes(PDF_BYTES)
    kept = keyed.practices.save(a_practice(keyed))
    keyed.attachments.add(kept.id, evidence)
    gone = keyed.practices.save(a_practice(keyed, title="Práctica retirada", action_codes=()))
    keyed.practices.delete(gone.id)
    keyed.directory.save_service(a_service(an_organisation(keyed)))
    keyed.assignments.set_note("1.1.1", '=HYPERLINK("http://x")')
    package = export(keyed, include_report=False)
    data = json.loads(read_member(package, "data/submission.json"))
    jsonschema.validate(data, json.loads(schema_bytes()))
    assert json.loads(read_member(package, "schema/submission.schema.json")) == json.loads(
        schema_bytes()
    )
    practices = {p["title"]: p for p in data["practices"]}
    assert practices["Práctica retirada"]["deleted_at"]
    assert practices[kept.title]["deleted_at"] is None
    assert practices[kept.title]["action_codes"] == ["2.2.1"]
    assert data["assignments"][0]["support_ids"] == [entity_id(keyed, "DGME")]
    attachment = data["attachments"][0]
    assert read_member(package, attachment["path"]) == PDF_BYTES
    assert attachment["path"].endswith(".pdf") and attachment["file_name"] == "informe.pdf"
    assert data["services"][0]["latitude"] == pytest.approx(13.69)
    actions = read_member(package, "csv/actions.csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(actions)))
    assert rows[0][0] == "Action" and len(rows) == 31
    lead = next(r for r in rows if r[0] == "1.1.1")
    assert "Consejo Nacional" in lead[2] and "Migración" in lead[3] and lead[4] == "In progress"
    # A spreadsheet must not run the note as a formula; the JSON keeps it as typed.
    assert lead[5] == '\'=HYPERLINK("http://x")'
    assert data["assignments"][0]["note"] == '=HYPERLINK("http://x")'
    untouched = next(r for r in rows if r[0] == "1.1.2")
    assert untouched[2:4] == ["", ""] and untouched[5:] == ["", ""]


def test_the_country_report_travels_in_the_package(keyed: Workspace, tmp_path: Path) -> None:
    package = export(keyed, language="fr")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(read_member(package, "report/country-report-fr.pdf"))
    text = PdfReader(pdf).pages[0].extract_text()
    assert "Salvador" in text and "Ana Pérez" in text


def test_sequence_and_previous_hash_chain_the_submissions(keyed: Workspace) -> None:
    first = keyed.submissions.export(PASSPHRASE, include_report=False)
    second = keyed.submissions.export(PASSPHRASE, include_report=False)
    assert (first.sequence, second.sequence) == (1, 2)
    assert second.previous_sha256 == first.sha256
    assert second.file_name == f"FocalPoint-SV-002-{second.created_at[:10]}.zip"
    one, two = keyed.submissions.kept_file(first), keyed.submissions.kept_file(second)
    assert keyed.submissions.verify(two, previous=one).gap == 0
    with pytest.raises(PackageRefused) as replay:
        keyed.submissions.verify(one, previous=two)
    assert replay.value.reason == "replayed"
    damaged = one.with_name("earlier.zip")
    damaged.write_bytes(one.read_bytes()[:-40])
    with pytest.raises(PackageRefused, match=r"The previous package earlier\.zip is not valid"):
        keyed.submissions.verify(two, previous=damaged)


def test_a_previous_package_from_another_country_is_refused(
    keyed: Workspace, tmp_path: Path
) -> None:
    from focalpoint.domain.records import Profile

    other = Workspace.open(tmp_path / "gt")
    try:
        other.profile.save(Profile(language="es", country="GT", name="Luis Gómez"))
        other.keys.create(PASSPHRASE)
        foreign = other.submissions.kept_file(
            other.submissions.export(PASSPHRASE, include_report=False)
        )
    finally:
        other.close()
    keyed.submissions.export(PASSPHRASE, include_report=False)
    ours = keyed.submissions.kept_file(keyed.submissions.export(PASSPHRASE, include_report=False))
    with pytest.raises(
        PackageRefused, match=r"previous package comes from another country \(GT\)"
    ) as refused:
        keyed.submissions.verify(ours, previous=foreign)
    assert refused.value.reason == "previous"


def test_the_chain_holds_across_a_key_replacement(keyed: Workspace) -> None:
    first = keyed.submissions.export(PASSPHRASE, include_report=False)
    keyed.keys.create("another long passphrase", replace=True)
    second = keyed.submissions.export("another long passphrase", include_report=False)
    one, two = keyed.submissions.kept_file(first), keyed.submissions.kept_file(second)
    # The expected key is the new package's; the earlier one was signed with the old key.
    checked = keyed.submissions.verify(two, second.fingerprint, previous=one)
    assert (checked.sequence, checked.gap) == (2, 0)
    with pytest.raises(PackageRefused) as wrong:
        keyed.submissions.verify(one, second.fingerprint)
    assert wrong.value.reason == "wrong_key"


# ----- nothing lost, nothing half-written


def test_a_wrong_passphrase_writes_nothing(keyed: Workspace) -> None:
    with pytest.raises(InvalidInput, match="does not unlock"):
        keyed.submissions.export("not the passphrase at all")
    assert files_in(keyed.submissions.folder) == []
    assert keyed.submissions.history() == []


def test_a_cancelled_export_leaves_no_file_and_no_record(keyed: Workspace) -> None:
    calls = []

    def cancel_midway() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(Cancelled):
        keyed.submissions.export(PASSPHRASE, include_report=True, cancelled=cancel_midway)
    assert files_in(keyed.submissions.folder) == []
    assert keyed.submissions.history() == []
    assert keyed.submissions.export(PASSPHRASE, include_report=False).sequence == 1


def test_two_exports_at_once_never_spoil_each_others_package(
    keyed: Workspace, folder: Path
) -> None:
    """A second window (its own connection) signs while the first is still writing."""
    other = Workspace.open(folder)
    winner: list[Any] = []

    def the_other_window_signs_first(_fraction: float) -> None:
        if not winner:
            winner.append(other.submissions.export(PASSPHRASE, include_report=False))

    try:
        with pytest.raises(InvalidInput, match="signed meanwhile"):
            keyed.submissions.export(
                PASSPHRASE, include_report=False, progress=the_other_window_signs_first
            )
        (row,) = keyed.submissions.history()
        assert row.sequence == 1 and row.sha256 == winner[0].sha256
        kept = keyed.submissions.kept_file(row)
        assert files_in(keyed.submissions.folder) == [kept.name]
        assert keyed.submissions.verify(kept).sha256 == row.sha256
        assert keyed.submissions.export(PASSPHRASE, include_report=False).sequence == 2
    finally:
        other.close()


def test_an_unwritable_submissions_folder_is_a_message_and_no_record(keyed: Workspace) -> None:
    keyed.submissions.folder.write_text("a file where the folder should be")
    with pytest.raises(InvalidInput, match="cannot be created"):
        keyed.submissions.export(PASSPHRASE, include_report=False)
    assert keyed.submissions.history() == []


def test_missing_evidence_blocks_the_export(keyed: Workspace, tmp_path: Path) -> None:
    evidence = tmp_path / "acta.pdf"
    evidence.write_bytes(PDF_BYTES)
    practice = keyed.practices.save(a_practice(keyed))
    attachment = keyed.attachments.add(practice.id, evidence)
    keyed.attachments.stored_path(attachment).unlink()
    assert "acta.pdf" in keyed.submissions.preview().blocking[0]
    with pytest.raises(InvalidInput, match=r"acta\.pdf"):
        keyed.submissions.export(PASSPHRASE, include_report=False)
    assert keyed.submissions.history() == []


# ----- the history


def test_a_copy_is_byte_for_byte_and_a_changed_kept_file_is_not_copied(
    keyed: Workspace, tmp_path: Path
) -> None:
    row = keyed.submissions.export(PASSPHRASE, include_report=False)
    usb = tmp_path / "usb"
    usb.mkdir()
    copy = keyed.submissions.save_copy(row.id, usb)
    assert copy.read_bytes() == keyed.submissions.kept_file(row).read_bytes()
    with pytest.raises(InvalidInput, match="is not a folder"):
        keyed.submissions.save_copy(row.id, tmp_path / "nowhere")
    kept = keyed.submissions.kept_file(row)
    damaged = bytearray(kept.read_bytes())
    damaged[100] ^= 1
    kept.write_bytes(bytes(damaged))
    again = tmp_path / "again"
    again.mkdir()
    with pytest.raises(InvalidInput, match="has changed on disk"):
        keyed.submissions.save_copy(row.id, again)
    assert files_in(again) == []


def test_a_copy_never_replaces_a_different_file_of_the_same_name(
    keyed: Workspace, tmp_path: Path
) -> None:
    row = keyed.submissions.export(PASSPHRASE, include_report=False)
    usb = tmp_path / "usb"
    usb.mkdir()
    # Another package of the same name already on the stick (signed before a reset, say).
    other = usb / row.file_name
    other.write_bytes(b"someone else's package")
    copy = keyed.submissions.save_copy(row.id, usb)
    stem = row.file_name.removesuffix(".zip")
    assert copy.name == f"{stem} (2).zip"
    assert other.read_bytes() == b"someone else's package"
    assert copy.read_bytes() == keyed.submissions.kept_file(row).read_bytes()
    # Saving the same package again finds it there and writes nothing new.
    assert keyed.submissions.save_copy(row.id, usb) == copy
    assert files_in(usb) == sorted([other.name, copy.name])


def test_states_move_forward_only(keyed: Workspace) -> None:
    row = keyed.submissions.export(PASSPHRASE, include_report=False)
    assert row.state == "signed"
    with pytest.raises(InvalidInput, match="cannot be marked"):
        keyed.submissions.set_state(row.id, "acknowledged")
    sent = keyed.submissions.set_state(row.id, "sent")
    returned = keyed.submissions.set_state(row.id, "returned", "  Faltan las evidencias  ")
    assert (sent.state, returned.state, returned.state_note) == (
        "sent",
        "returned",
        "Faltan las evidencias",
    )
    with pytest.raises(InvalidInput):
        keyed.submissions.set_state(row.id, "sent")
    assert keyed.submissions.history()[0].state == "returned"


def test_verify_tells_this_workspaces_packages_from_others(
    keyed: Workspace, tmp_path: Path
) -> None:
    row = keyed.submissions.export(PASSPHRASE, include_report=False)
    result = keyed.submissions.verify(keyed.submissions.kept_file(row))
    assert result.own_key and result.on_record and result.sequence == 1
    other = Workspace.open(tmp_path / "other")
    try:
        outside = other.submissions.verify(keyed.submissions.kept_file(row))
        assert not outside.own_key and outside.on_record is None
        assert outside.fingerprint == row.fingerprint
    finally:
        other.close()


# ----- encryption to the Secretariat


def test_an_encrypted_package_opens_only_with_the_secretariats_identity(
    keyed: Workspace, tmp_path: Path
) -> None:
    identity = pyrage.x25519.Identity.generate()
    with pytest.raises(InvalidInput, match="not an age public key"):
        keyed.submissions.set_secretariat_recipient("age1notakey")
    secret = str(identity)
    with pytest.raises(InvalidInput, match="secret identity, not a public key") as pasted:
        keyed.submissions.set_secretariat_recipient(secret)
    assert secret[15:] not in str(pasted.value)  # the secret is never repeated back
    with pytest.raises(InvalidInput, match="secret identity") as prefixed:
        keyed.submissions.set_secretariat_recipient(f"key={secret}")
    assert secret[15:] not in str(prefixed.value)
    assert keyed.submissions.secretariat_recipient() == ""
    keyed.submissions.set_secretariat_recipient(str(identity.to_public()))
    row = keyed.submissions.export(PASSPHRASE, include_report=False, encrypt=True)
    sealed = keyed.submissions.kept_file(row, encrypted=True)
    assert sealed.name == row.file_name + ".age"
    assert pyrage.decrypt(sealed.read_bytes(), [identity]) == (
        keyed.submissions.kept_file(row).read_bytes()
    )
    with pytest.raises(PackageRefused) as refused:
        keyed.submissions.verify(sealed)
    assert refused.value.reason == "encrypted"
    identity_file = tmp_path / "secretariat.txt"
    identity_file.write_text(f"# created for the test\n{identity}\n")
    opened = keyed.submissions.verify(sealed, identity=identity_file)
    assert opened.encrypted and opened.sha256 == row.sha256
    wrong = tmp_path / "wrong.txt"
    wrong.write_text(f"{pyrage.x25519.Identity.generate()}\n")
    with pytest.raises(PackageRefused, match="cannot be opened"):
        keyed.submissions.verify(sealed, identity=wrong)
    usb = tmp_path / "usb"
    usb.mkdir()
    copy = keyed.submissions.save_copy(row.id, usb, encrypted=True)
    assert copy.read_bytes() == sealed.read_bytes()


FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from focalpoint.domain.errors import InvalidInput
from focalpoint.services.country.workspace import Workspace

ws = Workspace.open(Path(sys.argv[1]))
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[2]), int(sys.argv[2])))
try:
    ws.submissions.export(sys.argv[3], include_report=False)
except InvalidInput as refusal:
    print("REFUSED", refusal)
"""


def test_a_disk_that_fills_up_mid_package_leaves_nothing(keyed: Workspace, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    evidence = tmp_path / "grande.pdf"
    evidence.write_bytes(b"%PDF-1.4\n" + os.urandom(3_000_000) + b"\nstartxref\n9\n%%EOF\n")
    keyed.attachments.add(keyed.practices.save(a_practice(keyed)).id, evidence)
    folder = keyed.folder
    keyed.close()
    # The operating system refuses any file growing past 2 MB: the package (3 MB of evidence)
    # cannot be finished, as on a full disk.
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(folder), str(2_000_000), PASSPHRASE],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "REFUSED The package cannot be written in" in result.stdout
    again = Workspace.open(folder)
    try:
        assert files_in(again.submissions.folder) == []
        assert again.submissions.history() == []
    finally:
        again.close()
