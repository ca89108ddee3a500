"""Closed vocabularies with stable codes: action status, entity types, member countries."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from focalpoint.i18n import N_, _


class ActionStatus(StrEnum):
    """How far a country has got with one action of the plan."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return _(_STATUS_LABELS[self])

    def label_in(self, tr: Callable[[str], str]) -> str:
        """The label in another language than the interface's (for reports)."""
        return tr(_STATUS_LABELS[self])


_STATUS_LABELS = {
    ActionStatus.NOT_STARTED: N_("Not started"),
    ActionStatus.IN_PROGRESS: N_("In progress"),
    ActionStatus.COMPLETED: N_("Completed"),
    ActionStatus.NOT_APPLICABLE: N_("Not applicable"),
}


class EntityType(StrEnum):
    """The kind of national institution that can be responsible for an action."""

    MINISTRY = "ministry"
    CHILD_PROTECTION = "child_protection_agency"
    MIGRATION = "migration_authority"
    CONSULAR = "consular_service"
    JUDICIARY = "judiciary"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _(_ENTITY_TYPE_LABELS[self])

    @property
    def untranslated(self) -> str:
        """The English label, for a translator of another language."""
        return _ENTITY_TYPE_LABELS[self]


_ENTITY_TYPE_LABELS = {
    EntityType.MINISTRY: N_("Ministry"),
    EntityType.CHILD_PROTECTION: N_("Child-protection agency"),
    EntityType.MIGRATION: N_("Migration authority"),
    EntityType.CONSULAR: N_("Consular service"),
    EntityType.JUDICIARY: N_("Judiciary"),
    EntityType.OTHER: N_("Other"),
}

# The eleven RCM member countries (ISO 3166-1 alpha-2) with their names as each language writes
# them. Kept here rather than taken from pycountry so the first screen needs no extra package.
COUNTRIES: dict[str, dict[str, str]] = {
    "BZ": {"es": "Belice", "en": "Belize", "fr": "Belize"},
    "CA": {"es": "Canadá", "en": "Canada", "fr": "Canada"},
    "CR": {"es": "Costa Rica", "en": "Costa Rica", "fr": "Costa Rica"},
    "DO": {
        "es": "República Dominicana",
        "en": "Dominican Republic",
        "fr": "République dominicaine",
    },
    "SV": {"es": "El Salvador", "en": "El Salvador", "fr": "Salvador"},
    "GT": {"es": "Guatemala", "en": "Guatemala", "fr": "Guatemala"},
    "HN": {"es": "Honduras", "en": "Honduras", "fr": "Honduras"},
    "MX": {"es": "México", "en": "Mexico", "fr": "Mexique"},
    "NI": {"es": "Nicaragua", "en": "Nicaragua", "fr": "Nicaragua"},
    "PA": {"es": "Panamá", "en": "Panama", "fr": "Panama"},
    "US": {"es": "Estados Unidos", "en": "United States", "fr": "États-Unis"},
}


def country_name(code: str, language: str) -> str:
    """A member country's name in ``language``; the code itself for any other."""
    return COUNTRIES.get(code, {}).get(language, code)


# Observer and civil-society organisations that the plan names as supporting actions: their
# names as they are known in the region (the same in every language), or, where a name would be
# English in Spanish and French lists, a description translated when shown (``TRANSLATED``).
ORGANISATIONS: dict[str, str] = {
    "IOM": "IOM / OIM",
    "UNHCR": "UNHCR / ACNUR",
    "UNICEF": "UNICEF",
    "ICRC": "ICRC / CICR",
    "ECLAC": "ECLAC-CELADE / CEPAL-CELADE",
    "IACHR": "IACHR / CIDH",
    "UNSR": N_("UN Special Rapporteur on migrants"),
    "SICA": "SICA",
    "UNFPA": "UNFPA",
    "SEGIB": "SEGIB",
    "ILO": "ILO / OIT",
    "UNDP": "UNDP / PNUD",
    "UNODC": "UNODC",
    "RNCOM": "RNCOM / RROCM",
}
TRANSLATED_ORGANISATIONS = frozenset({"UNSR"})
