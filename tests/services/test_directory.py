"""The directory of actors and services: checked places, search, deletion that can be undone."""

from __future__ import annotations

import pytest

from focalpoint.domain.directory import Organisation, Service
from focalpoint.domain.errors import InvalidInput, NeedsConfirmation, NotFound
from focalpoint.services.country.workspace import Workspace

SAN_SALVADOR = (13.69, -89.19)


def an_organisation(ws: Workspace, name: str = "Aldeas Infantiles SOS El Salvador") -> str:
    return ws.directory.save_organisation(
        Organisation(name=name, acronym="SOS", provider_type="ngo", website="www.aldeas.org.sv")
    ).id


def a_service(org_id: str, **changes: object) -> Service:
    values: dict[str, object] = {
        "organisation_id": org_id,
        "name": "Acogimiento familiar temporal",
        "service_type": "family_care",
        "populations": ("unaccompanied", "returned"),
        "age_min": 0,
        "age_max": 17,
        "latitude": SAN_SALVADOR[0],
        "longitude": SAN_SALVADOR[1],
        "municipality": "San Salvador",
        "referral": "Oficio de la Junta de Protección",
    }
    values.update(changes)
    return Service(**values)  # type: ignore[arg-type]


def test_a_located_service_gets_its_subdivision_from_the_map(ws: Workspace) -> None:
    org_id = an_organisation(ws)
    saved = ws.directory.save_service(a_service(org_id))
    assert saved.subdivision == "SV-SS"
    (row,) = ws.directory.summaries()
    assert row.organisation == "Aldeas Infantiles SOS El Salvador (SOS)"
    assert (row.latitude, row.longitude) == SAN_SALVADOR
    assert ws.directory.history("service", saved.id)[0].field == "created"


def test_places_and_values_are_checked(ws: Workspace) -> None:
    org_id = an_organisation(ws)
    for changes, words in (
        ({"latitude": 14.63, "longitude": -90.51}, "outside El Salvador"),  # Guatemala City
        ({"latitude": -89.19, "longitude": 13.69}, "latitude first"),  # swapped
        ({"latitude": 95.0, "longitude": -89.19}, "Latitude is from -90"),
        ({"latitude": 13.69, "longitude": None}, "both latitude and longitude"),
        ({"latitude": float("nan")}, "Latitude"),
        ({"subdivision": "GT-01", "latitude": None, "longitude": None}, "not in El Salvador"),
        ({"subdivision": "SV-XX", "latitude": None, "longitude": None}, "Unknown subdivision"),
        ({"service_type": "taxi"}, "taxi"),
        ({"service_type": ""}, "type of service"),
        ({"populations": ("adults",)}, "adults"),
        ({"age_min": 12, "age_max": 5}, "youngest"),
        ({"age_max": 30}, "0 to 17"),
        ({"name": " "}, "service's name"),
        ({"organisation_id": "nope"}, "organisation"),
    ):
        with pytest.raises((InvalidInput, NotFound), match=words):
            ws.directory.save_service(a_service(org_id, **changes))
    assert ws.directory.summaries() == []


def test_an_organisation_that_exists_is_refused(ws: Workspace) -> None:
    an_organisation(ws)
    with pytest.raises(InvalidInput, match="already in the directory"):
        an_organisation(ws, "  aldeas infantiles sos   EL SALVADOR ")
    with pytest.raises(InvalidInput, match="web address"):
        ws.directory.save_organisation(Organisation(name="Otra", website="not a site"))
    with pytest.raises(InvalidInput, match="provider type"):
        ws.directory.save_organisation(Organisation(name="Otra", provider_type="army"))


def test_search_finds_services_by_their_words_and_their_organisation(ws: Workspace) -> None:
    org_id = an_organisation(ws)
    saved = ws.directory.save_service(a_service(org_id))
    assert ws.directory.search("acogim") == {saved.id}
    assert ws.directory.search("aldeas") == {saved.id}
    assert ws.directory.search("junta proteccion") == {saved.id}
    assert ws.directory.search("albergue") == set()
    ws.directory.save_organisation(
        Organisation(**{**ws.directory.organisation(org_id).__dict__, "name": "Fundación Nueva"})
    )
    assert ws.directory.search("aldeas") == set()
    assert ws.directory.search("fundacion") == {saved.id}


def test_deleting_an_organisation_with_services_asks_and_restores_them_together(
    ws: Workspace,
) -> None:
    org_id = an_organisation(ws)
    kept = ws.directory.save_service(a_service(org_id))
    gone_before = ws.directory.save_service(a_service(org_id, name="Línea de ayuda"))
    ws.directory.delete_service(gone_before.id)  # deleted on its own, earlier
    with pytest.raises(NeedsConfirmation, match="1 service"):
        ws.directory.delete_organisation(org_id)
    assert ws.directory.delete_organisation(org_id, force=True) == 1
    assert ws.directory.organisations() == [] and ws.directory.summaries() == []
    assert ws.directory.search("acogimiento") == set()
    ws.directory.restore_organisation(org_id)
    assert [s.id for s in ws.directory.summaries()] == [kept.id]  # not the one deleted alone
    assert ws.directory.search("acogimiento") == {kept.id}
    with pytest.raises(InvalidInput, match="organisation first"):
        ws.directory.delete_organisation(org_id, force=True)
        ws.directory.restore_service(kept.id)


def test_the_subdivision_follows_the_point_and_border_crossings_stay_out(ws: Workspace) -> None:
    org_id = an_organisation(ws)
    saved = ws.directory.save_service(a_service(org_id, subdivision="SV-MO"))
    assert saved.subdivision == "SV-SS"  # the point is in San Salvador, whatever was chosen
    moved = ws.directory.save_service(
        Service(**{**saved.__dict__, "latitude": 13.48, "longitude": -88.17})
    )
    assert moved.subdivision == "SV-SM"  # San Miguel
    for lat, lon in ((13.80, -90.13), (13.59, -87.74)):  # Guatemalan and Honduran sides
        with pytest.raises(InvalidInput, match="outside El Salvador"):
            ws.directory.save_service(a_service(org_id, latitude=lat, longitude=lon))


def test_search_knows_places_and_types_by_their_names_in_any_language(ws: Workspace) -> None:
    org_id = an_organisation(ws)
    saved = ws.directory.save_service(
        a_service(org_id, service_type="shelter", latitude=None, longitude=None,
                  subdivision="SV-MO", municipality="", referral="")
    )  # fmt: skip
    for words in ("Morazan", "albergue", "shelter", "hébergement", "no acompañados"):
        assert ws.directory.search(words) == {saved.id}, words
