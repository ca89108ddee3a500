"""Amendment proposals in the country's window: "Propose a change…" in the action panel writes
one (a refusal keeps the dialog open with the reason, nothing saved), the panel lists it, and
File → Amendment proposals… shows it with its state and answer; a draft can be deleted."""

from __future__ import annotations

from pathlib import Path

from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.proposals.proposal_dialog import ProposalDialog
from focalpoint.ui.country.proposals.proposals_dialog import ProposalsDialog
from tests.gui.conftest import answer_message_box
from tests.services.test_submissions import PASSPHRASE, keyed  # noqa: F401  (a fixture)


def test_propose_a_change_from_the_action_panel_and_see_it_listed(
    ws: Workspace,
    open_window,  # type: ignore[no-untyped-def]
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    window = open_window(ws)
    assert window.workbench.select_action("1.1.1")
    panel = window.workbench.panel
    assert panel.propose.isEnabled()
    assert "No proposal written yet" in panel.proposals.text()

    dialog = panel.open_proposal()
    assert isinstance(dialog, ProposalDialog)
    kinds = [dialog.kind.itemData(i) for i in range(dialog.kind.count())]
    assert kinds == ["wording", "new_action", "paragraph", "comment"]
    assert dialog.target.text() == "Action 1.1.1"
    dialog.kind.setCurrentIndex(kinds.index("new_action"))
    assert dialog.target.text() == "Objective 1.1, beside action 1.1.1"
    assert dialog.target_code == "1.1"
    dialog.kind.setCurrentIndex(kinds.index("wording"))

    # Empty: refused in words, the dialog stays open and nothing is saved.
    seen = answer_message_box("OK")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: bool(seen))
    assert "empty" in seen[0] and dialog.isVisible() and ws.proposals.all() == []

    dialog.text.setPlainText("Elaborar y difundir guías en los idiomas de los pueblos indígenas")
    dialog.justification.setPlainText("Acta de 2017, punto 3: armonizar con la Cumbre Mundial")
    dialog.language.setCurrentIndex(dialog.language.findData("es"))
    assert dialog.text_count.text().startswith("65 of 4000")
    dialog.grab().save(str(tmp_path / "proposal-dialog.png"))
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible() and dialog.saved is not None
    [saved] = ws.proposals.all()
    assert (saved.target_code, saved.kind, saved.language) == ("1.1.1", "wording", "es")
    assert "New wording" in panel.proposals.text() and "not sent yet" in panel.proposals.text()
    qtbot.wait(50)  # the box grows to its new lines
    box = panel.propose.parentWidget()
    panel.ensureWidgetVisible(box)
    box.grab().save(str(tmp_path / "action-panel.png"))

    listing = window.open_proposals()
    assert isinstance(listing, ProposalsDialog)
    assert listing.model.rowCount() == 1
    assert listing.model.index(0, 3).data() == "draft (not sent yet)"
    assert "Acta de 2017" in listing.details.toPlainText()
    assert listing.delete.isEnabled()
    listing.grab().save(str(tmp_path / "proposals-dialog.png"))
    answer_message_box("Delete")
    listing.delete_selected()
    assert ws.proposals.all() == [] and listing.model.rowCount() == 0
    assert "No proposal written yet" in panel.proposals.text()  # the panel follows
    listing.close()


def test_an_answered_proposal_shows_its_answer_and_cannot_be_deleted(
    ws: Workspace,
    open_window,  # type: ignore[no-untyped-def]
) -> None:
    sent = ws.proposals.add("1.1", "Nueva acción sobre alternativas a la detención", "Punto 7")
    with ws.db.transaction() as conn:  # as a receipt leaves it (tests/services cover receipts)
        conn.execute(
            "UPDATE proposal SET state = 'declined', state_reason = 'Ya cubierta por 1.1.2',"
            " answered_at = '2026-12-03T10:00:00.000+00:00' WHERE id = ?",
            (sent.id,),
        )
    window = open_window(ws)
    assert window.workbench.select_action("1.1.2")
    assert "Declined: Ya cubierta por 1.1.2" in window.workbench.panel.proposals.text()
    listing = window.open_proposals()
    assert listing.model.index(0, 4).data() == "Declined: Ya cubierta por 1.1.2"
    assert "The Secretariat’s answer" in listing.details.toHtml()
    assert not listing.delete.isEnabled()
    listing.close()


def test_a_submission_says_how_many_proposals_it_carried() -> None:
    from focalpoint.ui.country.submissions.record_counts import contents_text

    said = contents_text({"actions": 30, "entities": 2, "proposals": 2})
    assert said == "30 actions, 2 entities, 2 amendment proposals"
    assert "proposal" not in contents_text({"actions": 30})  # an older submission's counts


def test_a_receipt_with_answers_says_so_and_the_panel_shows_them(
    keyed: Workspace,  # noqa: F811
    open_window,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    from focalpoint.domain.proposals import Answer
    from focalpoint.package.receipt import write_receipt
    from focalpoint.ui.country.submissions.receipt_import import result_text
    from tests.secretariat_side import Secretariat

    ws = keyed
    ts = Secretariat()
    ws.secretariat.trust(ts.key_file(tmp_path), ts.fingerprint)
    proposal = ws.proposals.add("1.1.1", "Nueva redacción", "Armonizar")
    sent = ws.submissions.export(PASSPHRASE, include_report=False)
    window = open_window(ws)
    assert window.workbench.select_action("1.1.1")
    assert "not answered yet" in window.workbench.panel.proposals.text()
    receipt = tmp_path / "receipt.json"
    answer = Answer(proposal.id, "incorporated", "", "1.1", "2026-12-03T10:00:00.000+00:00")
    receipt.write_bytes(
        write_receipt(ts.key, "SV", sent.sequence, sent.sha256, "accepted", "", None, [answer])
    )
    seen = answer_message_box("Close")
    done = window.import_receipt(receipt)
    assert done is not None and seen
    assert "It answers 1 of your amendment proposals" in result_text(done)
    assert "1.1.1 (New wording): incorporated 1.1" in result_text(done)
    assert "Incorporated in plan version 1.1" in window.workbench.panel.proposals.text()


def test_with_text_twice_as_large_the_proposal_dialogs_keep_everything_in_reach(
    ws: Workspace,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    from tests.gui.test_screen_fit import LARGE_TEXT_SCREEN, SMALL, text_twice_as_large, unreachable

    ws.proposals.add("1.1", "Un párrafo " * 50, "Porque " * 40, "es", "paragraph")
    problems = []
    for size, large in ((SMALL, False), (LARGE_TEXT_SCREEN, True)):
        with text_twice_as_large() if large else _nothing():
            for dialog in (ProposalDialog(ws, "1.1.1"), ProposalsDialog(ws)):
                qtbot.addWidget(dialog)
                dialog.show()
                problems += unreachable(dialog, size)
                dialog.grab().save(str(tmp_path / f"{type(dialog).__name__}-{large}.png"))
                dialog.close()
    assert problems == []


def _nothing():  # type: ignore[no-untyped-def]
    from contextlib import nullcontext

    return nullcontext()
