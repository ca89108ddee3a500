"""Signed plan versions from the command line: ``ts plan publish|list|file`` on the Secretariat's
side, ``plan import [--check]`` on a country's, with their refusals."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.cli.runner import Cli
from tests.secretariat.test_plan_versions import version_1_0, write_plan
from tests.services.test_plan_import import bundled

TS_PASSPHRASE = "una frase de paso larga"


def test_publish_check_and_take_in_a_version(cli: Cli, country: Path, tmp_path: Path) -> None:
    ts = tmp_path / "ts"
    env = {"FOCALPOINT_PASSPHRASE": TS_PASSPHRASE}
    made = cli.ok(ts, "ts", "setup", "--name", "Secretaría Técnica", **env)
    fingerprint = re.search(r"[A-Z2-7]{4}(?:-[A-Z2-7]{4}){3}", made).group(0)  # type: ignore[union-attr]
    cli.ok(ts, "ts", "key", "file", "-o", str(tmp_path / "ts-key.json"), **env)
    cli.ok(country, "entity", "add", "Cancillería", "--acronym", "MINREX")
    cli.ok(country, "assign", "1.1.2", "MINREX")
    cli.ok(
        country,
        "key",
        "trust-secretariat",
        str(tmp_path / "ts-key.json"),
        "--fingerprint",
        fingerprint,
    )
    plan = write_plan(tmp_path, version_1_0())
    assert "No plan version published yet" in cli.ok(ts, "ts", "plan", "list")
    # The next version starts as a file of the current plan (here the bundled one), edited.
    source = tmp_path / "plan-source.json"
    assert "Edit it, then" in cli.ok(ts, "ts", "plan", "source", "-o", str(source))
    assert json.loads(source.read_text("utf-8")) == json.loads(
        write_plan(tmp_path, bundled(), "bundled.json").read_text("utf-8")
    )

    checked = cli.ok(ts, "ts", "plan", "publish", str(plan), "--version", "1.0", "--check")
    assert "1.1.2 → 1.2.4 (objective 1.2)" in checked and "1 action removed:" in checked
    assert json.loads(cli.ok(ts, "ts", "plan", "list", "--json")) == []  # --check signs nothing
    assert "-o SIGNED" in cli.refused(ts, "ts", "plan", "publish", str(plan), "--version", "1.0")
    signed = tmp_path / "FocalPoint-plan-1.0.json"
    out = cli.ok(
        ts, "ts", "plan", "publish", str(plan), "--version", "1.0", "-o", str(signed), **env
    )
    assert out.splitlines()[-1] == f"Signed plan file written: {signed}"
    listed = json.loads(cli.ok(ts, "ts", "plan", "list", "--json"))
    assert [(v["version"], v["lineage"]) for v in listed] == [("1.0", [])]
    cli.ok(ts, "ts", "plan", "source", "-o", str(source))  # now 1.0, as published
    published = json.loads(source.read_text("utf-8"))
    assert published["plan"]["version"] == "1.0" and not published["plan"]["provisional"]
    unchanged = cli.ok(ts, "ts", "plan", "publish", str(source), "--version", "1.1", "--check")
    assert "No action was added, removed, renamed or moved." in unchanged
    assert "not higher than the current version 1.0" in cli.refused(
        ts, "ts", "plan", "publish", str(plan), "--version", "1.0", "-o", str(tmp_path / "x"), **env
    )

    assert "not signed by the Secretariat" in cli.refused(country, "plan", "import", str(plan))
    preview = cli.ok(country, "plan", "import", str(signed), "--check")
    assert "The assignment of 1.1.2 would follow its action, now 1.2.4." in preview
    assert "version 0.1" in cli.ok(country, "plan", "show")  # --check installs nothing
    assert json.loads(cli.ok(country, "plan", "show", "--json"))["signature"] is None
    done = cli.ok(country, "plan", "import", str(signed))
    assert "updated from version 0.1 to 1.0" in done and "now 1.2.4" in done
    shown = json.loads(cli.ok(country, "plan", "show", "--json"))
    assert shown["assignments"]["1.2.4"]["lead"] == "Cancillería"
    assert shown["signature"]["sha256"] == listed[0]["sha256"]
    assert f"Signed by the Secretariat; SHA-256 {listed[0]['sha256']}" in cli.ok(
        country, "plan", "show"
    )
    assert "already has version 1.0" in cli.refused(country, "plan", "import", str(signed))

    # A country that lost the file, or joins late, gets the same bytes, signed once.
    again = tmp_path / "again" / "FocalPoint-plan-1.0.json"
    again.parent.mkdir()
    out = cli.ok(ts, "ts", "plan", "file", "1.0", "-o", str(again))
    assert out.strip() == f"Signed plan file written: {again}"
    assert again.read_bytes() == signed.read_bytes()
    assert "No version 1.1 of the plan was published. Published: 1.0." in cli.refused(
        ts, "ts", "plan", "file", "1.1", "-o", str(tmp_path / "nothing.json")
    )
    assert not (tmp_path / "nothing.json").exists()


def test_setup_pins_the_secretariat_key_once(cli: Cli, tmp_path: Path) -> None:
    ts = tmp_path / "ts"
    env = {"FOCALPOINT_PASSPHRASE": TS_PASSPHRASE}
    cli.ok(ts, "ts", "setup", "--name", "Secretaría Técnica", **env)
    key_file = tmp_path / "FocalPoint-Secretariat-key.json"
    cli.ok(ts, "ts", "key", "file", "-o", str(key_file), **env)
    country = tmp_path / "gt"
    broken = tmp_path / "broken.json"
    broken.write_text("{}")
    refused = cli.refused(
        country, "setup", "--country", "GT", "--name", "Lucía", "--secretariat-key", str(broken)
    )
    assert "Secretariat" in refused
    # --lang en: the workspace's own language (Guatemala's would be Spanish) is English.
    out = cli.ok(
        country,
        "setup",
        "--country",
        "GT",
        "--name",
        "Lucía",
        "--secretariat-key",
        str(key_file),
        "--lang",
        "en",
    )
    assert "now trusts Secretaría Técnica" in out
    assert "already trusts a Secretariat key" in cli.refused(
        country, "setup", "--country", "GT", "--name", "Lucía", "--secretariat-key", str(key_file)
    )
    plan = write_plan(tmp_path, {**version_1_0()})
    signed = tmp_path / "signed.json"
    cli.ok(ts, "ts", "plan", "publish", str(plan), "--version", "1.0", "-o", str(signed), **env)
    assert "updated from version 0.1 to 1.0" in cli.ok(country, "plan", "import", str(signed))
