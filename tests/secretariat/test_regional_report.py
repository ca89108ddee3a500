"""The regional report, from real accepted packages, on SQLite and PostgreSQL: what a reader of
each part checks, in Spanish, English and French; the open actions only; the command line.

The sections' headings are compared with their translation in the report's language (whatever
the catalogue holds for them today), the data with what the countries sent.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from focalpoint.domain.directory import Organisation, Service
from focalpoint.domain.errors import Cancelled
from focalpoint.domain.practices import Practice
from focalpoint.domain.records import EntityDraft
from focalpoint.domain.vocab import ActionStatus, EntityType, country_name
from focalpoint.i18n import translator
from focalpoint.render.regional_report.content import SECTIONS
from focalpoint.services.country.workspace import Workspace
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from tests.secretariat.test_cli_process import Cli
from tests.secretariat.test_intake import TS_PASSPHRASE, country_workspace, export, register

Region = tuple[SecretariatWorkspace, dict[str, Workspace]]


def text_of(path: Path) -> str:
    """The report's words in reading order, line breaks of wrapped cells folded to spaces."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def part(text: str, heading: str, following: str | None) -> str:
    """The text of one part: from its heading (past the contents) to the next part's."""
    start = text.rindex(heading)
    return text[start : text.rindex(following)] if following else text[start:]


PLACES = {"SV": (13.69, -89.19), "GT": (14.63, -90.51)}


def _fill(ws: Workspace, code: str) -> None:
    """Besides 1.1.1 (in progress, with a lead and a supporting entity): 1.1.2 completed
    without a lead; a practice on alternatives to detention and another; two services, one
    placed on the map."""
    ws.assignments.set_status("1.1.2", "completed")
    org = ws.directory.save_organisation(Organisation(f"Casa del Migrante {code}"))
    lat, lon = PLACES[code]
    ws.directory.save_service(
        Service(org.id, f"Albergue {code}", "shelter", latitude=lat, longitude=lon)
    )
    ws.directory.save_service(Service(org.id, f"Asesoría {code}", "legal_aid"))
    ws.practices.save(
        Practice(
            f"Familias de acogida {code}",
            summary="Acogimiento familiar en lugar de la detención migratoria.",
            categories=("alternative_care",),
            results="Ninguna niña ni niño detenido en 2023.",
        )
    )
    ws.practices.save(Practice(f"Registro de llegadas {code}", categories=("identification",)))


@pytest.fixture
def region(ts: SecretariatWorkspace, tmp_path: Path) -> Iterator[Region]:
    """SV and GT accepted (GT completed 1.1.1 and gave 1.2.1 a lead); HN registered, with
    nothing accepted yet; SV proposed new wording for 1.1.1, which the Secretariat declined."""
    ts.keys.create(TS_PASSPHRASE)
    countries = {code: country_workspace(tmp_path / code, code) for code in ("SV", "GT", "HN")}
    for code in ("SV", "GT"):
        _fill(countries[code], code)
    gt = countries["GT"]
    gt.assignments.set_status("1.1.1", "completed")
    unicef = gt.entities.add(EntityDraft("Oficina de UNICEF", "", EntityType.OTHER))
    gt.assignments.set_lead("1.2.1", unicef.id)
    countries["SV"].proposals.add(
        "1.1.1", "Armonizar con la Cumbre Mundial en favor de la Infancia.", "Punto 3 del acta."
    )
    for ws in countries.values():
        register(ts, ws, tmp_path)
    for result in ts.intake.receive([export(countries[c]) for c in ("SV", "GT")]):
        ts.consolidation.accept(result.id)
    proposal = ts.proposals.all()[0]
    ts.proposals.mark(
        f"{proposal.country}-{proposal.proposal_id[:8]}", "declined", "Fuera del mandato."
    )
    yield ts, countries
    for ws in countries.values():
        ws.close()


@pytest.mark.parametrize("language", ["es", "en", "fr"])
def test_each_part_says_what_a_reader_checks_in_each_language(
    region: Region, tmp_path: Path, language: str
) -> None:
    ts, _countries = region
    tr = translator(language)
    result = ts.regional_report.make(tmp_path / f"{language}.pdf", language)
    reader = PdfReader(result.path)
    text = text_of(result.path)
    assert result.pages == len(reader.pages) and result.language == language
    assert reader.trailer["/Root"]["/Lang"] == language
    headings = [tr(title) for title in SECTIONS.values()]
    parts = {
        key: part(text, heading, following)
        for key, heading, following in zip(SECTIONS, headings, [*headings[1:], None], strict=True)
    }
    sv, gt, hn = (country_name(c, language) for c in ("SV", "GT", "HN"))

    completion = parts["completion"]
    assert sv in completion and gt in completion and hn in completion
    for status in (ActionStatus.IN_PROGRESS, ActionStatus.COMPLETED):
        assert status.label_in(tr) in completion

    matrix = parts["matrix"]
    assert "CONNA +1" in matrix and "PGN +1" in matrix  # the leads by acronym, one supporter
    assert "Oficina de UNICEF" in matrix  # no acronym: its name
    assert "Lead of SV" in matrix and "Lead of GT" in matrix  # the acronyms, spelled out
    assert "1.2.1" in matrix and "5.2.3" in matrix

    unassigned = parts["unassigned"]
    assert "1.1.2" in unassigned  # completed, but nobody leads it
    assert "1.1.1" not in unassigned and "1.2.1" not in unassigned

    practices = parts["practices"]
    assert "Registro de llegadas SV" in practices and "Registro de llegadas GT" in practices
    detention = parts["detention"]
    assert "Familias de acogida SV" in detention and "Familias de acogida GT" in detention
    assert "Ninguna niña ni niño detenido en 2023." in detention
    assert "Registro de llegadas" not in detention

    services = parts["services"]
    assert sv in services and gt in services
    for digits in ("4", "2"):  # four services, two of them on the map
        assert digits in services

    proposals = parts["proposals"]
    assert "Armonizar con la Cumbre Mundial en favor de la Infancia." in proposals
    assert "Punto 3 del acta." in proposals and "Fuera del mandato." in proposals
    assert sv in proposals and "1.1.1" in proposals


def test_fonts_are_embedded_and_the_contents_point_at_the_right_pages(
    region: Region, tmp_path: Path
) -> None:
    ts, _countries = region
    reader = PdfReader(ts.regional_report.make(tmp_path / "r.pdf", "en").path)
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts and all("DejaVuSans" in name for name in fonts)  # no font left to the viewer
    assert all("/FontFile2" in f["/FontDescriptor"] for f in fonts.values())
    lines = [line.strip() for line in reader.pages[1].extract_text().splitlines()]
    for heading in SECTIONS.values():
        page = int(lines[lines.index(heading) + 2])  # heading, its dot leader, its page
        assert heading in reader.pages[page - 1].extract_text()
    assert "Page 3 of" in reader.pages[2].extract_text()
    from tests.pdf_checks import bookmarks, contents_link_pages, wrong_bookmarks

    path = tmp_path / "r.pdf"
    assert wrong_bookmarks(path) == []  # clicked, each opens its heading's page
    assert contents_link_pages(path) == [page for _title, page in bookmarks(path)]
    wide = [p for p in reader.pages if p.mediabox.width > p.mediabox.height]
    assert wide  # the matrix, on landscape pages
    assert all("Page" in p.extract_text() for p in wide)  # numbered like the others


def test_open_actions_only_leaves_out_what_every_reporting_country_completed(
    region: Region, tmp_path: Path
) -> None:
    ts, _countries = region
    whole = text_of(ts.regional_report.make(tmp_path / "whole.pdf", "en").path)
    limited = ts.regional_report.make(tmp_path / "open.pdf", "en", open_only=True)
    text = text_of(limited.path)
    assert "Open actions only: 29 of the plan's 30 actions." in text  # said on the cover
    matrix = part(text, SECTIONS["matrix"], SECTIONS["unassigned"])
    assert "1.1.2" in part(whole, SECTIONS["matrix"], SECTIONS["unassigned"])
    assert "1.1.2" not in matrix and "1.1.1" in matrix  # completed by SV and GT; not by SV
    assert "1.1.2" not in part(text, SECTIONS["unassigned"], SECTIONS["practices"])


def test_an_empty_region_gives_a_short_report_that_says_so(
    ts: SecretariatWorkspace, tmp_path: Path
) -> None:
    text = text_of(ts.regional_report.make(tmp_path / "empty.pdf", "en").path)
    assert "No country has an accepted submission yet" in text
    assert "No amendment proposal has been received." in text
    assert "No country has submitted a service yet." in text


def test_a_cancelled_report_leaves_no_file(region: Region, tmp_path: Path) -> None:
    ts, _countries = region
    with pytest.raises(Cancelled):
        ts.regional_report.make(tmp_path / "stopped.pdf", "en", cancelled=lambda: True)
    assert not (tmp_path / "stopped.pdf").exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".pdf"] == []


def test_the_command_line_writes_it_in_the_language_asked(
    region: Region, tmp_path: Path, database_url: str | None
) -> None:
    ts, _countries = region
    folder = ts.folder
    cli = Cli(folder, database_url)
    done = cli("report", "-o", str(tmp_path / "rapport.pdf"), "--lang", "fr", "--open-only")
    assert done.returncode == 0, done.stderr
    assert "rapport.pdf" in done.stdout and "pages" in done.stdout
    text = text_of(tmp_path / "rapport.pdf")
    assert "Guatemala" in text and "Salvador" in text and "En cours" in text
    refused = cli("report", "-o", str(tmp_path / "nowhere" / "r.pdf"))
    assert refused.returncode != 0 and refused.stderr.strip()
    assert not (tmp_path / "nowhere").exists()
