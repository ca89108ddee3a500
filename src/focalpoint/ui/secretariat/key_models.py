"""The registry of country keys as a table: country, fingerprint, state, registered, by whom."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from focalpoint.domain.trust import KEY_STATE_LABELS, CountryKeyRecord, KeyState
from focalpoint.domain.vocab import COUNTRIES
from focalpoint.i18n import N_, _, current_language, format_timestamp
from focalpoint.ui.widgets.table_model import AnyIndex, RowTableModel


class CountryKeyModel(RowTableModel[CountryKeyRecord]):
    COLUMNS = (N_("Country"), N_("Fingerprint"), N_("State"), N_("Registered"), N_("By"))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        key = self.record(index.row()) if index.isValid() else None
        if key is None or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = index.column()
        if column == 0:
            name = COUNTRIES.get(key.country, {}).get(current_language(), "")
            return f"{name} ({key.country})" if name else key.country
        if column == 1:
            return key.fingerprint
        if column == 2:
            state = _(KEY_STATE_LABELS[key.state])
            if key.state is KeyState.REVOKED:
                return _("{state} from {day}").format(state=state, day=key.revoked_from)
            return state
        if column == 3:
            return format_timestamp(key.registered_at)
        return key.registered_by
