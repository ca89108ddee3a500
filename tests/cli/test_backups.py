"""``focalpoint backup …`` and ``focalpoint workspace export|import`` as a script uses them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.runner import Cli


def test_backup_create_list_restore(cli: Cli, country: Path) -> None:
    cli.ok(
        country, "entity", "add", "CONNA", "--acronym", "CONNA", "--type", "child_protection_agency"
    )
    cli.ok(country, "assign", "3.1.2", "CONNA")
    made = json.loads(cli.ok(country, "backup", "create", "--json"))
    assert made["counts"]["actions_assigned"] == 1 and made["reason"] == "on_demand"
    cli.ok(country, "assign", "1.1.1", "CONNA")

    listed = json.loads(cli.ok(country, "backup", "list", "--json"))
    assert [b["id"] for b in listed] == [made["id"]]
    text = cli.run(country, "backup", "list")
    assert made["id"] in text.out and "made on demand" in text.out
    assert "1 action assigned, 0 practices, 0 services, 0 submissions" in text.out
    assert "of 2.0 GB used" in text.err or "used, in" in text.err

    # Without --yes and no terminal to ask on, nothing is replaced.
    refused = cli.refused(country, "backup", "restore", made["id"])
    assert "--yes" in refused and "1 action assigned" in refused
    assert "2 of 30" in cli.ok(country, "plan", "show")
    assert "There is no backup nope" in cli.refused(country, "backup", "restore", "nope", "--yes")

    said = cli.ok(country, "backup", "restore", made["id"][:10], "--yes")
    assert f"Restored {made['id']}" in said and "before_restore" in said
    assert "1 of 30" in cli.ok(country, "plan", "show")
    reasons = [b["reason"] for b in json.loads(cli.ok(country, "backup", "list", "--json"))]
    assert sorted(reasons) == ["before_restore", "on_demand"]


def test_backup_folder_and_limit(cli: Cli, country: Path, tmp_path: Path) -> None:
    assert cli.ok(country, "backup", "folder").strip() == str(country / "backups")
    stick = tmp_path / "stick"
    assert "not a folder" in cli.refused(country, "backup", "folder", str(stick))
    stick.mkdir()
    assert cli.ok(country, "backup", "folder", str(stick)).strip() == str(stick)
    made = json.loads(cli.ok(country, "backup", "create", "--json"))
    assert Path(made["path"]).parent == stick
    assert cli.ok(country, "backup", "folder", "--default").strip() == str(country / "backups")
    assert cli.ok(country, "backup", "limit").strip() == "2048 MB"
    assert cli.ok(country, "backup", "limit", "500").strip() == "500 MB"
    assert "at least 50 MB" in cli.refused(country, "backup", "limit", "1")


def test_workspace_export_then_import_elsewhere(cli: Cli, country: Path, tmp_path: Path) -> None:
    cli.ok(
        country, "entity", "add", "CONNA", "--acronym", "CONNA", "--type", "child_protection_agency"
    )
    cli.ok(country, "assign", "3.1.2", "CONNA")
    file = tmp_path / "SV-workspace.zip"
    said = cli.ok(country, "workspace", "export", str(file))
    assert "Written:" in said and file.is_file()

    laptop = tmp_path / "laptop"
    made = json.loads(cli.ok(laptop, "workspace", "import", str(file), "--json"))
    assert made["contents"]["counts"]["actions_assigned"] == 1 and made["replaced"] is None
    assert "1 of 30" in cli.ok(laptop, "plan", "show")
    assert "--replace" in cli.refused(laptop, "workspace", "import", str(file))
    replaced = json.loads(cli.ok(laptop, "workspace", "import", str(file), "--replace", "--json"))
    assert replaced["replaced"]["reason"] == "before_restore"
    assert "does not exist" in cli.refused(tmp_path / "a" / "b", "workspace", "import", str(file))
    assert not (tmp_path / "a").exists()
    garbage = tmp_path / "garbage.zip"
    garbage.write_bytes(b"PK\x03\x04 not really")
    assert "not a usable FocalPoint workspace file" in cli.refused(
        tmp_path / "other", "workspace", "import", str(garbage)
    )
    assert not (tmp_path / "other").exists()
    spanish = cli.refused(tmp_path / "otra", "workspace", "import", str(garbage), lang="es")
    assert spanish.startswith("focalpoint")


def test_an_import_backs_up_first_and_says_so_when_it_cannot(
    cli: Cli, country: Path, tmp_path: Path
) -> None:
    from tests.plan_files import signed_plan_for
    from tests.services.test_plan_import import next_version

    plan = signed_plan_for(country, tmp_path / "plan-1.0.json", next_version())
    stick = tmp_path / "stick"
    stick.mkdir()
    cli.ok(country, "backup", "folder", str(stick))
    stick.rmdir()  # the USB stick pulled out
    done = cli.run(country, "plan", "import", str(plan))
    assert done.code == 0 and "updated from version 0.1 to 1.0" in done.out
    assert "focalpoint: warning: No backup could be made before this change" in done.err
    assert not stick.exists()  # never made again on the laptop's own disk

    cli.ok(country, "backup", "folder", "--default")
    signed_plan_for(
        country, plan, {**next_version(), "plan": {**next_version()["plan"], "version": "1.1"}}
    )
    cli.run(country, "plan", "import", str(plan))
    reasons = [b["reason"] for b in json.loads(cli.ok(country, "backup", "list", "--json"))]
    assert reasons == ["plan_import"]


def test_an_import_refused_keeps_no_backup_and_pushes_none_out(
    cli: Cli, country: Path, tmp_path: Path
) -> None:
    from tests.plan_files import signed_plan_for
    from tests.services.test_plan_import import next_version

    older = tmp_path / "plan-0.0.json"  # older than the installed 0.1: refused inside the change
    signed_plan_for(
        country, older, {**next_version(), "plan": {**next_version()["plan"], "version": "0.0"}}
    )
    cli.ok(country, "backup", "create")
    before = json.loads(cli.ok(country, "backup", "list", "--json"))
    refused = cli.run(country, "plan", "import", str(older))
    assert refused.code != 0 and "Nothing was changed" in refused.err
    assert json.loads(cli.ok(country, "backup", "list", "--json")) == before


def saved_twice(cli: Cli, country: Path, tmp_path: Path) -> tuple[str, Path]:
    """One action assigned, then a backup (its id) and a workspace file (its path)."""
    cli.ok(
        country, "entity", "add", "CONNA", "--acronym", "CONNA", "--type", "child_protection_agency"
    )
    cli.ok(country, "assign", "3.1.2", "CONNA")
    made = json.loads(cli.ok(country, "backup", "create", "--json"))
    moved = tmp_path / "todo.zip"
    cli.ok(country, "workspace", "export", str(moved))
    return str(made["id"]), moved


def test_a_damaged_workspace_is_brought_back_from_a_backup_or_a_workspace_file(
    cli: Cli, country: Path, tmp_path: Path
) -> None:
    backup_id, moved = saved_twice(cli, country, tmp_path)
    damaged = b"\x00not a database\x00" * 300
    (country / "focalpoint.db").write_bytes(damaged)

    # Other commands are refused in words; the backups in its folder are still listed.
    assert "damaged" in cli.refused(country, "plan", "show")
    listed = cli.run(country, "backup", "list")
    assert listed.code == 0 and backup_id in listed.out and "damaged" in listed.err
    # Asked, not answered: the damaged file stays where it is.
    assert "--yes" in cli.refused(country, "backup", "restore", backup_id)
    assert (country / "focalpoint.db").read_bytes() == damaged

    said = cli.run(country, "backup", "restore", backup_id, "--yes")
    assert said.code == 0 and f"Restored {backup_id}" in said.out
    [aside] = country.glob("focalpoint-damaged-*.db")
    assert aside.read_bytes() == damaged and str(aside) in said.err  # set aside, not deleted
    assert "1 of 30" in cli.ok(country, "plan", "show")

    # Damaged again: a workspace file takes its place only with --replace, and only a sound one.
    (country / "focalpoint.db").write_bytes(damaged)
    assert "--replace" in cli.refused(country, "workspace", "import", str(moved))
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04 cut short")
    assert "Nothing was changed" in cli.refused(
        country, "workspace", "import", str(junk), "--replace"
    )
    assert (country / "focalpoint.db").read_bytes() == damaged
    cli.ok(country, "workspace", "import", str(moved), "--replace")
    assert "1 of 30" in cli.ok(country, "plan", "show")
    assert len(list(country.glob("focalpoint-damaged-*.db"))) == 2


def test_a_workspace_that_lost_its_database_takes_a_backup_or_a_workspace_file(
    cli: Cli, country: Path, tmp_path: Path
) -> None:
    (country / "attachments").mkdir(exist_ok=True)
    (country / "attachments" / "evidence").write_bytes(b"kept")  # its work, still there
    backup_id, moved = saved_twice(cli, country, tmp_path)

    (country / "focalpoint.db").unlink()
    assert "backup list" in cli.refused(country, "plan", "show")
    said = cli.run(country, "backup", "restore", backup_id, "--yes")
    assert said.code == 0 and "Traceback" not in said.err, said.err
    assert "1 of 30" in cli.ok(country, "plan", "show")

    (country / "focalpoint.db").unlink()
    cli.ok(country, "workspace", "import", str(moved), "--replace")
    assert "1 of 30" in cli.ok(country, "plan", "show")
