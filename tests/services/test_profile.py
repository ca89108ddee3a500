"""First-run set-up: country, officer, language."""

from __future__ import annotations

import pytest

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.records import Profile
from focalpoint.services.country.workspace import Workspace
from focalpoint.services.country.workspace_folder import saved_language, workspace_exists


def test_profile_is_none_until_set_up(blank: Workspace) -> None:
    assert blank.profile.get() is None


def test_profile_round_trip(blank: Workspace, folder) -> None:
    blank.profile.save(
        Profile(
            "fr",
            "ca",
            " Marie Tremblay ",
            "Agente de liaison",
            "IRCC",
            "marie.tremblay@ircc.gc.ca",
            "+1 613 000 0000",
        )
    )
    blank.close()
    again = Workspace.open(folder)
    profile = again.profile.get()
    assert profile == Profile(
        "fr",
        "CA",
        "Marie Tremblay",
        "Agente de liaison",
        "IRCC",
        "marie.tremblay@ircc.gc.ca",
        "+1 613 000 0000",
    )
    again.close()


@pytest.mark.parametrize(
    ("profile", "message"),
    [
        (Profile("es", "XX", "Ana"), "Unknown country code 'XX'"),
        (Profile("de", "SV", "Ana"), "Unknown language 'de'"),
        (Profile("es", "SV", "  "), "officer's name"),
        (Profile("es", "SV", "Ana", email="ana@"), "not an e-mail address"),
    ],
)
def test_bad_profile_is_refused_and_nothing_saved(
    blank: Workspace, profile: Profile, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        blank.profile.save(profile)
    assert blank.profile.get() is None


def test_the_saved_language_is_read_without_opening_the_workspace(tmp_path) -> None:
    folder = tmp_path / "workspace"
    assert not workspace_exists(folder) and saved_language(folder) is None
    assert not folder.exists()  # looking creates nothing
    ws = Workspace.open(folder)
    ws.profile.save(Profile("fr", "CA", "Marie Tremblay"))
    ws.close()
    assert workspace_exists(folder) and saved_language(folder) == "fr"
