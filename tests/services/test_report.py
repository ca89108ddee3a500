"""The country report read back as a reader would: what it says, in which language, how it is
made; and the files it refuses to write."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from focalpoint.domain.errors import Cancelled, InvalidInput
from focalpoint.domain.records import EntityDraft
from focalpoint.services.workspace import Workspace
from tests.conftest import entity_id


def text_of(path: Path) -> str:
    """The report's words in reading order, line breaks of wrapped cells folded to spaces."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


@pytest.fixture
def assigned(ws: Workspace) -> Workspace:
    conna, dgme = entity_id(ws, "CONNA"), entity_id(ws, "DGME")
    ws.assignments.set_lead("2.1.1", dgme)
    ws.assignments.add_support("2.1.1", conna)
    ws.assignments.set_status("2.1.1", "in_progress")
    ws.assignments.set_note("2.1.1", "Protocolo de notificación en revisión con la Cancillería")
    ws.assignments.set_lead("3.1.2", conna)
    ws.assignments.set_status("3.1.2", "completed")
    return ws


def test_report_in_spanish_says_what_a_reader_checks(assigned: Workspace, tmp_path: Path) -> None:
    result = assigned.reports.make(tmp_path / "informe.pdf", "es")
    reader = PdfReader(result.path)
    text = text_of(result.path)
    assert result.pages == len(reader.pages)
    assert 5 <= result.pages <= 15  # 30 actions: cover, contents, summary, plan, changes
    assert "El Salvador" in text and "Informe de país" in text
    for code in assigned.plan.overview().document.action_codes():
        assert code in text
    assert "Dirección General de Migración y Extranjería (DGME)" in text  # accents intact
    assert "Consejo Nacional de la Niñez y Adolescencia (CONNA)" in text
    assert "Protocolo de notificación en revisión con la Cancillería" in text
    assert "En curso" in text and "Completada" in text
    assert "2 de 30 acciones del plan" in text
    assert "Página 3 de" in text
    meta = reader.metadata
    assert meta is not None and meta.title == "Informe de país: El Salvador"
    assert meta.author == "Ana Pérez"
    assert "RCM-NNA-2017-2022" in (meta.subject or "")
    assert reader.trailer["/Root"]["/Lang"] == "es"


def test_fonts_are_embedded(assigned: Workspace, tmp_path: Path) -> None:
    result = assigned.reports.make(tmp_path / "r.pdf", "fr")
    fonts = {}
    for page in PdfReader(result.path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    dejavu = [f for name, f in fonts.items() if "DejaVuSans" in name]
    assert dejavu and all("/FontFile2" in f["/FontDescriptor"] for f in dejavu)


def test_report_language_is_independent_of_the_interface(
    assigned: Workspace, tmp_path: Path
) -> None:
    text = text_of(assigned.reports.make(tmp_path / "fr.pdf", "fr").path)  # the UI is English
    assert "Rapport de pays" in text and "Salvador" in text
    assert "novembre" in text or "décembre" in text or "janvier" in text or "2026" in text
    assert "En cours" in text and "Terminée" in text


def test_sections_can_be_left_out(assigned: Workspace, tmp_path: Path) -> None:
    text = text_of(assigned.reports.make(tmp_path / "s.pdf", "en", ["summary"]).path)
    assert "Summary" in text
    assert "Responsible entities by action" not in text
    assert "Protocolo de notificación" not in text


def test_empty_sections_say_so_in_words(ws: Workspace, tmp_path: Path) -> None:
    text = text_of(ws.reports.make(tmp_path / "empty.pdf", "en").path)
    assert "No responsible entity has been assigned yet." in text
    assert "0 of 30 actions of the plan (0%) have a responsible national entity." in text


def test_very_long_names_and_notes_wrap(ws: Workspace, tmp_path: Path) -> None:
    long_name = "Dirección Nacional de Atención Integral " * 8
    entity = ws.entities.add(EntityDraft(long_name.strip(), "DNAI"))
    ws.assignments.set_lead("1.1.1", entity.id)
    ws.assignments.set_note("1.1.1", "Avance sostenido con municipios fronterizos. " * 60)
    result = ws.reports.make(tmp_path / "long.pdf", "es")
    text = text_of(result.path)
    assert "Avance sostenido con municipios fronterizos." in text
    assert result.pages >= 6


def test_unwritable_targets_are_refused_and_leave_nothing(
    assigned: Workspace, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(InvalidInput, match="cannot be written"):
        assigned.reports.make(out / "missing-folder" / "r.pdf", "es")
    folder_in_the_way = out / "report.pdf"
    folder_in_the_way.mkdir()
    with pytest.raises(InvalidInput, match="cannot be written"):
        assigned.reports.make(folder_in_the_way, "es")
    assert [p.name for p in out.iterdir()] == ["report.pdf"]  # no half-written file


def test_a_cancelled_report_leaves_no_file(assigned: Workspace, tmp_path: Path) -> None:
    fractions: list[float] = []
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Cancelled):
        assigned.reports.make(
            out / "c.pdf",
            "es",
            progress=fractions.append,
            cancelled=lambda: len(fractions) > 2,
        )
    assert list(out.iterdir()) == []


def test_progress_goes_from_start_to_end(assigned: Workspace, tmp_path: Path) -> None:
    fractions: list[float] = []
    assigned.reports.make(tmp_path / "p.pdf", "en", progress=fractions.append)
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(fractions) > 3


@pytest.mark.parametrize(
    ("language", "sections", "message"),
    [
        ("de", ["summary"], "Unknown language 'de'"),
        ("es", ["annexes"], "Unknown report section 'annexes'"),
    ],
)
def test_unknown_options_are_refused(
    assigned: Workspace, tmp_path: Path, language: str, sections: list[str], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        assigned.reports.make(tmp_path / "x.pdf", language, sections)
