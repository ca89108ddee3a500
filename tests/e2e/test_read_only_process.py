"""A workspace that cannot be written, as a shell sees it (issue 15): the reading commands
answer, the writing ones refuse in words with status 1, and not a byte of the folder changes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from focalpoint.domain.records import Profile
from focalpoint.services.country.workspace import Workspace
from tests.conftest import entity_id
from tests.e2e.processes import environment
from tests.read_only_folder import listing, read_only


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "focalpoint", *args],
        capture_output=True,
        text=True,
        env=environment(FOCALPOINT_LANG="en", FOCALPOINT_PASSPHRASE="correct horse battery staple"),
        input="",
        timeout=120,
    )


def test_reading_works_and_writing_is_refused_in_words(tmp_path: Path) -> None:
    folder = tmp_path / "sv"
    ws = Workspace.open(folder)
    ws.profile.save(Profile("en", "SV", "Ana Pérez"))
    from focalpoint.domain.records import EntityDraft
    from focalpoint.domain.vocab import EntityType

    ws.entities.add(EntityDraft("Consejo Nacional", "CONNA", EntityType.CHILD_PROTECTION))
    ws.assignments.set_lead("1.1.1", entity_id(ws, "CONNA"))
    ws.keys.create("correct horse battery staple")
    sent = ws.submissions.export("correct horse battery staple", include_report=False)
    ws.close()
    package = folder / "submissions" / sent.file_name
    assert package.exists()
    elsewhere = tmp_path / "out"
    elsewhere.mkdir()

    with read_only(folder):
        before = listing(folder)
        where = ("--data-dir", str(folder))
        shown = run("plan", "show", *where)
        assert shown.returncode == 0, shown.stderr
        assert "Actions with a responsible entity: 1 of 30" in shown.stdout
        history = run("history", "1.1.1", *where)
        assert history.returncode == 0, history.stderr
        assert "CONNA" in history.stdout
        entities = run("entity", "list", *where)
        assert entities.returncode == 0 and "CONNA" in entities.stdout
        report = run("report", "-o", str(elsewhere / "informe.pdf"), *where)
        assert report.returncode == 0, report.stderr
        assert (elsewhere / "informe.pdf").read_bytes().startswith(b"%PDF")
        moved = run("workspace", "export", str(elsewhere / "move.zip"), *where)
        assert moved.returncode == 0, moved.stderr  # to a new laptop, from a backup stick
        assert (elsewhere / "move.zip").stat().st_size > 0
        verified = run("verify", str(package), *where)
        assert verified.returncode == 0, verified.stderr
        assert "Traceback" not in verified.stderr

        for command in (
            ("status", "1.1.1", "completed"),
            (
                "entity",
                "add",
                "Dirección General",
                "--acronym",
                "DGME",
                "--type",
                "migration_authority",
            ),
            ("export", "--out", str(elsewhere)),
            ("assign", "1.1.2", "CONNA"),
            ("backup", "create"),
        ):
            refused = run(*command, *where)
            assert refused.returncode == 1, command
            assert "focalpoint: This workspace is read-only" in refused.stderr, command
            assert "Traceback" not in refused.stderr
        assert listing(folder) == before
