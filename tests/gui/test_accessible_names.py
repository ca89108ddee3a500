"""Every input of every window and dialog has an accessible name, the words a screen reader says
when the keyboard reaches it: the country's window with each of its tabs and the dialogs of its
menus, the Secretariat's window with its tabs and dialogs, and the first-run choice.

The names come from what a sighted user reads beside the input (its row's label, its group's
title, its placeholder, its own text), given once a window shows (``name_inputs_on_show``, as the
application does at start), or, where nothing is written, from the input's own file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollBar,
    QSlider,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from focalpoint.services.country.workspace import Workspace
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from focalpoint.ui.accessibility import name_inputs_on_show
from focalpoint.ui.tasks import TaskRunner
from tests.gui.test_submission_ui import some_data
from tests.plan_files import official_plan_file

PASSPHRASE = "correct horse battery"

# What the keyboard reaches and a screen reader must name. Spin boxes take in date edits.
INPUTS = (
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QCheckBox,
    QRadioButton,
    QAbstractItemView,
    QSlider,
)
# Qt's own parts of a composite input (a spin box's line edit, a combo box's list, a table's
# corner button, a tab bar's scroll arrows): named through the input that holds them.
QT_PARTS = (
    QAbstractSpinBox,
    QComboBox,
    QTabBar,
    QAbstractItemView,
    QLineEdit,
    QCalendarWidget,
    QScrollBar,
)


@pytest.fixture(autouse=True)
def naming(qapp: QApplication) -> Iterator[None]:
    """Names given as the application gives them: when each window shows."""
    namer = name_inputs_on_show(qapp)
    yield
    qapp.removeEventFilter(namer)


def is_input(widget: QWidget) -> bool:
    if isinstance(widget, QHeaderView):  # a table's header is read with the table
        return False
    if isinstance(widget, INPUTS):
        return True
    return isinstance(widget, QAbstractButton) and not widget.text().strip()


def part_of_qt_input(widget: QWidget, top: QWidget) -> bool:
    if widget.objectName().startswith("qt_"):
        return True
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QT_PARTS):
            return True
        parent = parent.parentWidget()
    return False


def where(widget: QWidget, top: QWidget) -> str:
    """The input as a developer finds it: the attribute that holds it in ``top``'s window, else
    the classes it sits in."""
    holder: QWidget | None = widget.parentWidget()
    while holder is not None:
        for name, value in vars(holder).items():
            if value is widget:
                return f"{type(top).__name__}: {type(holder).__name__}.{name}"
        holder = None if holder is top else holder.parentWidget()
    path = []
    parent: QWidget | None = widget
    while parent is not None and parent is not top:
        path.append(type(parent).__name__)
        parent = parent.parentWidget()
    hint = getattr(widget, "placeholderText", lambda: "")() or widget.toolTip()
    return f"{type(top).__name__} › {' › '.join(reversed(path))}" + (f" {hint!r}" if hint else "")


def unnamed(top: QWidget) -> list[str]:
    """Show ``top`` and each page of its tabs (some tabs are built when first shown), then list
    every input in it without an accessible name, and inputs side by side that share one (two
    fields of a row both called "Ages" are told apart by nothing)."""
    top.show()
    for tabs in top.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
    for tabs in top.findChildren(QTabWidget):  # the tabs the pages just built hold
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
    inputs = [
        widget
        for widget in top.findChildren(QWidget)
        if is_input(widget) and not part_of_qt_input(widget, top)
    ]
    missing = [where(widget, top) for widget in inputs if not widget.accessibleName().strip()]
    side_by_side: dict[tuple[int, str], list[QWidget]] = {}
    for widget in inputs:
        if widget.accessibleName():
            key = (id(widget.parentWidget()), widget.accessibleName())
            side_by_side.setdefault(key, []).append(widget)
    for (_parent, name), alike in side_by_side.items():
        if len(alike) > 1:
            missing.append(f"{name!r} names {', '.join(where(w, top) for w in alike)}")
    return missing


def test_every_input_of_the_country_window_and_its_dialogs_has_a_name(
    ws: Workspace,
    open_window,  # type: ignore[no-untyped-def]
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    from focalpoint.ui.country.backups.backups_dialog import BackupsDialog
    from focalpoint.ui.country.directory.organisation_form import OrganisationForm
    from focalpoint.ui.country.directory.organisations_dialog import OrganisationsDialog
    from focalpoint.ui.country.directory.service_form import ServiceForm
    from focalpoint.ui.country.entities.entity_dialog import EntityDirectoryDialog, _MergeChooser
    from focalpoint.ui.country.entities.entity_form import EntityForm
    from focalpoint.ui.country.plan.plan_update_dialog import PlanUpdateDialog
    from focalpoint.ui.country.practices.practice_dialog import PracticeDialog
    from focalpoint.ui.country.proposals.proposal_dialog import ProposalDialog
    from focalpoint.ui.country.proposals.proposals_dialog import ProposalsDialog
    from focalpoint.ui.country.setup_dialog import SetupDialog
    from focalpoint.ui.country.submissions.send_wizard.wizard import SubmissionWizard
    from focalpoint.ui.first_run import WorkspaceKindDialog
    from focalpoint.ui.widgets.passphrase import PassphraseDialog

    practice, service = some_data(ws, tmp_path)
    ws.proposals.add("1.1.1", "Nueva redacción", "Porque", "es")
    update = ws.plan.check_file(official_plan_file(ws, tmp_path))
    ws.keys.create(PASSPHRASE)
    ws.submissions.export(PASSPHRASE, include_report=False)
    window = open_window(ws)
    missing = unnamed(window)  # the plan, the practices, the services and map

    submissions = window.open_submissions()
    missing += unnamed(submissions)
    details = submissions.show_details()
    assert details is not None
    entities = EntityDirectoryDialog(ws.entities, window)
    tasks = TaskRunner(synchronous=True)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    wizard = SubmissionWizard(ws, tasks, window, settings=settings)
    conna, dgme = ws.entities.resolve("CONNA"), ws.entities.resolve("DGME")
    dialogs: list[QWidget] = [
        details,
        window.open_report(),
        window.open_verify(),
        window.open_trust_secretariat(),
        window.open_key(),
        window.open_about(),
        entities,
        EntityForm(ws.entities, conna, entities),
        EntityForm(ws.entities, None, entities),
        _MergeChooser(conna, [dgme], entities),
        OrganisationsDialog(ws.directory, window),
        OrganisationForm(ws.directory, None, window),
        ServiceForm(ws, service, window),
        ServiceForm(ws, None, window),
        PracticeDialog(ws, practice, window),
        PracticeDialog(ws, None, window),
        BackupsDialog(ws, tasks, window),
        ProposalDialog(ws, "1.1.1", window),
        ProposalsDialog(ws, window),
        PlanUpdateDialog(update, window),
        SetupDialog(ws.profile, first_run=False, parent=window),
        WorkspaceKindDialog(window),
        PassphraseDialog("Create", "", "Create", lambda _o, _n: None, tasks, parent=window),
        PassphraseDialog(
            "Change", "", "Change", lambda _o, _n: None, tasks, old=True, parent=window
        ),
        PassphraseDialog("Sign", "", "Sign", lambda _o, _n: None, tasks, old=True, new=False),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        missing += unnamed(dialog)
        dialog.hide()  # closing a form asks whether to drop what it holds

    qtbot.addWidget(wizard)
    missing += unnamed(wizard)
    qtbot.waitUntil(lambda: wizard.summary.look is not None, timeout=5000)
    wizard.next()
    wizard.options_page.destination.setText(str(tmp_path))
    wizard.next()  # the passphrase page
    missing += unnamed(wizard)
    assert missing == [], "\n".join(missing)


def test_every_input_of_the_first_set_up_has_a_name(blank: Workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    from focalpoint.ui.country.setup_dialog import SetupDialog

    dialog = SetupDialog(blank.profile, first_run=True)
    qtbot.addWidget(dialog)
    missing = unnamed(dialog)
    assert missing == [], "\n".join(missing)


@pytest.fixture
def secretariat(tmp_path: Path) -> Iterator[SecretariatWorkspace]:
    workspace = SecretariatWorkspace.open(tmp_path / "secretariat")
    yield workspace
    workspace.close()


def test_every_input_of_the_secretariat_window_and_its_dialogs_has_a_name(
    secretariat: SecretariatWorkspace,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    from focalpoint.ui.secretariat.main_window import SecretariatWindow
    from focalpoint.ui.secretariat.plan_publish_dialog import PlanPublishDialog
    from focalpoint.ui.secretariat.register_dialog import RegisterKeyDialog
    from focalpoint.ui.secretariat.setup_dialog import SecretariatSetupDialog

    setup = SecretariatSetupDialog(secretariat)
    qtbot.addWidget(setup)
    missing = unnamed(setup)
    secretariat.profile.save("Secretaría Técnica de la CRM", "en")
    secretariat.keys.create(PASSPHRASE)
    window = SecretariatWindow(secretariat)
    qtbot.addWidget(window)
    missing += unnamed(window)  # the inbox, the matrix, the regional lists and map, the keys
    register = RegisterKeyDialog(secretariat.registry, window)
    qtbot.addWidget(register)
    missing += unnamed(register)
    publish = PlanPublishDialog(secretariat, TaskRunner(synchronous=True), window)
    qtbot.addWidget(publish)
    missing += unnamed(publish)
    about = window.open_about()
    missing += unnamed(about)
    about.hide()
    window.close()
    assert missing == [], "\n".join(missing)


def test_names_and_descriptions_come_from_what_is_read_beside_the_input(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import (
        QDialog,
        QFormLayout,
        QGridLayout,
        QGroupBox,
        QHBoxLayout,
        QLabel,
        QPushButton,
        QToolButton,
        QVBoxLayout,
    )

    dialog = QDialog()
    qtbot.addWidget(dialog)
    column = QVBoxLayout(dialog)
    form = QFormLayout()
    column.addLayout(form)
    name = QLineEdit()
    form.addRow("&Name *:", name)
    where_ = QLineEdit()
    browse = QPushButton("Choose…")
    line = QHBoxLayout()
    line.addWidget(where_)
    line.addWidget(browse)
    form.addRow("Save in:", line)
    form.addRow("", QLabel("A folder on the stick is best."))
    buddy = QLabel("E-&mail")
    email = QLineEdit()
    buddy.setBuddy(email)
    column.addWidget(buddy)
    column.addWidget(email)
    axis_line = QHBoxLayout()
    axis_line.addWidget(QLabel("Axis:"))
    axis = QComboBox()
    axis_line.addWidget(axis)
    column.addLayout(axis_line)
    grid = QGridLayout()
    grid.addWidget(QLabel("Report language"), 0, 0)
    language = QComboBox()
    grid.addWidget(language, 0, 1)
    column.addLayout(grid)
    column.addWidget(QLabel("Keep:"))
    keep = QComboBox()
    column.addWidget(keep)
    group = QGroupBox("Notes")
    notes = QPlainTextEdit()
    QVBoxLayout(group).addWidget(notes)
    column.addWidget(group)
    search = QLineEdit()
    search.setPlaceholderText("Search practices")
    column.addWidget(search)
    zoom = QToolButton()
    zoom.setToolTip("Zoom in")
    column.addWidget(zoom)
    tick = QCheckBox("Show &deleted")
    column.addWidget(tick)
    named = QLineEdit()
    named.setAccessibleName("Set in the code")
    form.addRow("Shown label:", named)
    retire = QPushButton("Retire")
    column.addWidget(retire)

    dialog.show()
    assert [w.accessibleName() for w in (name, where_, email, axis, language, keep)] == [
        "Name",
        "Save in",
        "E-mail",
        "Axis",
        "Report language",
        "Keep",
    ]
    assert name.accessibleDescription() == "Required"
    assert where_.accessibleDescription() == "A folder on the stick is best."
    assert notes.accessibleName() == "Notes"
    assert search.accessibleName() == "Search practices"
    assert zoom.accessibleName() == "Zoom in"
    assert tick.accessibleName() == "Show deleted"
    assert named.accessibleName() == "Set in the code"  # never replaced
    assert retire.accessibleName() == ""  # Qt reads its text, as it changes

    # A label that changes names its field anew the next time the window shows.
    dialog.hide()
    label = form.labelForField(line)
    assert isinstance(label, QLabel)
    label.setText("Save the package in:")
    dialog.show()
    assert where_.accessibleName() == "Save the package in"

    # A field added to a shown window is named just after it shows.
    later = QLineEdit()
    form.addRow("Phone:", later)
    later.show()
    qtbot.waitUntil(lambda: later.accessibleName() == "Phone", timeout=2000)
