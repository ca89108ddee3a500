"""The country's window started on the Secretariat's folder: a sentence, and nothing made."""

from __future__ import annotations

from pathlib import Path

from focalpoint.app import open_workspace
from focalpoint.i18n import set_language
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from tests.gui.conftest import answer_message_box


def test_the_window_refuses_a_secretariat_folder_in_the_users_language(
    folder: Path,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    SecretariatWorkspace.open(folder).close()
    before = sorted(p.name for p in folder.iterdir())
    set_language("es")
    seen = answer_message_box("OK")
    assert open_workspace(folder) is None
    assert seen and "espacio de trabajo de la Secretaría Técnica, no el de un país" in seen[0]
    assert sorted(p.name for p in folder.iterdir()) == before
