"""Screenshots of every window and dialog, over a throw-away workspace, in one language and scale.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py OUTDIR [--lang es] [--scale 2]

Writes OUTDIR/NN-name.png for the country window (each tab), its dialogs and the send wizard's
pages, the first-run dialogs, and the Secretariat's window (each tab) and dialogs. ``--scale 2``
is what QT_SCALE_FACTOR=2 gives (text and all at 200%); ``--text 2`` doubles the font alone, as
QT_FONT_DPI=192 does on a desktop. On the offscreen platform the screen is 1366×768 at 100% and
1600×1000 at 200% (``--screen WxH`` names another). A widget larger than the screen, or with a
button out of its visible area, is listed at the end (and the exit status is 1).

The README's pictures (docs/screenshot-*.png) are taken from these files.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

COUNTRY_PASSPHRASE = "una frase de paso para capturas"
SECRETARIAT_PASSPHRASE = "la frase de paso de la secretaría"


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--lang", default="es")
    parser.add_argument("--scale", type=float, default=1.0, help="as QT_SCALE_FACTOR")
    parser.add_argument("--text", type=float, default=1.0, help="the font alone, times this")
    parser.add_argument("--screen", default="", help="WIDTHxHEIGHT of the offscreen screen")
    return parser.parse_args(argv)


def configure_qt(args: argparse.Namespace, folder: Path) -> None:
    """What Qt reads when the application starts: the scale, and the offscreen screen's size."""
    if args.scale != 1:
        os.environ["QT_SCALE_FACTOR"] = f"{args.scale:g}"
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform.split(":")[0] != "offscreen":
        return  # a real display: its own screen
    screen = args.screen or ("1366x768" if args.scale < 1.5 else "1600x1000")
    width, height = (int(n) for n in screen.lower().split("x"))
    config = folder / "screen.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "screen",
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": height,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


# ----- the workspaces ------------------------------------------------------------------------


def country_workspace(folder: Path, lang: str, code: str = "SV") -> Any:
    """A country with entities, leads, progress, a practice, services and a signing key."""
    from focalpoint.domain.directory import Organisation, Service
    from focalpoint.domain.practices import Practice
    from focalpoint.domain.records import EntityDraft, Profile
    from focalpoint.domain.vocab import EntityType
    from focalpoint.services.country.workspace import Workspace

    ws = Workspace.open(folder)
    ws.profile.save(
        Profile(
            language=lang,
            country=code,
            name="Ana Pérez",
            institution="Ministerio de Relaciones Exteriores",
        )
    )
    entities = [
        ("Consejo Nacional de la Niñez y de la Adolescencia", "CONNA", EntityType.CHILD_PROTECTION),
        ("Dirección General de Migración y Extranjería", "DGME", EntityType.MIGRATION),
        ("Ministerio de Relaciones Exteriores", "MRREE", EntityType.MINISTRY),
    ]
    made = [ws.entities.add(EntityDraft(name, acronym, kind)) for name, acronym, kind in entities]
    codes = ws.plan.overview().document.action_codes()[:12]
    for n, action in enumerate(codes):
        ws.assignments.set_lead(action, made[n % len(made)].id)
        if n % 3 == 0:
            ws.assignments.set_status(action, "in_progress")
    ws.assignments.set_note(codes[0], "Mesa interinstitucional reunida en marzo; acta en trámite.")
    ws.practices.save(
        Practice(
            title="Red consular de atención a niñez migrante no acompañada",
            action_codes=tuple(codes[:2]),
        )
    )
    org = ws.directory.save_organisation(
        Organisation(name="Consejo Nacional de la Niñez y de la Adolescencia", acronym="CONNA")
    )
    if code == "SV":  # places in El Salvador, on its map
        ws.directory.save_service(
            Service(
                org.id,
                "Albergue temporal para niñez retornada",
                "shelter",
                subdivision="SV-SS",
                municipality="San Salvador",
                latitude=13.69,
                longitude=-89.21,
            )
        )
        ws.directory.save_service(
            Service(
                org.id,
                "Línea de atención 123",
                "helpline",
                subdivision="SV-LI",
                latitude=13.67,
                longitude=-89.29,
            )
        )
    ws.directory.save_service(Service(org.id, "Asesoría jurídica gratuita", "legal_aid"))
    if code == "SV":
        add_network(ws, org.id)
    ws.proposals.add(
        codes[0],
        "Fortalecer los mecanismos de coordinación consular para la protección de la niñez "
        "migrante no acompañada, en armonía con la Cumbre Mundial en favor de la Infancia.",
        "La redacción actual no menciona la coordinación consular acordada en la reunión de 2017.",
        "es",
    )
    ws.keys.create(COUNTRY_PASSPHRASE)
    return ws


def add_network(ws: Any, org_id: str) -> None:
    """Services of every type across the country (the same ones at every run), as a directory
    being filled looks: the map and its legend show what they are for."""
    import random

    from focalpoint.domain.directory import Service
    from focalpoint.services.common import geography
    from focalpoint.services.common.vocabularies import vocabularies

    shape = geography.country_shape("SV")
    assert shape is not None
    west, south, east, north = shape.bbox
    types = vocabularies().service_type.codes
    rng = random.Random(2017)
    made = 0
    while made < 3 * len(types):
        lon, lat = rng.uniform(west, east), rng.uniform(south, north)
        if not shape.contains(lon, lat, tolerance_deg=0.0):
            continue
        kind = types[made % len(types)]
        ws.directory.save_service(
            Service(org_id, f"Servicio {made + 1:02d}", kind, latitude=lat, longitude=lon)
        )
        made += 1


def publish_a_version(secretariat: Any, tmp: Path) -> tuple[Path, Path]:
    """Version 1.0 of the bundled plan, signed by the Secretariat, with one action renamed and
    one moved (what a country sees before taking it in); and 1.1's source, one more renamed
    (what the Secretariat sees before signing it)."""
    from focalpoint.paths import BUNDLED_PLAN

    def edited(version: str, renamed: list[str], moved: bool) -> Path:
        data = json.loads(BUNDLED_PLAN.read_text(encoding="utf-8"))
        data["plan"].update(version=version, provisional=False)
        first, second = data["axes"][0]["objectives"][:2]
        for action in first["actions"]:
            if action["code"] in renamed:
                action["title"]["es"] += " y su seguimiento consular"
        if moved:
            action = first["actions"].pop()
            second["actions"].append(
                {
                    **action,
                    "code": f"1.2.{len(second['actions']) + 1}",
                    "formerly": [action["code"]],
                }
            )
        path = tmp / f"plan-{version}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path

    signed = tmp / "FocalPoint-plan-1.0.json"
    secretariat.plan_versions.publish(
        edited("1.0", ["1.1.1"], True), "1.0", signed, SECRETARIAT_PASSPHRASE
    )
    return edited("1.1", ["1.1.1", "1.1.2"], True), signed


def package_of(ws: Any) -> Path:
    row = ws.submissions.export(COUNTRY_PASSPHRASE, include_report=False)
    return Path(ws.submissions.kept_file(row))


# ----- taking pictures -----------------------------------------------------------------------


class Camera:
    """Saves numbered pictures and notes what does not fit the screen."""

    def __init__(self, outdir: Path) -> None:
        self.outdir = outdir
        self.count = 0
        self.problems: list[str] = []

    def settle(self, ms: int = 150) -> None:
        from PySide6.QtTest import QTest

        QTest.qWait(ms)

    def wait(self, until: Callable[[], bool], timeout_ms: int = 30_000) -> None:
        from PySide6.QtTest import QTest

        waited = 0
        while not until() and waited < timeout_ms:
            QTest.qWait(50)
            waited += 50

    def answer_message_boxes(self) -> None:
        from PySide6.QtWidgets import QApplication, QMessageBox

        for box in QApplication.topLevelWidgets():
            if isinstance(box, QMessageBox) and box.isVisible():
                self.shoot(box, "message")
                self.problems.append(f"unexpected message: {box.text()}")
                box.reject()

    def shoot(self, widget: Any, name: str) -> None:
        from focalpoint.ui.widgets.screen_fit import out_of_reach

        if not widget.isVisible():
            widget.show()
        self.settle()
        self.count += 1
        path = self.outdir / f"{self.count:02d}-{name}.png"
        widget.window().grab().save(str(path))
        for problem in out_of_reach(widget.window()):
            self.problems.append(f"{path.name}: {problem}")
        print(path)


def shoot_country(
    camera: Camera, ws: Any, secretariat_key: Path, tasks: Any, plan_file: Path | None
) -> None:
    from PySide6.QtWidgets import QWizard

    from focalpoint.app import Application
    from focalpoint.i18n import _
    from focalpoint.ui.country.directory.organisation_form import OrganisationForm
    from focalpoint.ui.country.directory.service_form import ServiceForm
    from focalpoint.ui.country.entities.entity_form import EntityForm
    from focalpoint.ui.country.setup_dialog import SetupDialog
    from focalpoint.ui.country.submissions.secretariat_dialog import TrustSecretariatDialog
    from focalpoint.ui.country.submissions.submission_details import SubmissionDetails
    from focalpoint.ui.country.submissions.verify_dialog import VerifyDialog
    from focalpoint.ui.widgets.passphrase import PassphraseDialog

    app = Application(ws, tasks)
    window = app.show()
    loaded: list[bool] = []
    window.plan_loaded.connect(lambda: loaded.append(True))
    camera.wait(lambda: bool(loaded))
    codes = ws.plan.overview().document.action_codes()
    camera.shoot(window, "country-plan")
    window.workbench.select_action(codes[0])
    camera.shoot(window, "country-plan-action")
    window.tabs.setCurrentIndex(1)
    camera.shoot(window, "country-practices")
    window.tabs.setCurrentIndex(2)
    camera.settle(800)  # the map
    camera.shoot(window, "country-services")
    window.tabs.setCurrentIndex(0)

    def dialog(make: Callable[[], Any], name: str) -> Any:
        shown = make()
        shown.show()
        camera.shoot(shown, name)
        return shown

    entities = dialog(window.open_directory, "entity-directory")
    entities.hide()
    first = ws.entities.resolve("CONNA")
    dialog(lambda: EntityForm(ws.entities, first, window), "entity-form").hide()

    from focalpoint.ui.country.practices.practice_dialog import PracticeDialog

    form = PracticeDialog(ws, ws.practices.get(ws.practices.summaries()[0].id), window)
    for index in range(form.tabs.count()):
        form.tabs.setCurrentIndex(index)
        camera.shoot(form, f"practice-tab{index + 1}")
    form.hide()

    services = ws.directory.services()
    dialog(lambda: ServiceForm(ws, services[0], window), "service-form").hide()
    from focalpoint.ui.country.directory.organisations_dialog import OrganisationsDialog

    dialog(lambda: OrganisationsDialog(ws.directory, window), "organisations").hide()
    org = ws.directory.organisations()[0]
    dialog(lambda: OrganisationForm(ws.directory, org, window), "organisation-form").hide()

    report = window.open_report()
    camera.settle(500)  # its preview
    camera.shoot(report, "report")
    report.hide()

    key = dialog(window.open_key, "key")
    key.hide()
    dialog(
        lambda: PassphraseDialog(
            _("Change the passphrase"),
            _(
                "The key stays the same, so the Secretariat does not need to register anything "
                "again."
            ),
            _("Change passphrase"),
            lambda _old, _new: None,
            tasks,
            old=True,
            parent=window,
        ),
        "passphrase",
    ).hide()

    trust = dialog(lambda: TrustSecretariatDialog(ws, window, secretariat_key), "trust-secretariat")
    trust.hide()
    # Trusted from here on: the wizard offers to encrypt for the Secretariat.
    ws.secretariat.trust(secretariat_key, ws.secretariat.read_key_file(secretariat_key).fingerprint)

    wizard = window.open_submission_wizard()
    camera.wait(lambda: wizard.summary.look is not None)
    wizard.summary.toggle.setChecked(True)
    camera.shoot(wizard, "send-1-summary")
    wizard.next()
    camera.shoot(wizard, "send-2-options")
    wizard.next()
    camera.shoot(wizard, "send-3-passphrase")
    wizard.passphrase_page.unlock_fields.fields()[0].setText(COUNTRY_PASSPHRASE)
    sent = Path(ws.folder).parent / "sent"
    sent.mkdir(exist_ok=True)
    wizard.options_page.destination.setText(str(sent))
    wizard.button(QWizard.WizardButton.CommitButton).click()
    camera.wait(
        lambda: wizard.progress_page.outcome is not None or not wizard.progress_page.running
    )
    camera.shoot(wizard, "send-4-signed")
    wizard.hide()

    submissions = window.open_submissions()
    camera.settle(300)
    camera.shoot(submissions, "submissions")
    history = ws.submissions.history()
    details = SubmissionDetails(history[0], ws.submissions.kept_file(history[0]), window)
    camera.shoot(details, "submission-details")
    details.hide()
    submissions.hide()
    key_info = ws.keys.current()
    verify = VerifyDialog(
        ws,
        tasks,
        window,
        path=ws.submissions.kept_file(history[0]),
        fingerprint=key_info.fingerprint,
    )
    verify.show()
    camera.settle(500)
    camera.shoot(verify, "verify")
    verify.hide()

    from focalpoint.ui.country.proposals.proposal_dialog import ProposalDialog

    dialog(lambda: ProposalDialog(ws, codes[1], window), "proposal").hide()
    dialog(window.open_proposals, "proposals").hide()
    ws.backups.create("on_demand")
    backups = dialog(window.open_backups, "backups")
    backups.hide()
    if plan_file is not None:
        from focalpoint.ui.country.plan.plan_update_dialog import PlanUpdateDialog

        update = PlanUpdateDialog(ws.plan.check_file(plan_file), window)
        camera.shoot(update, "plan-update")
        update.hide()

    profile = SetupDialog(ws.profile, first_run=False, parent=window)
    camera.shoot(profile, "profile")
    profile.hide()
    about = window.open_about()
    camera.shoot(about, "about")
    about.tabs.setCurrentIndex(1)  # what ships, and Qt's notice and licence
    about.choose("Qt")
    camera.shoot(about, "about-licences")
    about.hide()
    window.close()


def shoot_first_run(camera: Camera, folder: Path) -> None:
    from focalpoint.services.country.workspace import Workspace
    from focalpoint.ui.country.setup_dialog import SetupDialog
    from focalpoint.ui.first_run import WorkspaceKindDialog

    kind = WorkspaceKindDialog()
    camera.shoot(kind, "first-run-kind")
    kind.hide()
    blank = Workspace.open(folder)
    setup = SetupDialog(blank.profile, first_run=True)
    camera.shoot(setup, "first-run-setup")
    setup.hide()
    blank.close()


def shoot_secretariat(
    camera: Camera, secretariat: Any, packages: list[Path], tmp: Path, plan_source: Path
) -> None:
    from focalpoint.services.secretariat.workspace import SecretariatWorkspace
    from focalpoint.ui.secretariat.main_window import SecretariatWindow
    from focalpoint.ui.secretariat.register_dialog import RegisterKeyDialog
    from focalpoint.ui.secretariat.setup_dialog import SecretariatSetupDialog

    new = SecretariatWorkspace.open(tmp / "new-secretariat")
    setup = SecretariatSetupDialog(new)
    camera.shoot(setup, "secretariat-setup")
    setup.hide()
    new.close()

    # Every country's first package accepted; El Salvador's second, with what changed since its
    # first, waits in the inbox.
    first, second = packages[:-1], packages[-1]
    for taken in secretariat.intake.receive(first):
        if taken.id:
            secretariat.consolidation.accept(taken.id)
    secretariat.intake.receive([second])
    window = SecretariatWindow(secretariat)
    window.show()
    camera.wait(lambda: window.inbox.model.rowCount() > 0)
    window.inbox.table.selectRow(0)
    camera.settle(500)
    camera.shoot(window, "secretariat-inbox")
    tabs = {
        "matrix": window.matrix,
        "practices": window.practices,
        "services": window.services,
        "proposals": window.proposals,
        "keys": window.keys,
    }
    for name, tab in tabs.items():
        window.tabs.setCurrentWidget(tab)
        camera.settle(800 if name == "services" else 300)
        camera.shoot(window, f"secretariat-{name}")
    window.tabs.setCurrentIndex(0)
    publish = window.open_plan_publish()
    publish.set_file(plan_source)
    camera.wait(lambda: publish.preview_shown is not None)  # read in the background
    camera.shoot(publish, "secretariat-plan-publish")
    publish.hide()
    report = window.open_report()
    camera.wait(lambda: report.preview.page_count > 0)
    camera.settle(500)
    camera.shoot(report, "secretariat-regional-report")
    report.hide()
    register = RegisterKeyDialog(secretariat.registry, window)
    camera.shoot(register, "secretariat-register-key")
    register.hide()
    about = window.open_about()
    camera.shoot(about, "secretariat-about")
    about.hide()
    window.close()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="focalpoint-shots-") as name:
        tmp = Path(name)
        configure_qt(args, tmp)
        from PySide6.QtCore import QSettings, QTimer
        from PySide6.QtWidgets import QApplication

        # The user's own window sizes and dividers are not the pictures'.
        for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(kind, QSettings.Scope.UserScope, str(tmp / "settings"))
        qt_app = QApplication(sys.argv[:1])
        qt_app.setApplicationName("FocalPoint")
        qt_app.setOrganizationName("RCM")
        from focalpoint.ui.focus_style import show_focus

        show_focus(qt_app)  # as the window paints once started
        if args.text != 1:
            font = qt_app.font()
            font.setPointSizeF(font.pointSizeF() * args.text)
            qt_app.setFont(font)

        from focalpoint.i18n import set_language
        from focalpoint.services.secretariat.workspace import SecretariatWorkspace
        from focalpoint.ui.focus_style import show_focus
        from focalpoint.ui.qt_translations import use_qt_language
        from focalpoint.ui.tasks import TaskRunner

        set_language(args.lang)
        use_qt_language(args.lang)
        show_focus(qt_app)
        camera = Camera(args.outdir)
        unblock = QTimer()  # a message box nobody answers would stop the pictures
        unblock.timeout.connect(camera.answer_message_boxes)
        unblock.start(300)

        secretariat = SecretariatWorkspace.open(tmp / "secretariat")
        secretariat.profile.save("Secretaría Técnica de la CRM", args.lang)
        secretariat.keys.create(SECRETARIAT_PASSPHRASE)
        key_file = tmp / "secretariat-key.json"
        secretariat.keys.write_key_file(key_file, SECRETARIAT_PASSPHRASE)

        packages = []
        for code in ("GT", "HN"):
            other = country_workspace(tmp / code, args.lang, code)
            key = other.keys.current()
            secretariat.registry.register(key.pem(), code, key.fingerprint)
            packages.append(package_of(other))
            other.close()
        ws = country_workspace(tmp / "SV", args.lang)
        key = ws.keys.current()
        secretariat.registry.register(key.pem(), "SV", key.fingerprint)
        packages.insert(0, package_of(ws))
        ws.assignments.set_status(ws.plan.overview().document.action_codes()[1], "completed")

        shoot_first_run(camera, tmp / "blank")
        tasks = TaskRunner(synchronous=True)
        tasks.after_each = ws.db.release_thread
        plan_source, plan_file = publish_a_version(secretariat, tmp)
        shoot_country(camera, ws, key_file, tasks, plan_file)
        packages.append(Path(ws.submissions.kept_file(ws.submissions.history()[0])))  # the 2nd
        ws.close()
        shoot_secretariat(camera, secretariat, packages, tmp, plan_source)
        secretariat.close()
        for problem in camera.problems:
            print("DOES NOT FIT:", problem, file=sys.stderr)
        return 1 if camera.problems else 0


if __name__ == "__main__":
    sys.exit(main())
