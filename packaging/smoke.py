"""Try the frozen FocalPoint as a user would, offscreen, without a network; stops at the first
failure with what went wrong (exit 1).

    .venv/bin/python packaging/smoke.py dist/FocalPoint

Every step runs the frozen program itself (never this checkout's Python) in a fresh temporary
workspace, with a clean environment (HOME in the temporary folder, no PYTHONPATH) and, where
``unshare -rn`` works, in a namespace without a network: a call out would fail there. The
steps: the version; a country set up, its plan shown, a key made, a package exported and
verified; the country report as a PDF with pages; a workspace of the first schema upgraded
with its records and a copy kept; Spanish and French output; a Secretariat
workspace that registers the key, receives the package and accepts it (SQLModel, Alembic and
the regional matrix, frozen), also two countries at once in a helper process; the country's
window opened on the package, and the Secretariat's receiving another, each quitting once the
package is shown; on Linux, the release archive installed and uninstalled for a user.
"""

from __future__ import annotations

import argparse
import gettext
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "una frase de paso larga para la prueba"
TIMEOUT = 120


# A workspace as the first schema revision wrote it: one entity, the lead of action 1.1.1.
OLDEST_WORKSPACE = """
import sqlite3, sys
from pathlib import Path
from focalpoint.storage.country import migrate
path = Path(sys.argv[1]) / "focalpoint.db"
migrate.upgrade(path, migrate.script_revisions()[0])
stamp = "2026-01-01T00:00:00+00:00"
with sqlite3.connect(path) as db:
    db.execute("INSERT INTO entity (id, name, acronym, type, created_at, updated_at) VALUES"
               " ('e1', 'Consejo Nacional de la Niñez', 'CONNA', 'child_protection_agency', ?, ?)",
               (stamp, stamp))
    db.execute("INSERT INTO assignment (action_code, id, lead_id, status, note, updated_at,"
               " updated_by) VALUES ('1.1.1', 'a1', 'e1', 'in_progress', 'nota', ?, 'Ana')",
               (stamp,))
    db.execute("INSERT INTO setting (key, value) VALUES ('country', 'SV')")
db.close()
"""


class Failed(Exception):
    """A step did not give what a user would expect."""


class Frozen:
    """The frozen program, run in a clean environment, without a network where possible."""

    def __init__(self, folder: Path, scratch: Path) -> None:
        self.folder = folder
        self.program = program_in(folder)
        self.scratch = scratch
        self.isolate = no_network_prefix()

    def environment(self, extra: dict[str, str]) -> dict[str, str]:
        home = self.scratch / "home"
        env = {
            "HOME": str(home),
            "USERPROFILE": str(home),
            "XDG_DATA_HOME": str(home / "share"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_RUNTIME_DIR": str(home / "runtime"),
            "TMPDIR": str(self.scratch / "tmp"),
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
            "FOCALPOINT_LANG": "en",
            "FOCALPOINT_PASSPHRASE": PASSPHRASE,
        }
        for name in ("SYSTEMROOT", "WINDIR", "TEMP", "TMP"):  # Windows needs these to start
            if name in os.environ:
                env[name] = os.environ[name]
        for folder in ("home/runtime", "tmp"):
            (self.scratch / folder).mkdir(parents=True, exist_ok=True, mode=0o700)
        env.update(extra)
        return env

    def __call__(
        self, *args: str, env: dict[str, str] | None = None, expect: int = 0, timeout: int = TIMEOUT
    ) -> str:
        """Run with ``args``; the standard output, or :class:`Failed` if the exit status is not
        ``expect`` or a traceback shows."""
        command = [*self.isolate, str(self.program), *args]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                encoding="utf-8",
                env=self.environment(env or {}),
                cwd=self.scratch,
                stdin=subprocess.DEVNULL,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired as late:
            raise Failed(f"`{shown(args)}` did not end within {timeout} s") from late
        if done.returncode != expect or "Traceback" in done.stderr:
            raise Failed(
                f"`{shown(args)}` exited with {done.returncode} (expected {expect}).\n"
                f"--- stdout\n{done.stdout[-3000:]}\n--- stderr\n{done.stderr[-3000:]}"
            )
        return done.stdout

    def watching_children(self, *args: str) -> tuple[str, int]:
        """Run as :meth:`__call__` does; also count the helper processes it starts."""
        command = [*self.isolate, str(self.program), *args]
        forks: set[int] = set()
        with subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=self.environment({}),
            cwd=self.scratch,
            stdin=subprocess.DEVNULL,
        ) as process:
            began = time.monotonic()
            while process.poll() is None and time.monotonic() - began < TIMEOUT:
                for child in descendants(process.pid):
                    try:
                        line = Path(f"/proc/{child}/cmdline").read_bytes()
                    except OSError:
                        continue
                    if b"--multiprocessing-fork" in line:
                        forks.add(child)
                time.sleep(0.02)
            if process.poll() is None:
                process.kill()
                raise Failed(f"`{shown(args)}` did not end within {TIMEOUT} s")
            out, err = process.communicate()
        if process.returncode != 0 or "Traceback" in err:
            raise Failed(
                f"`{shown(args)}` exited with {process.returncode}.\n"
                f"--- stdout\n{out[-3000:]}\n--- stderr\n{err[-3000:]}"
            )
        return out, len(forks)


def add_evidence(folder: Path, megabytes: int = 10) -> int:
    """Practices and ``megabytes`` of evidence files in a country's workspace, written by this
    checkout's store (the command line cannot attach files): enough for helper processes."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from focalpoint.domain.records import EntityDraft
    from focalpoint.domain.vocab import EntityType
    from focalpoint.services.country.workspace import Workspace
    from submission_probe import attach
    from synthetic import add_practices

    ws = Workspace.open(folder)
    try:
        for n in range(4):
            ws.entities.add(EntityDraft(f"Entidad {n}", f"EN{n}", EntityType.MINISTRY))
        add_practices(ws, 5)
        with ws.db.transaction() as conn:  # the fixture's evidence is named only: real files
            conn.execute("DELETE FROM attachment")
        attach(ws, megabytes)
    finally:
        ws.close()
    return megabytes


def descendants(pid: int) -> set[int]:
    """Every process under ``pid`` (Linux's /proc), for a count of the helpers started."""
    found: set[int] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                if child not in found:
                    found.add(child)
                    todo.append(child)
    return found


def pages_differing(first: Path, second: Path) -> list[int]:
    """The pages (from 1) that render differently; a page count apart counts as all."""
    import pypdfium2

    one, two = pypdfium2.PdfDocument(first), pypdfium2.PdfDocument(second)
    try:
        if len(one) != len(two):
            return list(range(1, max(len(one), len(two)) + 1))
        return [
            n + 1
            for n in range(len(one))
            if one[n].render(scale=0.5).to_pil().tobytes()
            != two[n].render(scale=0.5).to_pil().tobytes()
        ]
    finally:
        one.close()
        two.close()


def shown(args: tuple[str, ...] | list[str]) -> str:
    return "focalpoint " + " ".join(args)


def program_in(folder: Path) -> Path:
    """The executable to run: the console one on Windows, the bundle's on macOS."""
    for name in ("focalpoint-cli.exe", "focalpoint", "Contents/MacOS/FocalPoint", "FocalPoint"):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise SystemExit(f"smoke.py: no FocalPoint program in {folder}: build it first")


def no_network_prefix() -> list[str]:
    """``unshare -rn`` (a user namespace with only a loopback that is down), if it works here."""
    unshare = shutil.which("unshare")
    if unshare is not None:
        trial = subprocess.run([unshare, "-rn", "true"], capture_output=True, check=False)
        if trial.returncode == 0:
            return [unshare, "-rn"]
    print("note: `unshare -rn` is not available here: the steps run with the network on")
    return []


def expect_in(text: str, wanted: str, what: str) -> None:
    if wanted not in text:
        raise Failed(f"{what}: {wanted!r} not in the output:\n{text[-2000:]}")


def translated(message: str, language: str) -> str:
    """``message`` in ``language`` from this checkout's catalogue, as the frozen app shows it."""
    locale = ROOT / "src" / "focalpoint" / "locale"
    return gettext.translation("focalpoint", localedir=locale, languages=[language]).gettext(
        message
    )


class Smoke:
    def __init__(self, frozen: Frozen) -> None:
        self.run = frozen
        self.country = frozen.scratch / "country"
        self.secretariat = frozen.scratch / "secretariat"
        self.outbox = frozen.scratch / "outbox"
        self.package: Path | None = None

    def version(self) -> str:
        wanted = version("focalpoint")
        out = self.run("--version").strip()
        if out != f"FocalPoint {wanted}":
            raise Failed(f"--version says {out!r}; the package metadata says {wanted}")
        info = sorted(self.run.folder.rglob("focalpoint/resources/build.json"))
        if not info:
            raise Failed("no build.json in the frozen folder: packaging/build.py writes it")
        return f"{out}, built {json.loads(info[0].read_text(encoding='utf-8'))}"

    def setup(self) -> str:
        out = self.run(
            "setup", "--country", "GT", "--name", "Ana Pérez", "--data-dir", str(self.country)
        )
        if not (self.country / "focalpoint.db").exists():
            raise Failed(f"setup made no workspace database:\n{out}")
        return out.strip().splitlines()[0]

    def plan(self) -> str:
        out = self.run("plan", "show", "--data-dir", str(self.country))
        expect_in(out, "RCM-NNA-2017-2022", "plan show")
        expect_in(out, "Actions with a responsible entity: 0 of 30", "plan show")
        return f"{len(out.splitlines())} lines, 30 actions"

    def export(self) -> str:
        self.run("key", "create", "--data-dir", str(self.country))
        self.outbox.mkdir()
        out = self.run("export", "--data-dir", str(self.country), "--out", str(self.outbox))
        packages = sorted(self.outbox.glob("FocalPoint-GT-*.zip"))
        if len(packages) != 1:
            raise Failed(f"export left {len(packages)} packages in the folder:\n{out}")
        self.package = packages[0]
        return f"{self.package.name}, {self.package.stat().st_size // 1024} KB"

    def verify(self) -> str:
        assert self.package is not None
        out = self.run("verify", "--data-dir", str(self.country), str(self.package))
        expect_in(out, "Valid: submission 1 from GT", "verify")
        expect_in(out, "files intact", "verify")
        return out.strip().splitlines()[0]

    def report(self) -> str:
        from pypdf import PdfReader

        target = self.run.scratch / "report.pdf"
        self.run("report", "--data-dir", str(self.country), "-o", str(target), "--lang", "en")
        if not target.exists() or not target.read_bytes().startswith(b"%PDF-"):
            raise Failed(f"report: {target} is not a PDF")
        reader = PdfReader(target)
        text = reader.pages[0].extract_text()
        if len(reader.pages) < 2 or "Guatemala" not in text:
            raise Failed(f"report: {len(reader.pages)} pages, first reads {text[:300]!r}")
        # The same report from source: every page must look the same (fonts, data, layout).
        from_source = self.run.scratch / "report-from-source.pdf"
        source_args = ["report", "--data-dir", str(self.country), "-o", str(from_source)]
        subprocess.run(
            [sys.executable, "-m", "focalpoint", *source_args, "--lang", "en"],
            capture_output=True,
            check=True,
            env={**os.environ, "FOCALPOINT_LANG": "en", "QT_QPA_PLATFORM": "offscreen"},
        )
        differing = pages_differing(target, from_source)
        if differing:
            raise Failed(f"report: pages {differing} differ from the same report made from source")
        return f"{len(reader.pages)} pages, {target.stat().st_size // 1024} KB, as from source"

    def languages(self) -> str:
        said = []
        for language in ("es", "fr"):
            out = self.run("plan", "show", "--lang", language, "--data-dir", str(self.country))
            line = translated("Actions with a responsible entity: {assigned} of {total}", language)
            expected = line.format(assigned=0, total=30)
            if expected == "Actions with a responsible entity: 0 of 30":
                raise Failed(f"the {language} catalogue of this checkout has no translation")
            expect_in(out, expected, f"plan show --lang {language}")
            said.append(expected)
        # Qt's own strings (dialog buttons) come from Qt's catalogues, shipped beside Qt.
        for language in ("es", "fr"):
            if not list(self.run.folder.rglob(f"translations/qtbase_{language}.qm")):
                raise Failed(f"Qt's catalogue qtbase_{language}.qm is not in the frozen folder")
        return " | ".join(said)

    def upgrade(self) -> str:
        """A workspace written by the first release: every record kept, a copy taken first."""
        old = self.run.scratch / "first-release"
        old.mkdir()
        # The first schema and what it could hold, written by this checkout's Alembic.
        subprocess.run([sys.executable, "-c", OLDEST_WORKSPACE, str(old)], check=True)
        listed = self.run("entity", "list", "--data-dir", str(old))
        expect_in(listed, "Consejo Nacional de la Niñez (CONNA)", "entity list after upgrade")
        shown = self.run("plan", "show", "--data-dir", str(old))
        expect_in(shown, "Actions with a responsible entity: 1 of 30", "plan show after upgrade")
        copies = sorted((old / "backups").glob("focalpoint-*-before-*.db"))
        if len(copies) != 1:
            raise Failed(f"upgrade: {len(copies)} copies of the old database in backups/")
        return f"entity and assignment kept; copy {copies[0].name}"

    def register(self, country: Path, code: str) -> None:
        """The country's key registered with the Secretariat, as read out over the phone."""
        pem = self.run.scratch / f"{code}.pem"
        self.run("key", "export", "-o", str(pem), "--data-dir", str(country))
        shown_key = self.run("key", "show", "--data-dir", str(country))
        found = re.search(r"\b[A-Z0-9]{4}(?:-[A-Z0-9]{4}){3}\b", shown_key)
        if found is None:
            raise Failed(f"key show gave no fingerprint:\n{shown_key}")
        self.run(
            "ts", "key", "register", str(pem), "--country", code,
            "--fingerprint", found.group(0), "--data-dir", str(self.secretariat),
        )  # fmt: skip

    def receive(self, *packages: Path) -> list[str]:
        """The ids the Secretariat gives the packages it receives."""
        args = ["ts", "receive", "--json", *map(str, packages), "--data-dir", str(self.secretariat)]
        received = json.loads(self.run(*args))
        if [entry["outcome"] for entry in received] != ["received"] * len(packages):
            raise Failed(f"ts receive: {received}")
        return [str(entry["id"]) for entry in received]

    def secretariat_accepts(self) -> str:
        assert self.package is not None
        workspace = ["--data-dir", str(self.secretariat)]
        self.run("ts", "setup", "--name", "Technical Secretariat", *workspace)
        self.register(self.country, "GT")
        out = self.run("ts", "accept", *self.receive(self.package), *workspace)
        expect_in(out, "accepted into the regional store", "ts accept")
        matrix = self.run.scratch / "matrix.xlsx"
        self.run("ts", "matrix", "--xlsx", str(matrix), *workspace)
        if not matrix.exists() or not matrix.read_bytes().startswith(b"PK"):
            raise Failed("ts matrix wrote no spreadsheet")
        return out.strip().splitlines()[0] + f"; matrix {matrix.stat().st_size // 1024} KB"

    def helpers(self) -> str:
        """Two countries' large packages accepted at once: the Secretariat starts helper
        processes with ``spawn``, which a frozen program must answer as itself."""
        packages = []
        for code in ("SV", "HN"):
            folder = self.run.scratch / code
            self.run("setup", "--country", code, "--name", "Focal point", "--data-dir", str(folder))
            evidence_mb = add_evidence(folder)
            self.run("key", "create", "--data-dir", str(folder))
            out = self.run(
                "export", "--no-report", "--data-dir", str(folder), "--out", str(self.outbox)
            )
            packages += sorted(self.outbox.glob(f"FocalPoint-{code}-*.zip"))
            if not packages or not packages[-1].name.startswith(f"FocalPoint-{code}"):
                raise Failed(f"export for {code} left no package:\n{out}")
            self.register(folder, code)
        ids = self.receive(*packages)
        out, forks = self.run.watching_children(
            "ts", "accept", *ids, "--data-dir", str(self.secretariat)
        )
        for code in ("SV", "HN"):
            expect_in(out, f"Submission 1 of {code} accepted", "ts accept (two countries)")
        if forks == 0 and (os.cpu_count() or 1) > 1 and sys.platform.startswith("linux"):
            raise Failed(f"{evidence_mb * 2} MB from two countries, yet no helper process")
        return f"{evidence_mb} MB of evidence each; {forks} helper process(es) started"

    def opened(self, package: Path, workspace: Path) -> str:
        """``focalpoint PACKAGE`` on ``workspace``: the window quits once the package is shown,
        and its log says how it was shown."""
        log = workspace / "focalpoint.log"
        before = log.read_text(encoding="utf-8") if log.exists() else ""
        self.run(
            str(package),
            "--data-dir",
            str(workspace),
            env={"FOCALPOINT_EXIT_WHEN_READY": "1"},
            timeout=90,
        )
        written = log.read_text(encoding="utf-8")[len(before) :] if log.exists() else ""
        shown_lines = [line for line in written.splitlines() if "Shown at start:" in line]
        if not shown_lines:
            raise Failed(f"the window quit without saying in {log} what it showed:\n{written}")
        return shown_lines[-1].split("Shown at start:", 1)[-1].strip()

    def window(self) -> str:
        assert self.package is not None
        said = self.opened(self.package, self.country)
        expect_in(said, "valid, submission 1 from GT", "the country's window")
        return said

    def secretariat_window(self) -> str:
        """The Secretariat's window receives a new package given on the command line."""
        later = self.run.scratch / "later"
        later.mkdir()
        self.run("export", "--no-report", "--data-dir", str(self.country), "--out", str(later))
        packages = sorted(later.glob("FocalPoint-GT-002-*.zip"))
        if not packages:
            raise Failed("the second export left no FocalPoint-GT-002 package")
        said = self.opened(packages[0], self.secretariat)
        expect_in(said, "submission 2 from GT", "the Secretariat's window")
        inbox = json.loads(
            self.run(
                "ts", "inbox", "--json", "--country", "GT", "--data-dir", str(self.secretariat)
            )
        )
        if 2 not in [entry["sequence"] for entry in inbox]:
            raise Failed(f"the window did not receive submission 2: {inbox}")
        return said


def installed_from_archive(folder: Path, scratch: Path) -> str:
    """The Linux release archive beside the folder, installed for a user by its install.sh: the
    installed command runs, and uninstall.sh removes it."""
    archives = sorted(folder.parent.glob(f"FocalPoint-{version('focalpoint')}-linux-*.tar.gz"))
    if not sys.platform.startswith("linux") or not archives:
        return "skipped: no Linux archive beside the folder"
    unpacked = scratch / "archive"
    with tarfile.open(archives[-1]) as archive:
        archive.extractall(unpacked, filter="tar")
    top = unpacked / f"FocalPoint-{version('focalpoint')}"
    home = scratch / "installed-home"
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    for script in ("install.sh", "uninstall.sh"):
        if not (top / script).exists():
            raise Failed(f"the archive {archives[-1].name} has no {script}")
    done = subprocess.run(
        ["sh", str(top / "install.sh")], capture_output=True, text=True, env=env, check=False
    )
    command = home / ".local" / "bin" / "focalpoint"
    if done.returncode != 0 or not command.exists():
        raise Failed(f"install.sh failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    said = subprocess.run(
        [str(command), "--version"],
        capture_output=True,
        text=True,
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    ).stdout.strip()
    if said != f"FocalPoint {version('focalpoint')}":
        raise Failed(f"the installed focalpoint --version says {said!r}")
    removed = subprocess.run(
        ["sh", str(home / ".local" / "opt" / "FocalPoint" / "uninstall.sh")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if removed.returncode != 0 or command.exists():
        raise Failed(f"uninstall.sh failed ({removed.returncode}):\n{removed.stderr}")
    return f"{archives[-1].name}: installed, {said}, uninstalled"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="the frozen folder, e.g. dist/FocalPoint")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="focalpoint-smoke-") as scratch:
        smoke = Smoke(Frozen(args.folder.resolve(), Path(scratch)))
        steps: list[tuple[str, Callable[[], str]]] = [
            ("version", smoke.version),
            ("country set up", smoke.setup),
            ("plan shown", smoke.plan),
            ("key made, package exported", smoke.export),
            ("package verified", smoke.verify),
            ("country report (PDF)", smoke.report),
            ("a first release's workspace upgraded", smoke.upgrade),
            ("Spanish and French", smoke.languages),
            ("Secretariat receives and accepts", smoke.secretariat_accepts),
            ("Secretariat accepts two countries in helper processes", smoke.helpers),
            ("country's window opens the package", smoke.window),
            ("Secretariat's window receives a package", smoke.secretariat_window),
            (
                "Linux archive installs and uninstalls",
                lambda: installed_from_archive(args.folder.resolve(), Path(scratch)),
            ),
        ]
        if smoke.run.isolate:
            print("every step runs under `unshare -rn`: no network")
        for name, step in steps:
            began = time.perf_counter()
            try:
                said = step()
            except Failed as failure:
                print(f"FAILED  {name}: {failure}", file=sys.stderr)
                return 1
            print(f"ok  {name} ({time.perf_counter() - began:.1f} s): {said}", flush=True)
    print(f"smoke test passed in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
