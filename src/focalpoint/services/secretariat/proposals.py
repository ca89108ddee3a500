"""The countries' amendment proposals, side by side per action, and the Secretariat's answers.

A package's proposals are taken in **when the package is received** (``Intake``), not when it
is accepted: a proposal is addressed to the Secretariat and changes none of the country's data,
and the country counts it as sent once a package carried it. So a package returned for its data
(a missing entity) does not lose the proposals it carried, and they are answered all the same.
A proposal received again (a country's workspace restored from a copy sends it once more) keeps
the record and the answer it has.

The answer is ``incorporated`` (into a plan version, named), ``declined`` (with a reason) or
under ``discussion``; it may change later (a proposal under discussion is incorporated). It
travels back in the country's next receipt (``Receipts``), which carries the answers to every
proposal of that country.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from focalpoint.domain.errors import InvalidInput, NotFound
from focalpoint.domain.plan import code_key
from focalpoint.domain.proposals import (
    SHORT_ID_LENGTH,
    Answer,
    RegionalProposal,
    checked_answer,
)
from focalpoint.i18n import _, current_language
from focalpoint.services.secretariat.plans import KnownPlans
from focalpoint.services.secretariat.profile import SecretariatProfileService
from focalpoint.storage.secretariat import proposal_store
from focalpoint.storage.secretariat.database import SecretariatDatabase
from focalpoint.storage.sqlite import now_iso

MIN_TYPED = 4  # characters of a proposal's id a person must type


@dataclass(frozen=True)
class ProposalGroup:
    """Every country's proposals for one action (or objective), in country order."""

    target_code: str
    target_title: str  # in the interface's language; "" when the current plan lacks the code
    proposals: tuple[RegionalProposal, ...]

    @property
    def countries(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.country for p in self.proposals))


class Proposals:
    def __init__(
        self, db: SecretariatDatabase, profile: SecretariatProfileService, plans: KnownPlans
    ) -> None:
        self._db = db
        self._profile = profile
        self._plans = plans

    def all(self, country: str | None = None) -> list[RegionalProposal]:
        """Every proposal received, by target code (in the plan's order), then country."""
        with self._db.reading() as conn:
            rows = proposal_store.all_proposals(conn, country)
        return sorted(rows, key=lambda p: (code_key(p.target_code), p.target_code, p.country))

    def by_target(self) -> list[ProposalGroup]:
        """The proposals side by side per action or objective, in the plan's order."""
        titles = self._titles()
        groups: dict[str, list[RegionalProposal]] = {}
        for row in self.all():
            groups.setdefault(row.target_code, []).append(row)
        return [
            ProposalGroup(code, titles.get(code, ""), tuple(rows)) for code, rows in groups.items()
        ]

    def find(self, typed: str) -> RegionalProposal:
        """The proposal a person names: ``SV-1a2b3c4d`` as the list shows it (the country and
        the first characters of its id, at least four), or its whole id; refused when none or
        several match."""
        text = typed.strip()
        country: str | None = None
        prefix = text.lower()
        if len(text) > 3 and text[2] == "-" and text[:2].isalpha():
            country, prefix = text[:2].upper(), text[3:].lower()
        if len(prefix) < MIN_TYPED:
            raise InvalidInput(
                _(
                    "Name the proposal as the list shows it, such as SV-1a2b3c4d (at least "
                    "{n} characters after the country)."
                ).format(n=MIN_TYPED)
            )
        with self._db.reading() as conn:
            found = proposal_store.matching(conn, country, prefix)
        if not found:
            raise NotFound(
                _("No proposal has the id {id}. `focalpoint ts proposals` lists them.").format(
                    id=text[:60]
                )
            )
        if len(found) > 1:
            raise InvalidInput(
                _("Several proposals match {id}: type more of it, such as {example}.").format(
                    id=text[:60],
                    example=f"{found[0].country}-{found[0].proposal_id[: SHORT_ID_LENGTH + 4]}",
                )
            )
        return found[0]

    def mark(
        self, typed: str, state: str, reason: str = "", version: str = ""
    ) -> tuple[RegionalProposal, bool]:
        """Answer a proposal: ``incorporated`` (``version`` required), ``declined`` (``reason``
        required) or ``discussion``. Returns it as it stands and whether anything changed (the
        same answer again changes nothing)."""
        actor = self._profile.actor()
        state, reason, version = checked_answer(state, reason, version)
        row = self.find(typed)
        if (row.state, row.state_reason, row.state_version) == (state, reason, version):
            return row, False
        with self._db.transaction() as conn:
            proposal_store.set_answer(
                conn, row.country, row.proposal_id, state, reason, version, now_iso(), actor
            )
            marked = proposal_store.get(conn, row.country, row.proposal_id)
        assert marked is not None
        return marked, True

    def answers_for(self, country: str) -> list[Answer]:
        """What a receipt to ``country`` carries: every proposal of it, answered or not yet,
        the newest answers first and the unanswered last (a receipt that cannot hold them all
        leaves out the last ones)."""
        with self._db.reading() as conn:
            rows = proposal_store.all_proposals(conn, country)
        rows.sort(key=lambda p: p.state_at or "", reverse=True)
        return [
            Answer(p.proposal_id, p.state, p.state_reason, p.state_version, p.state_at)
            for p in rows
        ]

    def _titles(self) -> dict[str, str]:
        """Each objective's and action's title in the current plan, in the interface's
        language (or the first the plan gives)."""
        language = current_language()
        titles: dict[str, str] = {}
        for axis in self._plans.current_document().axes:
            for objective in axis.objectives:
                titles[objective.code] = _title(objective.title, language)
                for action in objective.actions:
                    titles[action.code] = _title(action.title, language)
        return titles


def _title(title: Mapping[str, str], language: str) -> str:
    return title.get(language) or next(iter(title.values()), "")
