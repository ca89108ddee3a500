"""The country report read back as a reader would: what it says, in which language, how it is
made; and the files it refuses to write."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from babel.dates import format_date
from pypdf import PdfReader

from focalpoint.domain.directory import Organisation, Service
from focalpoint.domain.errors import Cancelled, InvalidInput
from focalpoint.domain.practices import Practice, PracticeState
from focalpoint.domain.records import EntityDraft
from focalpoint.services.country.workspace import Workspace
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
    assert "Acciones del plan con entidad nacional responsable: 2 de 30" in text
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
    assert "Actions of the plan with a responsible national entity: 0 of 30 (0%)." in text


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
    assert text.count("Actions of the plan with a responsible national entity") == 1


def test_a_link_is_followed_not_replaced(assigned: Workspace, tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link.pdf"
    link.symlink_to(real / "target.pdf")
    assigned.reports.make(link, "en")
    assert link.is_symlink() and (real / "target.pdf").is_file()


def test_the_contents_page_numbers_are_right(assigned: Workspace, tmp_path: Path) -> None:
    from tests.pdf_checks import bookmarks, contents_link_pages, wrong_bookmarks

    path = assigned.reports.make(tmp_path / "toc.pdf", "en").path
    reader = PdfReader(path)
    lines = [line.strip() for line in reader.pages[1].extract_text().splitlines()]
    for heading in ("Summary", "Responsible entities by action", "Changes recorded"):
        # heading, its dot leader, its page number
        page = int(lines[lines.index(heading) + 2])
        assert heading in reader.pages[page - 1].extract_text()
    # Clicked, a bookmark or a line of the contents opens its heading's page (not the cover).
    assert wrong_bookmarks(path) == []
    assert contents_link_pages(path) == [page for _title, page in bookmarks(path)]


def test_the_reason_a_file_cannot_be_written_is_in_the_users_language(
    assigned: Workspace, tmp_path: Path
) -> None:
    from focalpoint.i18n import set_language

    set_language("es")
    with pytest.raises(InvalidInput) as refused:
        assigned.reports.make(tmp_path / "no-existe" / "informe.pdf", "es")
    assert "la carpeta o el archivo no existe" in str(refused.value)
    assert "No such file" not in str(refused.value)


# --- practices and the map of services (issue 3, item 9b of the 2017 report) ----------------


def outline(path: Path) -> list[tuple[int, str]]:
    """The PDF's bookmarks as (level, title), in order."""
    found: list[tuple[int, str]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, str(item.title)))

    walk(PdfReader(path).outline, 0)
    return found


def children(path: Path, heading: str) -> list[str]:
    """The titles of the bookmarks one level under ``heading``."""
    entries = outline(path)
    start = entries.index((0, heading)) + 1
    below = []
    for level, title in entries[start:]:
        if level == 0:
            break
        below.append(title)
    return below


@pytest.fixture
def recorded(ws: Workspace, tmp_path: Path) -> Workspace:
    """Two practices (one a draft), a deleted one, and three services in two departments."""
    conna = entity_id(ws, "CONNA")
    ready = ws.practices.save(
        Practice(
            title="Casas de acogida familiar para niñez retornada",
            summary="Familias de acogida temporal en lugar de albergues cerrados.",
            categories=("alternative_care", "return_reintegration"),
            populations=("returned",),
            phases=("return",),
            entity_ids=(conna,),
            partners=("UNICEF",),
            period_start="2021-03",
            period_end="2023",
            results="Ciento veinte niñas y niños en familias.",
            lessons="Capacitar a las familias antes de la primera acogida.",
            action_codes=("2.2.1",),
            state=PracticeState.READY,
        )
    )
    evidence = tmp_path / "informe-evaluacion-2023.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% evidence\nstartxref\n9\n%%EOF\n")
    ws.attachments.add(ready.id, evidence)
    ws.practices.save(
        Practice(
            title="Defensoría jurídica gratuita en frontera",
            national=False,
            subdivisions=("SV-SA",),
            action_codes=("3.1.2",),
        )
    )
    gone = ws.practices.save(Practice(title="Práctica borrada por error"))
    ws.practices.delete(gone.id)
    org = ws.directory.save_organisation(
        Organisation(name="Aldeas Infantiles SOS El Salvador", acronym="SOS")
    ).id
    for name, place in (
        ("Acogimiento familiar temporal", {"latitude": 13.69, "longitude": -89.19}),
        ("Asesoría legal en Santa Ana", {"subdivision": "SV-SA"}),
        ("Línea de orientación sin sede", {}),
    ):
        ws.directory.save_service(
            Service(
                organisation_id=org,
                name=name,
                service_type="family_care" if "Acogimiento" in name else "legal_aid",
                populations=("unaccompanied",),
                age_min=0,
                age_max=17,
                referral="Oficio de la Junta de Protección",
                municipality="San Salvador" if "Acogimiento" in name else "",
                **place,  # type: ignore[arg-type]
            )
        )
    return ws


def test_practices_say_what_a_minister_checks(recorded: Workspace, tmp_path: Path) -> None:
    path = recorded.reports.make(tmp_path / "p.pdf", "en", ["practices"]).path
    text = text_of(path)
    first = text.index("Casas de acogida familiar para niñez retornada")
    draft = text.index("Defensoría jurídica gratuita en frontera")
    ready_part, draft_part = text[first:draft], text[draft:]
    assert "Ready for submission" in ready_part and "Draft" not in ready_part
    assert "Draft" in draft_part
    assert "Consejo Nacional de la Niñez y Adolescencia (CONNA)" in ready_part  # entity's name
    assert "2.2.1" in ready_part and "UNICEF" in ready_part
    assert "informe-evaluacion-2023.pdf" in ready_part  # the evidence, by its file name
    assert "Santa Ana" in draft_part and "National" in ready_part  # the scope
    assert "March 2021 – 2023" in ready_part
    assert "Práctica borrada por error" not in text  # deleted practices are left out
    # Under its first category only, the other one named with it.
    assert children(path, "Compilation of practices") == [
        "Reception and alternative care (alternatives to detention)",
        "Without a category",
    ]
    assert text.count("Casas de acogida familiar para niñez retornada") == 1
    assert "Return and reintegration" in ready_part


def test_services_are_listed_under_their_subdivision(recorded: Workspace, tmp_path: Path) -> None:
    path = recorded.reports.make(tmp_path / "s.pdf", "en", ["services"]).path
    assert children(path, "Map of specialized actors and services") == [
        "San Salvador",
        "Santa Ana",
        "No subdivision given",
    ]
    text = text_of(path)
    not_said = text.rindex("No subdivision given")  # the last heading (the first: contents)
    located = text.index("Acogimiento familiar temporal")
    in_santa_ana = text.index("Asesoría legal en Santa Ana")
    nowhere = text.index("Línea de orientación sin sede")
    assert located < in_santa_ana < not_said < nowhere
    assert text.rfind("San Salvador", 0, located) > text.rfind("Santa Ana", 0, located)
    assert "Aldeas Infantiles SOS El Salvador (SOS)" in text
    assert "Foster and family-based care" in text and "Legal aid and representation" in text
    assert "13.6900, -89.1900" in text and "no coordinates" in text
    assert "On the map: 1;" in text


def test_the_map_is_in_the_contents_and_the_outline(recorded: Workspace, tmp_path: Path) -> None:
    path = recorded.reports.make(tmp_path / "all.pdf", "en").path
    assert [title for level, title in outline(path) if level == 0] == [
        "Summary",
        "Responsible entities by action",
        "Compilation of practices",
        "Map of specialized actors and services",
        "Changes recorded",
    ]
    reader = PdfReader(path)
    lines = [line.strip() for line in reader.pages[1].extract_text().splitlines()]
    for heading in ("Compilation of practices", "Map of specialized actors and services"):
        page = int(lines[lines.index(heading) + 2])  # heading, dot leader, page number
        assert heading in reader.pages[page - 1].extract_text()
    drawn = reader.pages[page - 1]["/Contents"].get_object().get_data()
    assert b"\n1 J" in drawn  # the map's dots: round-capped strokes


def test_practices_and_services_in_french(recorded: Workspace, tmp_path: Path) -> None:
    from focalpoint.i18n import translator

    fr = translator("fr")
    path = recorded.reports.make(tmp_path / "fr.pdf", "fr", ["practices", "services"]).path
    text = text_of(path)
    assert "Accueil et prise en charge alternative" in text  # vocabulary labels
    assert "Enfants renvoyés ou expulsés" in text and "Retour" in text
    assert "Placement familial" in text and "Enfants non accompagnés" in text
    assert "Foster and family-based care" not in text
    assert "mars 2021" in text  # dates in the report's language
    for heading in ("Compilation of practices", "Map of specialized actors and services"):
        assert fr(heading) in text  # through the report's translator, whatever the catalogue


def test_empty_practices_and_services_say_so(ws: Workspace, tmp_path: Path) -> None:
    path = ws.reports.make(tmp_path / "e.pdf", "en", ["practices", "services"]).path
    text = text_of(path)
    assert "No practice has been recorded yet." in text
    assert "No service has been recorded in the directory yet." in text


def test_long_practice_texts_split_across_pages(ws: Workspace, tmp_path: Path) -> None:
    ws.practices.save(
        Practice(
            title="Práctica con un resumen muy largo",
            summary="Acompañamiento psicosocial continuo a cada familia. " * 300,
            lessons="Una_palabra_sin_espacios_que_no_cabe_en_ninguna_columna_" * 6,
        )
    )
    result = ws.reports.make(tmp_path / "long.pdf", "en", ["practices"])
    assert result.pages >= 5
    text = text_of(result.path)
    assert text.count("Acompañamiento") == 300  # every word, across the page ends
    assert "Práctica con un resumen muy largo (continued)" in text


def test_the_faster_font_encodes_text_as_reportlab_does() -> None:
    """The report's font takes a shortcut through reportlab's subset codes: same bytes, any
    text, across several subsets (a guard for reportlab upgrades)."""
    import random

    from reportlab.pdfbase.ttfonts import TTFont

    from focalpoint.paths import RESOURCES
    from focalpoint.render.style import _Font

    file = str(RESOURCES / "fonts" / "DejaVuSans.ttf")
    theirs, ours = TTFont("Reference", file), _Font("Faster", file)

    class Doc:  # what the fonts key their subsets by
        pass

    doc_a, doc_b = Doc(), Doc()
    rng = random.Random(5)
    alphabet = [chr(c) for c in range(0x20, 0x500)] + ["\u00a0"] * 20
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert ours.splitString(text, doc_b) == theirs.splitString(text, doc_a), text
    assert len(ours.state[doc_b].subsets) > 1


def test_the_changes_appendix_starts_at_the_last_submission(
    assigned: Workspace, tmp_path: Path
) -> None:
    assigned.keys.create("correct horse battery staple")
    before = assigned.reports.make(tmp_path / "before.pdf", "en", ["changes"])
    assert "Protocolo de notificación" in text_of(before.path)
    assert "since the workspace was created" in text_of(before.path)
    assigned.submissions.export("correct horse battery staple", include_report=False)
    assigned.assignments.set_note("3.1.2", "Informe final entregado")
    practice = assigned.practices.save(
        Practice(title="Acogida familiar temporal", action_codes=("3.1.2",))
    )
    after = text_of(assigned.reports.make(tmp_path / "after.pdf", "en", ["changes"]).path)
    assert "Every change since submission 1 to the Technical Secretariat" in after
    assert "Informe final entregado" in after and practice.title in after
    assert "Protocolo de notificación" not in after  # sent already, in submission 1


@pytest.fixture
def short_listings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Listing limits small enough for the little workspaces of these tests."""
    from focalpoint.services.country import report_listings

    monkeypatch.setattr(report_listings, "LISTED_SERVICES", 2)
    monkeypatch.setattr(report_listings, "LISTED_PRACTICES", 1)
    monkeypatch.setattr(report_listings, "LISTED_CHANGES", 3)


def test_past_its_limits_the_directory_is_counted_not_listed(
    recorded: Workspace, tmp_path: Path, short_listings: None
) -> None:
    text = text_of(recorded.reports.make(tmp_path / "s.pdf", "en", ["services"]).path)
    assert "Services in the directory: 3. Organisations offering them: 1. On the map: 1" in text
    assert "too long to list here" in text and "csv/services.csv" in text
    assert "Services by subdivision and type" in text
    # San Salvador (the located one), Santa Ana, and one whose place is not said.
    assert "San Salvador 1 Foster and family-based care: 1" in text
    assert "Santa Ana 1 Legal aid" in text and "No subdivision given 1 Legal aid" in text
    assert "Aldeas Infantiles SOS El Salvador (SOS) 3" in text
    assert "Oficio de la Junta de Protección" not in text  # no service is listed one by one
    whole = text_of(recorded.reports.make(tmp_path / "f.pdf", "en", ["services"], full=True).path)
    assert whole.count("Oficio de la Junta de Protección") == 3
    assert "Services by subdivision and type" not in whole


def test_past_its_limit_the_compilation_is_counted_not_listed(
    recorded: Workspace, tmp_path: Path, short_listings: None
) -> None:
    text = text_of(recorded.reports.make(tmp_path / "p.pdf", "es", ["practices"]).path)
    assert "Prácticas registradas: 2" in text and "Borradores: 1" in text
    assert "Prácticas por categoría" in text and "Prácticas por lugar" in text
    assert "Cuidado alternativo" in text or "alternativ" in text.lower()
    assert "Nacional 1" in text and "Santa Ana 1" in text
    assert "Ciento veinte niñas y niños en familias" not in text
    whole = recorded.reports.make(tmp_path / "w.pdf", "es", ["practices"], full=True).path
    assert "Ciento veinte niñas y niños en familias" in text_of(whole)


def test_past_its_limit_the_changes_are_counted_and_the_plans_listed(
    recorded: Workspace, tmp_path: Path, short_listings: None
) -> None:
    recorded.assignments.set_status("1.1.1", "in_progress")
    text = text_of(recorded.reports.make(tmp_path / "c.pdf", "en", ["changes"]).path)
    assert "too many to list here one by one" in text
    assert "Organisations 1 0 0" in text and "Services 3 0 0" in text
    assert "Practices 3 1 1" in text  # three added, one given evidence, one deleted since
    assert "Status: Not started → In progress" in text  # the newest changes to the plan
    assert "Acogimiento familiar temporal" not in text  # no service change listed one by one
