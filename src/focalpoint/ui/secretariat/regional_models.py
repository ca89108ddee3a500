"""The regional lists as Qt table models, a page at a time, and a record's details as HTML."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from focalpoint.domain.practices import PracticeState
from focalpoint.domain.regional_lists import (
    RegionalPractice,
    RegionalPracticeColumn,
    RegionalService,
    RegionalServiceColumn,
)
from focalpoint.i18n import N_, _, current_language, format_timestamp
from focalpoint.services.common import geography
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.ui.secretariat.inbox_details import country_name
from focalpoint.ui.widgets.paged_model import PagedTableModel, Pages
from focalpoint.ui.widgets.service_map import type_colours
from focalpoint.ui.widgets.table_model import AnyIndex

_DRAFT = QBrush(QColor("#8a5a00"))


def subdivision_name(code: str) -> str:
    found = geography.subdivision(code) if code else None
    return found.name_in(current_language()) if found else code


class RegionalServiceModel(PagedTableModel[RegionalService]):
    COLUMNS = (
        N_("Service"),
        N_("Country"),
        N_("Organisation"),
        N_("Type"),
        N_("Subdivision"),
        N_("Municipality"),
    )
    ORDERS = (
        RegionalServiceColumn.NAME,
        RegionalServiceColumn.COUNTRY,
        RegionalServiceColumn.ORGANISATION,
        RegionalServiceColumn.TYPE,
        RegionalServiceColumn.SUBDIVISION,
        RegionalServiceColumn.MUNICIPALITY,
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._colours = type_colours()
        self._texts: dict[int, tuple[str, ...]] = {}  # a row's cells, made once per filter

    def show(self, pages: Pages[RegionalService]) -> None:
        self._texts.clear()
        super().show(pages)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks each cell for several roles at each paint: a row's texts are made once
        # (a tenth of a keystroke's time in the 220,000-row list went to making them again).
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            row = index.row()
            texts = self._texts.get(row)
            if texts is None:
                s = self.record(row) if index.isValid() else None
                if s is None:
                    return None
                texts = self._texts[row] = (
                    s.name,
                    country_name(s.country),
                    s.organisation,
                    vocabularies().service_type.label(s.service_type, current_language()),
                    subdivision_name(s.subdivision),
                    s.municipality,
                )
            return texts[index.column()]
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 3:
            s = self.record(index.row()) if index.isValid() else None
            return self._colours.get(s.service_type) if s is not None else None
        return None


class RegionalPracticeModel(PagedTableModel[RegionalPractice]):
    COLUMNS = (
        N_("Title"),
        N_("Country"),
        N_("State"),
        N_("Categories"),
        N_("Scope"),
        N_("Last change"),
    )
    ORDERS = (
        RegionalPracticeColumn.TITLE,
        RegionalPracticeColumn.COUNTRY,
        RegionalPracticeColumn.STATE,
        RegionalPracticeColumn.CATEGORIES,
        RegionalPracticeColumn.SCOPE,
        RegionalPracticeColumn.CHANGED,
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._times: dict[str, str] = {}

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        p = self.record(index.row()) if index.isValid() else None
        if p is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return p.title
            if column == 1:
                return country_name(p.country)
            if column == 2:
                return _state(p.state)
            if column == 3:
                return vocabularies().practice_category.labels(p.categories, current_language())
            if column == 4:
                return _scope(p.national, p.subdivisions)
            stamp = self._times.get(p.updated_at)
            if stamp is None:
                stamp = self._times[p.updated_at] = format_timestamp(p.updated_at)
            return stamp
        if role == Qt.ItemDataRole.ForegroundRole and column == 2 and p.state == "draft":
            return _DRAFT
        return None


def _state(code: str) -> str:
    try:
        return PracticeState(code).label
    except ValueError:
        return code


def _scope(national: bool, subdivisions: Iterable[str]) -> str:
    if national:
        return _("National")
    return ", ".join(subdivision_name(s) for s in subdivisions)


def _rows(rows: Iterable[tuple[str, Any]]) -> str:
    """An HTML table of (label, text) rows, the empty ones left out; texts escaped."""
    cells = [
        f'<tr><td style="color:#555; padding-right:8px; vertical-align:top">{escape(label)}</td>'
        f"<td>{escape(str(text)).replace(chr(10), '<br>')}</td></tr>"
        for label, text in rows
        if text not in ("", None, ())
    ]
    return "<table>" + "".join(cells) + "</table>"


def practice_html(country: str, p: dict[str, Any]) -> str:
    """A practice as its country described it, for the details panel."""
    vocab = vocabularies()
    language = current_language()
    period = " – ".join(x for x in (p.get("period_start") or "", p.get("period_end") or "") if x)
    return f"<h3>{escape(str(p.get('title') or ''))}</h3>" + _rows(
        (
            (_("Country"), country_name(country)),
            (_("State"), _state(str(p.get("state") or ""))),
            (_("Categories"), vocab.practice_category.labels(p.get("categories") or (), language)),
            (_("Populations"), vocab.population.labels(p.get("populations") or (), language)),
            (_("Migration phases"), vocab.migration_phase.labels(p.get("phases") or (), language)),
            (_("Scope"), _scope(bool(p.get("national")), p.get("subdivisions") or ())),
            (_("Period"), period),
            (_("Plan actions"), ", ".join(p.get("action_codes") or ())),
            (_("Summary"), p.get("summary") or ""),
            (_("Description"), p.get("description") or ""),
            (_("Results"), p.get("results") or ""),
            (_("Lessons learned"), p.get("lessons") or ""),
            (_("Partners"), ", ".join(p.get("partners") or ())),
            (_("Contact"), p.get("contact") or ""),
            (_("Last change"), format_timestamp(str(p.get("updated_at") or ""))),
        )
    )


def service_html(country: str, s: dict[str, Any], organisation: dict[str, Any]) -> str:
    """A service as its country described it, for the details panel."""
    vocab = vocabularies()
    language = current_language()
    ages = " – ".join(str(a) for a in (s.get("age_min"), s.get("age_max")) if a is not None)
    place = ""
    if s.get("latitude") is not None and s.get("longitude") is not None:
        place = f"{s['latitude']:.5f}, {s['longitude']:.5f}"
    org = str(organisation.get("name") or "")
    if organisation.get("acronym"):
        org += f" ({organisation['acronym']})"
    return f"<h3>{escape(str(s.get('name') or ''))}</h3>" + _rows(
        (
            (_("Country"), country_name(country)),
            (_("Organisation"), org),
            (_("Type"), vocab.service_type.label(str(s.get("service_type") or ""), language)),
            (_("Populations"), vocab.population.labels(s.get("populations") or (), language)),
            (_("Ages"), ages),
            (_("Languages"), s.get("languages") or ""),
            (
                _("Cost"),
                vocab.cost.label(str(s.get("cost") or ""), language) if s.get("cost") else "",
            ),
            (_("Hours"), s.get("hours") or ""),
            (_("Referral"), s.get("referral") or ""),
            (_("Referral contact"), s.get("referral_contact") or ""),
            (_("Address"), s.get("address") or ""),
            (_("Subdivision"), subdivision_name(str(s.get("subdivision") or ""))),
            (_("Municipality"), s.get("municipality") or ""),
            (_("Coordinates"), place),
            (_("Phone"), organisation.get("phone") or ""),
            (_("E-mail"), organisation.get("email") or ""),
            (_("Website"), organisation.get("website") or ""),
        )
    )
