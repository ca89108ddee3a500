"""Services in and out of the app: import a spreadsheet, export CSV with HXL hashtags or GeoJSON."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QPushButton, QWidget

from focalpoint.domain.directory import ImportReport
from focalpoint.domain.errors import FocalPointError
from focalpoint.i18n import _, ngettext
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.feedback import show_error
from focalpoint.ui.tasks import TaskRunner


class ServiceExchange(QObject):
    """The "Import CSV…" and "Export" buttons of the services tab and the work behind them,
    run in the background; ``last_message`` is what the user was last told."""

    busy = Signal(bool, str)  # an import or export started (with what to say) or ended
    imported = Signal()  # the directory changed
    exported = Signal(str)  # what was written

    def __init__(self, workspace: Workspace, tasks: TaskRunner, view: QWidget) -> None:
        super().__init__(view)
        self._ws = workspace
        self._tasks = tasks
        self._view = view
        self.last_message = ""
        self.import_button = QPushButton(_("Import CSV…"))
        self.import_button.setToolTip(
            _("Load a spreadsheet of services (CSV, with or without HXL hashtags).")
        )
        self.import_button.clicked.connect(self._choose_import)
        self.export_button = QPushButton(_("Export"))
        export_menu = QMenu(self.export_button)
        export_menu.addAction(_("CSV with HXL hashtags…"), lambda: self._choose_export("csv"))
        export_menu.addAction(_("GeoJSON for QGIS…"), lambda: self._choose_export("geojson"))
        self.export_button.setMenu(export_menu)

    def _choose_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self._view, _("Import services"), str(Path.home()), _("CSV files (*.csv *.txt)")
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Import in the background; all rows or none, and the reason for every refused row."""
        self._busy(True, _("Importing {name}…").format(name=path.name))

        def done(report: ImportReport) -> None:
            self._busy(False)
            self.imported.emit()
            self.last_message = _(
                "{name} imported. New services: {services}; services updated: {updated}; "
                "new organisations: {organisations}."
            ).format(
                name=path.name,
                services=report.services_created,
                updated=report.services_updated,
                organisations=report.organisations_created,
            )
            QMessageBox.information(self._view, _("Import"), self.last_message)

        def failed(error: Exception) -> None:
            self._busy(False)
            self.last_message = str(error)
            if isinstance(error, FocalPointError) and error.details:
                box = QMessageBox(
                    QMessageBox.Icon.Warning, _("Import"), error.message,
                    QMessageBox.StandardButton.Ok, self._view,
                )  # fmt: skip
                box.setDetailedText("\n".join(error.details))
                box.exec()
            else:
                show_error(self._view, error)

        self._tasks.run(lambda: self._ws.exchange.import_csv(path), done, failed)

    def _choose_export(self, kind: str) -> None:
        suffix = ".csv" if kind == "csv" else ".geojson"
        country = self._ws.directory.country()
        name = _("Services {country} {date}").format(country=country, date=date.today().isoformat())
        path, _filter = QFileDialog.getSaveFileName(
            self._view,
            _("Export services"),
            str(Path.home() / (name + suffix)),
            _("CSV files (*.csv)") if kind == "csv" else _("GeoJSON files (*.geojson *.json)"),
        )
        if path:
            self.export_file(kind, Path(path))

    def export_file(self, kind: str, path: Path) -> None:
        self._busy(True, _("Writing {name}…").format(name=path.name))

        def work() -> str:
            if kind == "csv":
                count = self._ws.exchange.export_csv(path)
                return ngettext(
                    "{n} service written to {name}.", "{n} services written to {name}.", count
                ).format(n=count, name=path.name)
            result = self._ws.exchange.export_geojson(path)
            written = ngettext(
                "{n} service written to {name}.", "{n} services written to {name}.", result.written
            ).format(n=result.written, name=path.name)
            if not result.left_out:
                return written
            return " ".join(
                (
                    written,
                    ngettext(
                        "{n} without coordinates was left out.",
                        "{n} without coordinates were left out.",
                        result.left_out,
                    ).format(n=result.left_out),
                )
            )

        def done(message: str) -> None:
            self._busy(False)
            self.last_message = message
            self.exported.emit(message)

        def failed(error: Exception) -> None:
            self._busy(False)
            show_error(self._view, error)

        self._tasks.run(work, done, failed)

    def _busy(self, busy: bool, message: str = "") -> None:
        """While an import or export runs, nothing here can start another edit."""
        self.export_button.setEnabled(not busy)
        self.import_button.setEnabled(not busy and not self._ws.read_only)
        self.busy.emit(busy, message)
