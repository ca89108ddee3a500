"""The map page of the services tab: the country with a point per service, and its legend."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from focalpoint.domain.directory import ServiceSummary
from focalpoint.i18n import _, current_language
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.ui.country.directory.service_model import type_colours
from focalpoint.ui.widgets.map_projection import MapPoint
from focalpoint.ui.widgets.map_view import MapView


class ServiceMap(QWidget):
    """The map (``map``), the colour of each service type, and how to zoom and move."""

    def __init__(self, country: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from focalpoint.services.common import geography

        self.map = MapView()
        self.map.set_palette(type_colours())
        self.map.set_shape(geography.country_shape(country))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.map, 1)
        language = current_language()
        colours = type_colours()
        legend = QLabel(
            " &nbsp; ".join(
                f'<span style="color:{colours[t.code].name()}">●</span>&nbsp;'
                + escape(t.label(language)).replace(" ", "&nbsp;")
                for t in vocabularies().service_type.terms
                if t.code in colours
            )
        )
        legend.setWordWrap(True)
        legend.setAccessibleName(_("Legend"))
        hint = QLabel(_("Wheel or +/− to zoom, drag to move, 0 to see the whole country."))
        hint.setStyleSheet("color: #666;")
        layout.addWidget(legend)
        layout.addWidget(hint)


def map_points(rows: list[ServiceSummary]) -> dict[str, MapPoint]:
    """The services that have a place, by id (deleted ones stay off the map)."""
    return {
        s.id: MapPoint(s.id, s.longitude, s.latitude, s.service_type, f"{s.name}\n{s.organisation}")
        for s in rows
        if s.longitude is not None and s.latitude is not None and not s.deleted
    }
