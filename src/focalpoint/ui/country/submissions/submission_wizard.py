"""File → Send to the Secretariat: what will be sent, options, passphrase, then sign and save.

The package is signed and kept in the workspace first (``SubmissionService.export``), then
copied where the user wants it (``save_copy``). A cancel or a refusal while signing leaves
nothing; a failed copy leaves the signed package in the workspace, from where the history can
save it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from focalpoint.domain.errors import Cancelled, FocalPointError, WrongPassphrase
from focalpoint.domain.evidence import describe_size
from focalpoint.domain.history import Change, change_sentence
from focalpoint.i18n import LANGUAGES, _, format_timestamp, language_name, ngettext
from focalpoint.services.country.submission_preview import Preview, email_note
from focalpoint.services.country.submissions import SIGNING_SHARE, Sent
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.submissions.suggested_paths import default_folder
from focalpoint.ui.feedback import error_label, show_error
from focalpoint.ui.tasks import TaskContext, TaskRunner
from focalpoint.ui.widgets.labels import fingerprint_label, selectable, wrapped
from focalpoint.ui.widgets.passphrase import PassphraseFields

SUMMARY, OPTIONS, PASSPHRASE, PROGRESS = range(4)
DESTINATION_SETTING = "submissions/destination"
# The list of changes shows this many; the package carries them all.
MAX_LISTED = 1000
WARNING_COLOUR = "#8a5300"
ERROR_COLOUR = "#b3261e"
GOOD_COLOUR = "#1b6e2a"


@dataclass(frozen=True)
class Look:
    """What the first page shows, read off the window's thread."""

    preview: Preview
    sentences: tuple[tuple[str, str], ...]  # (the change as a sentence, when and who)


def change_sentences(changes: tuple[Change, ...]) -> list[tuple[str, str]]:
    """Each change as a sentence that names its record, with when and who for a tooltip."""
    return [
        (
            change_sentence(change),
            _("{when}, {who}").format(
                when=format_timestamp(change.entry.at), who=change.entry.actor or "—"
            ),
        )
        for change in changes[:MAX_LISTED]
    ]


def kinds_text(by_kind: dict[str, int]) -> str:
    """“3 actions, 1 entity, 2 practices” — the kinds of record that changed."""
    forms = (
        ("action", lambda n: ngettext("{n} action", "{n} actions", n)),
        ("entity", lambda n: ngettext("{n} entity", "{n} entities", n)),
        ("practice", lambda n: ngettext("{n} practice", "{n} practices", n)),
        ("attachment", lambda n: ngettext("{n} evidence file", "{n} evidence files", n)),
        ("organisation", lambda n: ngettext("{n} organisation", "{n} organisations", n)),
        ("service", lambda n: ngettext("{n} service", "{n} services", n)),
    )
    parts = [
        form(by_kind[kind]).format(n=by_kind[kind]) for kind, form in forms if by_kind.get(kind)
    ]
    return ", ".join(parts)


def _icon_line(icon: QStyle.StandardPixmap, text: str, colour: str = "") -> QWidget:
    line = QWidget()
    row = QHBoxLayout(line)
    row.setContentsMargins(0, 0, 0, 0)
    picture = QLabel()
    picture.setPixmap(line.style().standardIcon(icon).pixmap(18, 18))
    picture.setAlignment(Qt.AlignmentFlag.AlignTop)
    words = wrapped(text)
    if colour:
        words.setStyleSheet(f"color: {colour};")
    row.addWidget(picture)
    row.addWidget(words, 1)
    return line


def _clear(layout: QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


class SummaryPage(QWizardPage):
    """Page 1: the submission's number, what it carries, what changed, what to look at."""

    loaded = Signal()

    def __init__(self, wizard: SubmissionWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.look: Look | None = None
        self.setTitle(_("What will be sent"))
        self.state = wrapped(_("Reading the workspace…"))
        self.counts = QFormLayout()
        self.counts.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.since = wrapped()
        self.since.setTextFormat(Qt.TextFormat.PlainText)
        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.toggled.connect(self._show_changes)
        self.changes = QListWidget()
        self.changes.setAccessibleName(_("Changes"))
        self.changes.setWordWrap(True)
        self.changes.setAlternatingRowColors(True)
        self.changes.hide()
        self.notes = QVBoxLayout()
        self.notes.setSpacing(4)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addLayout(self.counts)
        layout.addSpacing(6)
        layout.addLayout(self.notes)
        layout.addSpacing(6)
        layout.addWidget(self.since)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.changes, 1)
        layout.addStretch(0)
        self.toggle.hide()

    def initializePage(self) -> None:
        if self.look is None:
            self.load()

    def load(self) -> None:
        ws = self._wizard.workspace

        def work() -> Look:
            preview = ws.submissions.preview()
            return Look(preview, tuple(change_sentences(preview.changes)))

        def failed(error: Exception) -> None:
            self.state.setText(_("The workspace could not be read."))
            show_error(self, error)

        self._wizard.tasks.run(work, self.show_look, failed)

    def show_look(self, look: Look) -> None:
        self.look = look
        preview = look.preview
        self.setSubTitle(
            _("Submission {n} to the Technical Secretariat of the RCM.").format(n=preview.sequence)
        )
        self.state.setText(_("The package will carry:"))
        counts = preview.counts
        while self.counts.rowCount():
            self.counts.removeRow(0)
        attachments = counts["attachments"]
        rows = (
            (
                _("Actions of the plan"),
                _("{assigned} of {total} with a responsible entity").format(
                    assigned=counts["actions_assigned"], total=counts["actions"]
                ),
            ),
            (_("National entities"), str(counts["entities"])),
            (
                _("Practices"),
                ngettext(
                    "{n} ({drafts} still a draft)",
                    "{n} ({drafts} still drafts)",
                    counts["practices_draft"],
                ).format(n=counts["practices"], drafts=counts["practices_draft"])
                if counts["practices_draft"]
                else str(counts["practices"]),
            ),
            (
                _("Evidence files"),
                _("{n} ({size})").format(
                    n=attachments, size=describe_size(counts["attachment_bytes"])
                )
                if attachments
                else "0",
            ),
            (_("Organisations"), str(counts["organisations"])),
            (_("Services"), str(counts["services"])),
        )
        for label, value in rows:
            self.counts.addRow(label, selectable(QLabel(value)))

        changed = kinds_text(preview.changes_by_kind())
        if preview.last is None:
            since = _("This is the first submission: everything is new.")
        elif changed:
            since = _("Changed since submission {n} of {date}: {what}.").format(
                n=preview.last.sequence,
                date=format_timestamp(preview.last.created_at),
                what=changed,
            )
        else:
            since = _("Nothing has changed since submission {n} of {date}.").format(
                n=preview.last.sequence, date=format_timestamp(preview.last.created_at)
            )
        if preview.last is None and changed:
            since += " " + _("Recorded so far: {what}.").format(what=changed)
        self.since.setText(since)
        self.changes.clear()
        for sentence, when in look.sentences:
            item = QListWidgetItem(sentence)
            item.setToolTip(when)
            self.changes.addItem(item)
        hidden = len(preview.changes) - len(look.sentences)
        if hidden > 0:
            more = QListWidgetItem(
                ngettext("…and {n} more change.", "…and {n} more changes.", hidden).format(n=hidden)
            )
            more.setFlags(Qt.ItemFlag.NoItemFlags)
            self.changes.addItem(more)
        self._toggle_text()
        self.toggle.setVisible(bool(preview.changes))

        _clear(self.notes)
        warning = QStyle.StandardPixmap.SP_MessageBoxWarning
        for text in preview.warnings:
            self.notes.addWidget(_icon_line(warning, text, WARNING_COLOUR))
        if not preview.has_key:
            self.notes.addWidget(
                _icon_line(
                    QStyle.StandardPixmap.SP_MessageBoxInformation,
                    _("This workspace has no signing key yet: you will create one before signing."),
                )
            )
        for text in preview.blocking:
            self.notes.addWidget(
                _icon_line(QStyle.StandardPixmap.SP_MessageBoxCritical, text, ERROR_COLOUR)
            )
        if preview.blocking:
            self.notes.addWidget(
                wrapped(_("This must be put right before the submission can be signed."))
            )
        self.completeChanged.emit()
        self.loaded.emit()

    def _show_changes(self, shown: bool) -> None:
        self.changes.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self._toggle_text()

    def _toggle_text(self) -> None:
        total = len(self.look.preview.changes) if self.look else 0
        if self.toggle.isChecked():
            text = ngettext("Hide the change", "Hide the {n} changes", total)
        else:
            text = ngettext("Show the change", "Show the {n} changes", total)
        self.toggle.setText(text.format(n=total))

    def isComplete(self) -> bool:
        return self.look is not None and not self.look.preview.blocking


class OptionsPage(QWizardPage):
    """Page 2: the country report, encryption for the Secretariat, where to save the file."""

    def __init__(self, wizard: SubmissionWizard) -> None:
        super().__init__()
        self._wizard = wizard
        ws = wizard.workspace
        self.setTitle(_("Options"))
        self.setSubTitle(_("What goes into the package, and where to save it."))
        profile = ws.profile.get()

        self.include_report = QCheckBox(_("Include the country report (PDF)"))
        self.include_report.setChecked(True)
        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(language_name(code), code)
        language = profile.language if profile else "es"
        self.language.setCurrentIndex(LANGUAGES.index(language) if language in LANGUAGES else 0)
        self.language.setAccessibleName(_("Report language"))
        self.include_report.toggled.connect(self.language.setEnabled)
        report_row = QHBoxLayout()
        report_row.addWidget(self.include_report)
        report_row.addSpacing(12)
        report_row.addWidget(QLabel(_("Report language")))
        report_row.addWidget(self.language)
        report_row.addStretch(1)

        self.encrypt = QCheckBox(_("Encrypt for the Secretariat"))
        self.encrypt_note = wrapped()
        self.recipient = QLineEdit(ws.submissions.secretariat_recipient())
        self.recipient.setPlaceholderText(_("age1… (the key the Secretariat gave you)"))
        self.recipient.setAccessibleName(_("The Secretariat's encryption key"))
        self.recipient.textEdited.connect(lambda _t: self._recipient_edited())
        self.save_recipient = QPushButton(_("Save key"))
        self.save_recipient.clicked.connect(lambda: self.set_recipient())
        recipient_row = QHBoxLayout()
        recipient_row.addWidget(QLabel(_("The Secretariat's key:")))
        recipient_row.addWidget(self.recipient, 1)
        recipient_row.addWidget(self.save_recipient)

        self.error = error_label()
        self.destination = QLineEdit(str(wizard.remembered_destination()))
        self.destination.setAccessibleName(_("Save the package in"))
        self.destination.textChanged.connect(lambda _t: self.error.hide())
        choose = QPushButton(_("Choose…"))
        choose.clicked.connect(lambda: self.choose_destination())
        destination_row = QHBoxLayout()
        destination_row.addWidget(self.destination, 1)
        destination_row.addWidget(choose)
        kept = wrapped(
            _(
                "A copy is always kept in the workspace as well: File → Submissions… saves it "
                "again (to a USB stick, or a folder to attach to an e-mail)."
            )
        )
        kept.setStyleSheet("color: palette(placeholder-text);")

        layout = QVBoxLayout(self)
        layout.addWidget(_heading(_("Country report")))
        layout.addLayout(report_row)
        layout.addSpacing(8)
        layout.addWidget(_heading(_("Encryption")))
        layout.addWidget(self.encrypt)
        layout.addWidget(self.encrypt_note)
        layout.addLayout(recipient_row)
        layout.addSpacing(8)
        layout.addWidget(_heading(_("Save the package in")))
        layout.addLayout(destination_row)
        layout.addWidget(kept)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self._update_encryption(initial=True)

    def _recipient_edited(self) -> None:
        self.save_recipient.setEnabled(True)
        self.error.hide()

    def _update_encryption(self, initial: bool = False) -> None:
        has = bool(self._wizard.workspace.submissions.secretariat_recipient())
        self.encrypt.setEnabled(has)
        if initial or not has:
            self.encrypt.setChecked(has)
        self.encrypt_note.setText(
            _(
                "Only the Secretariat can open an encrypted package: send the file ending in "
                ".age. The workspace keeps the signed package before encryption."
            )
            if has
            else _(
                "To encrypt the package so that only the Secretariat can open it, paste the key "
                "the Secretariat gave you (it starts with age1…) and save it."
            )
        )
        self.save_recipient.setEnabled(False)
        self.encrypt.setToolTip(
            "" if has else _("Save the Secretariat's key below to encrypt the package for it.")
        )

    def set_recipient(self, text: str | None = None) -> bool:
        if text is not None:
            self.recipient.setText(text)
        try:
            value = self._wizard.workspace.submissions.set_secretariat_recipient(
                self.recipient.text()
            )
        except FocalPointError as error:
            self.error.setText(error.message)
            self.error.show()
            return False
        except Exception as error:
            show_error(self, error)
            return False
        self.recipient.setText(value)
        had = self.encrypt.isChecked()
        self._update_encryption()
        if value and not had:
            self.encrypt.setChecked(True)
        return True

    def choose_destination(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, _("Where to save the package"), self.destination.text() or str(Path.home())
        )
        if chosen:
            self.destination.setText(chosen)

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def validatePage(self) -> bool:
        folder = Path(self.destination.text().strip()).expanduser()
        if not self.destination.text().strip() or not folder.is_dir():
            self.error.setText(
                _("{path} is not a folder. Choose where to save the package.").format(
                    path=self.destination.text().strip() or "—"
                )
            )
            self.error.show()
            return False
        typed = self.recipient.text().strip()
        saved = self._wizard.workspace.submissions.secretariat_recipient()
        return typed == saved or self.set_recipient()


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class PassphrasePage(QWizardPage):
    """Page 3: the passphrase that unlocks the key, or a new key made here."""

    def __init__(self, wizard: SubmissionWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.created = False
        self.creating = False
        self.setTitle(_("Sign the submission"))
        self.setCommitPage(True)
        self.intro = wrapped()
        self.unlock_fields = PassphraseFields(old=True, new=False)
        self.new_fields = PassphraseFields(new=True)
        self.unlock_fields.changed.connect(self._typed)
        self.new_fields.changed.connect(self._typed)
        self.error = error_label()
        self.fingerprint = fingerprint_label()
        self.made = QFrame()
        self.made.setFrameShape(QFrame.Shape.StyledPanel)
        made_layout = QVBoxLayout(self.made)
        self.made_intro = wrapped(_("Your signing key was created. Its fingerprint:"))
        self.made_reminder = wrapped(
            _(
                "Send the key's registration sheet to the Secretariat (Settings → Signing key), "
                "by a channel other than the one you use for submissions: it checks your "
                "submissions only once it has registered the key."
            )
        )
        self.sheet_button = QPushButton(_("Save registration sheet…"))
        self.sheet_button.clicked.connect(lambda: self._save_sheet())
        made_layout.addWidget(self.made_intro)
        made_layout.addWidget(self.fingerprint)
        made_layout.addWidget(self.made_reminder)
        made_layout.addWidget(self.sheet_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.made.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(6)
        layout.addWidget(self.unlock_fields)
        layout.addWidget(self.new_fields)
        layout.addWidget(self.made)
        layout.addWidget(self.error)
        layout.addStretch(1)

    @property
    def has_key(self) -> bool:
        return self._wizard.workspace.keys.current() is not None

    def initializePage(self) -> None:
        look = self._wizard.summary.look
        n = look.preview.sequence if look else 1
        key = self._wizard.workspace.keys.current()
        self.setSubTitle(_("Submission {n}").format(n=n))
        self.new_fields.setVisible(key is None and not self.created)
        self.unlock_fields.setVisible(key is not None and not self.created)
        if self.created:
            self.intro.setText("")
        elif key is None:
            self.intro.setText(
                _(
                    "This workspace has no signing key yet. Create it now: choose its "
                    "passphrase. You will type it every time you sign a submission."
                )
            )
        else:
            self.intro.setText(
                _(
                    "Type the passphrase of your signing key {fingerprint} to sign submission {n}."
                ).format(fingerprint=key.fingerprint, n=n)
            )
        self._set_button()
        (self.new_fields if key is None else self.unlock_fields).focus()

    def _set_button(self) -> None:
        text = _("Create key") if self.must_create() else _("Sign and save")
        self.setButtonText(QWizard.WizardButton.CommitButton, text)

    def must_create(self) -> bool:
        return not self.created and not self.has_key

    def passphrase(self) -> str:
        return self.new_fields.new_text() if self.created else self.unlock_fields.old_text()

    def _typed(self) -> None:
        self.error.hide()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        if self.creating:
            return False
        if self.must_create() or self.created:
            return True
        return bool(self.unlock_fields.old_text())

    def refuse(self, message: str) -> None:
        """Back from signing: the passphrase did not unlock the key."""
        self.unlock_fields.clear()  # (clearing hides the error line: shown after)
        self.error.setText(message)
        self.error.show()
        self.unlock_fields.focus()

    def validatePage(self) -> bool:
        if not self.must_create():
            return True
        problem = self.new_fields.problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            return False
        self.creating = True
        self.new_fields.setEnabled(False)
        self.completeChanged.emit()
        passphrase = self.new_fields.new_text()

        def done(_key: Any) -> None:
            self.creating = False
            self.created = True
            self.new_fields.setEnabled(True)
            self.initializePage()
            current = self._wizard.workspace.keys.current()
            self.fingerprint.setText(current.fingerprint if current else "")
            self.made.show()
            self.completeChanged.emit()

        def failed(error: Exception) -> None:
            self.creating = False
            self.new_fields.setEnabled(True)
            self.completeChanged.emit()
            show_error(self, error)

        self._wizard.tasks.run(lambda: self._wizard.workspace.keys.create(passphrase), done, failed)
        return False  # the next press signs, once the fingerprint has been seen

    def _save_sheet(self) -> None:
        from focalpoint.ui.country.submissions.key_dialog import KeyDialog

        # The key dialog knows the sheet's name and where it goes; it need not be shown.
        KeyDialog(self._wizard.workspace, self._wizard.tasks, self).save_sheet()


class ProgressPage(QWizardPage):
    """Page 4: signing in the background, then what was made and where it is."""

    finished = Signal()

    def __init__(self, wizard: SubmissionWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self._task: TaskContext | None = None
        self._run: object | None = None
        self.outcome: Sent | None = None
        self.setTitle(_("Signing"))
        self.state = wrapped()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.again_button = QPushButton(_("Try again"))
        self.again_button.clicked.connect(self.start)
        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.again_button)

        self.result = QWidget()
        grid = QGridLayout(self.result)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        self.file_name = selectable(QLabel())
        self.encrypted_name = selectable(QLabel())
        self.size_label = selectable(QLabel())
        self.sha256 = selectable(wrapped())
        self.sha256.setFont(_mono(self.sha256.font()))
        self.fingerprint = selectable(QLabel())
        self.fingerprint.setFont(_mono(self.fingerprint.font()))
        self.saved = selectable(wrapped())
        self._result_rows: dict[QLabel, QLabel] = {}
        rows: tuple[tuple[str, QLabel], ...] = (
            (_("File"), self.file_name),
            (_("Encrypted file"), self.encrypted_name),
            (_("Size"), self.size_label),
            (_("SHA-256"), self.sha256),
            (_("Signing key"), self.fingerprint),
            (_("Saved in"), self.saved),
        )
        for row, (label, field) in enumerate(rows):
            title = QLabel(label)
            title.setAlignment(Qt.AlignmentFlag.AlignTop)
            grid.addWidget(title, row, 0)
            grid.addWidget(field, row, 1)
            self._result_rows[field] = title
        self.copy_problem = wrapped()
        self.copy_problem.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.kept = wrapped()
        self.kept.setStyleSheet("color: palette(placeholder-text);")
        self.too_big = wrapped()
        self.too_big.setStyleSheet(f"color: {WARNING_COLOUR};")
        self.too_big.hide()
        self.open_button = QPushButton(_("Open folder"))
        self.open_button.clicked.connect(lambda: self.open_folder())
        self.result.hide()
        self.copy_problem.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addLayout(bar)
        layout.addWidget(self.result)
        layout.addWidget(self.copy_problem)
        layout.addWidget(self.too_big)
        layout.addWidget(self.kept)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self._show_busy(False)
        self.open_button.hide()

    def initializePage(self) -> None:
        self.outcome = None
        self.result.hide()
        self.copy_problem.hide()
        self.kept.setText("")
        self.open_button.hide()
        self.again_button.hide()
        self.state.setText("")
        self.state.setStyleSheet("")
        QTimer.singleShot(0, self.start)  # after the page is on screen

    def isComplete(self) -> bool:
        return self.outcome is not None

    @property
    def running(self) -> bool:
        return self._run is not None

    def _show_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(True)
        self._wizard.setOption(
            QWizard.WizardOption.NoCancelButton, busy or self.outcome is not None
        )

    def start(self) -> None:
        if self.running or self.outcome is not None or self._wizard.closed:
            return
        wizard = self._wizard
        ws = wizard.workspace
        options = wizard.options_page
        passphrase = wizard.passphrase_page.passphrase()
        include_report = options.include_report.isChecked()
        language = options.chosen_language()
        encrypt = options.encrypt.isChecked()
        destination = Path(options.destination.text().strip()).expanduser()
        look = wizard.summary.look
        n = look.preview.sequence if look else 1
        self.again_button.hide()
        self.progress.setValue(0)
        self.setSubTitle(_("Submission {n}").format(n=n))
        self.state.setText(_("Signing submission {n}…").format(n=n))
        self._show_busy(True)

        def work(context: TaskContext) -> Sent:
            return ws.submissions.send(
                passphrase,
                destination,
                include_report=include_report,
                language=language,
                encrypt=encrypt,
                progress=context.progress,
                cancelled=context.cancelled,
            )

        run = object()
        self._run = run

        def current() -> bool:
            return self._run is run and not self._wizard.closed

        def done(outcome: Sent) -> None:
            if current():
                self._done(outcome)

        def failed(error: Exception) -> None:
            if current():
                self._failed(error)

        def progressed(fraction: float) -> None:
            if not current():
                return
            if fraction > SIGNING_SHARE and self.cancel_button.isEnabled():
                # Signed and recorded: from here on there is nothing left to cancel, only a
                # copy to wait for (a slow USB stick can take half a minute).
                self.cancel_button.setEnabled(False)
                self.state.setText(
                    _("Submission {n} is signed. Copying it to {folder}…").format(
                        n=n, folder=destination
                    )
                )
            self.progress.setValue(round(fraction * 100))

        context = wizard.tasks.run_with_progress(work, done, failed, progressed)
        if self._run is run:
            self._task = context

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.cancel_button.setEnabled(False)
            self.state.setText(_("Cancelling…"))

    def stop_quietly(self) -> None:
        """The wizard closes: a running export stops and removes what it had written."""
        if self._task is not None:
            self._task.cancel()
        self._task = None
        self._run = None

    def _done(self, outcome: Sent) -> None:
        self._task = None
        self._run = None
        self.outcome = outcome
        self._show_busy(False)
        self.cancel_button.setEnabled(True)
        row = outcome.submission
        self.state.setText(_("Submission {n} is signed.").format(n=row.sequence))
        self.state.setStyleSheet(f"color: {GOOD_COLOUR}; font-weight: bold;")
        file_name, encrypted_name = row.file_name, row.encrypted_name
        if outcome.saved is not None:  # the name it has there ("… (2).zip" beside a namesake)
            if encrypted_name:
                encrypted_name = outcome.saved.name
            else:
                file_name = outcome.saved.name
        self.file_name.setText(file_name)
        self.encrypted_name.setText(encrypted_name)
        for field in (self.encrypted_name,):
            field.setVisible(bool(row.encrypted_name))
            self._result_rows[field].setVisible(bool(row.encrypted_name))
        self.size_label.setText(describe_size(row.size))
        self.size_label.setToolTip(
            ngettext("{n} byte", "{n} bytes", row.size).format(n=f"{row.size:,}")
        )
        self.sha256.setText(row.sha256)
        self.fingerprint.setText(row.fingerprint)
        if outcome.saved is not None:
            self.saved.setText(str(outcome.saved.parent))
            self.saved.setToolTip(str(outcome.saved))
            self.copy_problem.hide()
        else:
            self.saved.setText(str(self._wizard.workspace.submissions.folder))
            self.copy_problem.setText(
                _(
                    "The package is signed and kept in the workspace, but it could not be saved "
                    "where you asked: {reason} Save it again from File → Submissions…"
                ).format(reason=outcome.copy_error)
            )
            self.copy_problem.show()
        self._result_rows[self.saved].setText(
            _("Saved in") if outcome.saved is not None else _("Kept in")
        )
        self.too_big.setText(email_note(row.size))
        self.too_big.setVisible(bool(self.too_big.text()))
        self.kept.setText(
            _("A copy is kept in the workspace: File → Submissions… shows it.")
            if outcome.saved is not None
            else ""
        )
        self.result.show()
        self.open_button.show()
        self.completeChanged.emit()
        # Enter now finishes, rather than pressing whichever button took the focus when the
        # passphrase field went away (Open folder, say).
        self._wizard.button(QWizard.WizardButton.FinishButton).setFocus()
        self._wizard.remember_destination()
        self._wizard.submitted.emit(row)
        self.finished.emit()

    def _failed(self, error: Exception) -> None:
        self._task = None
        self._run = None
        self._show_busy(False)
        self.cancel_button.setEnabled(True)
        self.state.setStyleSheet("")
        if isinstance(error, WrongPassphrase):
            self._wizard.passphrase_page.refuse(error.message)
            self.state.setText("")
            QTimer.singleShot(0, self._wizard.back)
            self.finished.emit()
            return
        self.again_button.show()
        if isinstance(error, Cancelled):
            self.state.setText(_("Cancelled. Nothing was written."))
        else:
            self.state.setText(_("The submission could not be signed. Nothing was written."))
            show_error(self, error)
        self.finished.emit()

    def open_folder(self) -> bool:
        if self.outcome is None:
            return False
        folder = (
            self.outcome.saved.parent
            if self.outcome.saved is not None
            else self._wizard.workspace.submissions.folder
        )
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _mono(font: Any) -> Any:
    from PySide6.QtGui import QFontDatabase

    mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    mono.setPointSize(font.pointSize())
    return mono


class SubmissionWizard(QWizard):
    """Four pages from “what will be sent” to a signed package where the user wants it."""

    submitted = Signal(object)  # the Submission

    def __init__(
        self,
        workspace: Workspace,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.tasks = tasks
        self.closed = False
        self._settings = settings if settings is not None else QSettings("RCM", "FocalPoint")
        self.setWindowTitle(_("Send to the Secretariat"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.resize(760, 620)
        self.summary = SummaryPage(self)
        self.options_page = OptionsPage(self)
        self.passphrase_page = PassphrasePage(self)
        self.progress_page = ProgressPage(self)
        for page_id, page in (
            (SUMMARY, self.summary),
            (OPTIONS, self.options_page),
            (PASSPHRASE, self.passphrase_page),
            (PROGRESS, self.progress_page),
        ):
            self.setPage(page_id, page)
        self.setStartId(SUMMARY)

    def remembered_destination(self) -> Path:
        saved = self._settings.value(DESTINATION_SETTING, "")
        if isinstance(saved, str) and saved and Path(saved).is_dir():
            return Path(saved)
        return default_folder()

    def remember_destination(self) -> None:
        self._settings.setValue(DESTINATION_SETTING, self.options_page.destination.text().strip())

    def done(self, result: int) -> None:
        self.closed = True
        self.progress_page.stop_quietly()
        super().done(result)
