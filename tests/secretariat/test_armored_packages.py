"""A package encrypted with `age -a` (ASCII armor) is opened as the binary form is."""

from __future__ import annotations

from pathlib import Path

import pyrage

from focalpoint.services.secretariat.intake import TAKEN_IN
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from tests.secretariat.test_intake import TS_PASSPHRASE, country_workspace, export, register


def test_an_armored_package_is_taken_in(ts: SecretariatWorkspace, tmp_path: Path) -> None:
    ts.keys.create(TS_PASSPHRASE)
    sv = country_workspace(tmp_path / "sv", "SV")
    register(ts, sv, tmp_path)
    plain = export(sv)
    sv.close()
    recipient = pyrage.x25519.Recipient.from_str(ts.keys.current().age_recipient)  # type: ignore[union-attr]
    armored = tmp_path / f"{plain.name}.age"
    armored.write_bytes(pyrage.encrypt(plain.read_bytes(), [recipient], armored=True))
    assert armored.read_bytes().startswith(b"-----BEGIN AGE ENCRYPTED FILE-----\n")
    [result] = ts.intake.receive([armored], TS_PASSPHRASE)
    assert result.outcome == TAKEN_IN, result.reason
    assert result.country == "SV" and result.sequence == 1
