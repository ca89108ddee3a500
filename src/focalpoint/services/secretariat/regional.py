"""The regional matrix, read from the consolidated store, and its spreadsheets.

Its rows are the actions of the plan's newest published version (the bundled plan before the
first, ``KnownPlans.current_document``), its columns every country with a registered key: a
country with no accepted submission yet has empty cells (None), which is not "not started".
"""

from __future__ import annotations

from pathlib import Path

from focalpoint.domain.plan import PlanDocument
from focalpoint.domain.regional_matrix import PlanAction, RegionalMatrix, matrix_cell, matrix_of
from focalpoint.domain.vocab import COUNTRIES, country_name
from focalpoint.i18n import _, current_language, pick
from focalpoint.services.common.files import output_target, writing
from focalpoint.services.secretariat.plans import KnownPlans
from focalpoint.services.secretariat.profile import SecretariatProfileService
from focalpoint.storage.secretariat import consolidated_store, registry_store
from focalpoint.storage.secretariat.database import SecretariatDatabase


class RegionalMatrixService:
    def __init__(
        self,
        db: SecretariatDatabase,
        profile: SecretariatProfileService,
    ) -> None:
        self._db = db
        self._profile = profile
        self._plans = KnownPlans(db)

    def language(self) -> str:
        """The reader's language (``--lang``, the environment, else the Secretariat's own)."""
        return current_language()

    def build(self, plan: PlanDocument | None = None) -> RegionalMatrix:
        """The matrix over ``plan``'s actions (default: the newest published version's)."""
        language = self.language()
        actions = []
        for axis in (plan or self._plans.current_document()).axes:
            for objective in axis.objectives:
                for action in objective.actions:
                    title = pick(action.title, language)
                    actions.append(PlanAction(action.code, axis.code, title))
        with self._db.reading() as conn:
            countries = registry_store.countries(conn)
            heads = consolidated_store.heads(conn)
            stored = consolidated_store.matrix_cells(conn)
        # The cells as acceptance stored them (names resolved then), read in one query.
        return matrix_of(
            actions,
            {
                country: {
                    code: matrix_cell(*cell) for code, cell in stored.get(country, {}).items()
                }
                if country in heads
                else None
                for country in countries
            },
        )

    def export(
        self, xlsx: Path | None = None, csv: Path | None = None, plan: PlanDocument | None = None
    ) -> list[Path]:
        """Write the matrix as a workbook and/or CSV, each whole or not at all."""
        from focalpoint.render.regional_matrix import write_matrix_csv, write_matrix_xlsx

        matrix = self.build(plan)
        language = self.language()
        names = {code: country_name(code, language) for code in COUNTRIES}
        failure = _("The file {path} cannot be written: {reason}.")
        written = []
        if xlsx is not None:
            target = _target(xlsx)
            with writing(target, failure) as partial, open(partial, "wb") as out:
                write_matrix_xlsx(matrix, out, language, names)
            written.append(target)
        if csv is not None:
            target = _target(csv)
            with (
                writing(target, failure) as partial,
                open(partial, "w", encoding="utf-8-sig", newline="") as text,
            ):
                write_matrix_csv(matrix, text, language, names)
            written.append(target)
        return written


def _target(path: Path) -> Path:
    return output_target(
        path,
        _("Give the matrix a file name, such as matrix.xlsx."),
        _("{path} is not a file: choose another name for the matrix."),
    )
