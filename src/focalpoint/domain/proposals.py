"""Amendment proposals to the plan: what a country may propose, the states a proposal goes
through, the limits on its texts, and how each is named on screen.

A country proposes new **wording** for an action or a **comment** on it, or a **new action** or
a **paragraph** under an objective, with its justification, in Spanish, English or French. A
proposal is a ``draft`` until a submission package carries it (``submitted``); the Secretariat
then answers: ``incorporated`` into a plan version, ``declined`` with a reason, or under
``discussion``. The same rules hold on both sides and in the files between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from focalpoint.domain.errors import InvalidInput
from focalpoint.i18n import N_, _

KINDS: tuple[str, ...] = ("wording", "new_action", "paragraph", "comment")
# What each kind is aimed at: an action of the plan, or an objective (where the new text goes).
ON_ACTION: tuple[str, ...] = ("wording", "comment")
ON_OBJECTIVE: tuple[str, ...] = ("new_action", "paragraph")
LANGUAGES: tuple[str, ...] = ("es", "en", "fr")
STATES: tuple[str, ...] = ("draft", "submitted", "incorporated", "declined", "discussion")
# The Secretariat's answers (``submitted`` is a proposal received and not yet answered).
ANSWERS: tuple[str, ...] = ("incorporated", "declined", "discussion")

# Characters. A proposal is a paragraph or a few, not a document: 4,000 holds the longest action
# of the plan several times over, and keeps a receipt answering fifty of them small.
MAX_TEXT = 4000
MAX_JUSTIFICATION = 4000
MAX_REASON = 4000
MAX_VERSION = 50
MAX_CODE = 40

_KIND_LABELS = {
    "wording": N_("New wording"),
    "new_action": N_("New action"),
    "paragraph": N_("New paragraph"),
    "comment": N_("Comment"),
}
_STATE_LABELS = {
    "draft": N_("draft (not sent yet)"),
    "submitted": N_("sent, not answered yet"),
    "incorporated": N_("incorporated"),
    "declined": N_("declined"),
    "discussion": N_("under discussion"),
}
_LANGUAGE_LABELS = {"es": N_("Spanish"), "en": N_("English"), "fr": N_("French")}
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
SHORT_ID_LENGTH = 8


def kind_label(kind: str) -> str:
    return _(_KIND_LABELS[kind]) if kind in _KIND_LABELS else kind


def state_label(state: str) -> str:
    return _(_STATE_LABELS[state]) if state in _STATE_LABELS else state


def language_label(language: str) -> str:
    return _(_LANGUAGE_LABELS[language]) if language in _LANGUAGE_LABELS else language


def short_id(country: str, proposal_id: str) -> str:
    """How a person names a proposal, on the phone or on the command line: ``SV-1a2b3c4d``
    (the country, then the first characters of the proposal's own id)."""
    return f"{country}-{proposal_id[:SHORT_ID_LENGTH]}"


def is_proposal_id(value: str) -> bool:
    return bool(_UUID.fullmatch(value))


def checked_kind(kind: str) -> str:
    kind = kind.strip().lower().replace("-", "_")
    if kind not in KINDS:
        raise InvalidInput(
            _("Unknown kind of proposal '{kind}'. Use one of: {kinds}.").format(
                kind=kind[:40], kinds=", ".join(KINDS)
            )
        )
    return kind


def checked_language(language: str) -> str:
    language = language.strip().lower()
    if language not in LANGUAGES:
        raise InvalidInput(
            _("Unknown language '{language}'. Use one of: {languages}.").format(
                language=language[:20], languages=", ".join(LANGUAGES)
            )
        )
    return language


def checked_texts(text: str, justification: str) -> tuple[str, str]:
    """The proposal's text and justification, trimmed; refused when empty or too long."""
    text, justification = text.strip(), justification.strip()
    if not text:
        raise InvalidInput(_("Write the text you propose: it is empty."))
    if not justification:
        raise InvalidInput(_("Say why you propose it: the justification is empty."))
    if len(text) > MAX_TEXT:
        raise InvalidInput(
            _("The proposed text is too long ({n} characters): at most {max}.").format(
                n=len(text), max=MAX_TEXT
            )
        )
    if len(justification) > MAX_JUSTIFICATION:
        raise InvalidInput(
            _("The justification is too long ({n} characters): at most {max}.").format(
                n=len(justification), max=MAX_JUSTIFICATION
            )
        )
    return text, justification


def checked_answer(state: str, reason: str, version: str) -> tuple[str, str, str]:
    """The Secretariat's answer, checked: a decline says why, an incorporation names the plan
    version it went into."""
    state = state.strip().lower()
    reason, version = reason.strip(), version.strip()
    if state not in ANSWERS:
        raise InvalidInput(
            _("Unknown answer '{state}'. Use one of: {states}.").format(
                state=state[:40], states=", ".join(ANSWERS)
            )
        )
    if state == "declined" and not reason:
        raise InvalidInput(_("Say why the proposal is declined (--reason)."))
    if state == "incorporated" and not version:
        raise InvalidInput(
            _("Say which plan version the proposal went into (--version), such as 1.1.")
        )
    if len(reason) > MAX_REASON:
        raise InvalidInput(
            _("The reason is too long ({n} characters): at most {max}.").format(
                n=len(reason), max=MAX_REASON
            )
        )
    if len(version) > MAX_VERSION:
        raise InvalidInput(
            _("The plan version is too long: at most {max} characters.").format(max=MAX_VERSION)
        )
    return state, reason, version if state == "incorporated" else ""


@dataclass(frozen=True)
class Proposal:
    """A proposal as the country keeps it, with the Secretariat's answer once it comes."""

    id: str
    target_code: str
    kind: str
    language: str
    text: str
    justification: str
    created_at: str
    created_by: str
    submission_id: str | None
    state: str
    state_reason: str
    state_version: str
    answered_at: str | None

    @property
    def draft(self) -> bool:
        return self.state == "draft"


@dataclass(frozen=True)
class RegionalProposal:
    """A country's proposal as the Secretariat keeps it, with its answer."""

    country: str
    proposal_id: str
    package_id: str
    target_code: str
    kind: str
    language: str
    text: str
    justification: str
    proposed_at: str
    proposed_by: str
    state: str
    state_reason: str
    state_version: str
    state_at: str | None
    state_by: str | None

    @property
    def short_id(self) -> str:
        return short_id(self.country, self.proposal_id)


@dataclass(frozen=True)
class Answer:
    """The Secretariat's answer to one proposal, as a receipt carries it back."""

    proposal_id: str
    state: str  # submitted (received, no answer yet), incorporated, declined or discussion
    reason: str
    version: str
    answered_at: str | None
