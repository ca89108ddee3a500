"""The whole round trip with every member country: eleven real country workspaces, each with its
own key, trust the Secretariat's key file, export real packages (three encrypted to the
Secretariat) that one Secretariat workspace takes in in one batch, decides on, consolidates into
the regional matrix and answers with signed receipts that every country takes in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from focalpoint.domain.directory import Organisation, Service
from focalpoint.domain.errors import PackageRefused
from focalpoint.domain.records import EntityDraft, Profile
from focalpoint.domain.regional_lists import RegionalServiceFilter
from focalpoint.domain.vocab import COUNTRIES, EntityType
from focalpoint.services.country.workspace import Workspace
from focalpoint.services.secretariat.intake import TAKEN_IN
from focalpoint.services.secretariat.workspace import SecretariatWorkspace

PASSPHRASE = "correct horse battery staple"
TS_PASSPHRASE = "una frase de paso larga"
ENCRYPTED = ("GT", "MX", "CA")
RETURNED = "BZ"


@pytest.fixture
def region(tmp_path: Path) -> Iterator[tuple[SecretariatWorkspace, dict[str, Workspace]]]:
    ts = SecretariatWorkspace.open(tmp_path / "ts")
    ts.profile.save("Secretaría Técnica de la CRM", "es")
    key = ts.keys.create(TS_PASSPHRASE)
    key_file = tmp_path / "ts-key.json"
    ts.keys.write_key_file(key_file, TS_PASSPHRASE)
    countries: dict[str, Workspace] = {}
    for code in COUNTRIES:
        ws = Workspace.open(tmp_path / code)
        countries[code] = ws
        ws.profile.save(Profile("es", code, f"Enlace {code}", institution="Cancillería"))
        lead = ws.entities.add(
            EntityDraft(f"Protección {code}", f"P{code}", EntityType.CHILD_PROTECTION)
        )
        ws.assignments.set_lead("1.1.1", lead.id)
        ws.assignments.set_status("1.1.1", "in_progress")
        org = ws.directory.save_organisation(Organisation(f"Casa {code}"))
        ws.directory.save_service(Service(org.id, f"Albergue {code}", "shelter"))
        country_key = ws.keys.create(PASSPHRASE)
        ws.secretariat.trust(key_file, key.fingerprint.lower().replace("-", " "))
        pem = ws.keys.export_public(tmp_path / f"{code}.pem")
        ts.registry.register_file(pem, code, country_key.fingerprint)
    yield ts, countries
    for ws in countries.values():
        ws.close()
    ts.close()


def test_eleven_countries_send_the_secretariat_decides_and_every_country_takes_its_receipt_in(
    region: tuple[SecretariatWorkspace, dict[str, Workspace]], tmp_path: Path
) -> None:
    ts, countries = region
    files = []
    for code, ws in countries.items():
        encrypt = code in ENCRYPTED
        row = ws.submissions.export(PASSPHRASE, include_report=False, encrypt=encrypt)
        files.append(ws.submissions.kept_file(row, encrypted=encrypt))
    assert sum(f.suffix == ".age" for f in files) == len(ENCRYPTED)

    results = ts.intake.receive(files, TS_PASSPHRASE)
    assert [r.outcome for r in results] == [TAKEN_IN] * 11, [r.reason for r in results]
    for r in results:
        if r.country == RETURNED:
            ts.consolidation.return_(r.id, "Falta la entidad responsable de 1.1.2")
        else:
            ts.consolidation.accept(r.id)

    matrix = ts.matrix.build()
    row = next(r for r in matrix.rows if r.action.code == "1.1.1")
    assert set(matrix.countries) == set(COUNTRIES)
    assert row.cells[RETURNED] is None  # returned: nothing of it merged
    assert {c for c, cell in row.cells.items() if cell and cell.lead.startswith("Protección")} == (
        set(COUNTRIES) - {RETURNED}
    )
    assert ts.regional_services.count(RegionalServiceFilter("albergue")) == 10

    for r in results:
        receipt = ts.receipts.write(r.id, tmp_path / f"receipt-{r.country}.json", TS_PASSPHRASE)
        done = countries[r.country].secretariat.import_receipt(receipt)
        expected = "returned" if r.country == RETURNED else "acknowledged"
        assert done.submission.state == expected, r.country
        assert not done.already
    belize = countries[RETURNED].submissions.history()[0]
    assert belize.state_note == "Falta la entidad responsable de 1.1.2"
    # A receipt for one country is refused by any other, and changes nothing there.
    with pytest.raises(PackageRefused, match="not from this workspace's country"):
        countries["GT"].secretariat.import_receipt(tmp_path / "receipt-SV.json")
    assert countries["GT"].submissions.history()[0].state == "acknowledged"
