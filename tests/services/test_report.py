"""The country report read back as a reader would: what it says, in which language, how it is
made; and the files it refuses to write."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from babel.dates import format_date
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
    assert fonts and all("DejaVuSans" in name for name in fonts)  # no font left to the viewer
    assert all("/FontFile2" in f["/FontDescriptor"] for f in fonts.values())


def test_report_language_is_independent_of_the_interface(
    assigned: Workspace, tmp_path: Path
) -> None:
    text = text_of(assigned.reports.make(tmp_path / "fr.pdf", "fr").path)  # the UI is English
    assert "Rapport de pays" in text and "Salvador" in text
    assert format_date(date.today(), format="long", locale="fr") in text
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
    with pytest.raises(InvalidInput, match="is not a file"):
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
            cancelled=lambda: len(fractions) > 12,  # in the middle of laying out pages
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


def test_a_name_too_long_for_a_table_row_still_gives_a_report(
    ws: Workspace, tmp_path: Path
) -> None:
    ws.entities.add(EntityDraft("Comisión " * 210))  # ~1,900 characters, never assigned
    result = ws.reports.make(tmp_path / "r.pdf", "es")
    assert "Comisión Comisión" in text_of(result.path)


@pytest.mark.parametrize(("target", "message"), [("", "file name"), ("/", "file name")])
def test_a_report_needs_a_file_name(assigned: Workspace, target: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        assigned.reports.make(Path(target), "es")


def test_sections_are_each_included_once_and_at_least_one(
    assigned: Workspace, tmp_path: Path
) -> None:
    with pytest.raises(InvalidInput, match="at least one part"):
        assigned.reports.make(tmp_path / "none.pdf", "en", [])
    text = text_of(assigned.reports.make(tmp_path / "twice.pdf", "en", ["summary", "summary"]).path)
    assert text.count("of 30 actions of the plan") == 1


def test_a_link_is_followed_not_replaced(assigned: Workspace, tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link.pdf"
    link.symlink_to(real / "target.pdf")
    assigned.reports.make(link, "en")
    assert link.is_symlink() and (real / "target.pdf").is_file()


def test_the_contents_page_numbers_are_right(assigned: Workspace, tmp_path: Path) -> None:
    reader = PdfReader(assigned.reports.make(tmp_path / "toc.pdf", "en").path)
    lines = [line.strip() for line in reader.pages[1].extract_text().splitlines()]
    for heading in ("Summary", "Responsible entities by action", "Changes recorded"):
        # heading, its dot leader, its page number
        page = int(lines[lines.index(heading) + 2])
        assert heading in reader.pages[page - 1].extract_text()


def test_the_reason_a_file_cannot_be_written_is_in_the_users_language(
    assigned: Workspace, tmp_path: Path
) -> None:
    from focalpoint.i18n import set_language

    set_language("es")
    with pytest.raises(InvalidInput) as refused:
        assigned.reports.make(tmp_path / "no-existe" / "informe.pdf", "es")
    assert "la carpeta o el archivo no existe" in str(refused.value)
    assert "No such file" not in str(refused.value)
