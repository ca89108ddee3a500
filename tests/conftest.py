"""Shared fixtures: real workspaces on real temporary SQLite files."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from focalpoint.domain.records import EntityDraft, Profile
from focalpoint.domain.vocab import EntityType
from focalpoint.i18n import set_language
from focalpoint.services.country.workspace import Workspace


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Tests read messages in English unless they switch language themselves: FocalPoint's own
    and Qt's (the standard buttons: a test before may have left Qt speaking Spanish, and one
    that clicks "OK" would then find "Aceptar")."""
    speak_english()
    yield
    speak_english()


def speak_english() -> None:
    set_language("en")
    if "PySide6.QtCore" in sys.modules:  # Qt's catalogue only matters once Qt is loaded
        from focalpoint.ui.qt_translations import use_qt_language

        use_qt_language("en")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "workspace"


@pytest.fixture
def blank(folder: Path) -> Iterator[Workspace]:
    """A workspace as it is on first run: bundled plan, no profile."""
    ws = Workspace.open(folder)
    yield ws
    ws.close()


@pytest.fixture
def ws(blank: Workspace) -> Workspace:
    """A set-up workspace for El Salvador with two entities in the directory."""
    blank.profile.save(
        Profile(
            language="en",
            country="SV",
            name="Ana Pérez",
            institution="Ministerio de Relaciones Exteriores",
        )
    )
    blank.entities.add(
        EntityDraft(
            "Consejo Nacional de la Niñez y Adolescencia", "CONNA", EntityType.CHILD_PROTECTION
        )
    )
    blank.entities.add(
        EntityDraft("Dirección General de Migración y Extranjería", "DGME", EntityType.MIGRATION)
    )
    return blank


def entity_id(ws: Workspace, acronym: str) -> str:
    return ws.entities.resolve(acronym).id
