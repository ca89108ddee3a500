"""The inbox's details panel: one received package in full (who, when, its place in the chain,
the decision) and everything it changes, written as simple HTML for a ``QTextBrowser``."""

from __future__ import annotations

from html import escape

from focalpoint.domain import vocab
from focalpoint.domain.proposals import kind_label
from focalpoint.domain.text import one_line
from focalpoint.i18n import N_, _, current_language, format_timestamp
from focalpoint.services.secretariat.change_details import SubmissionDetails
from focalpoint.services.secretariat.inbox_text import COUNTS, placement_label
from focalpoint.services.secretariat.intake import STATE_LABELS, InboxRow, ReceivedRow

KIND_TITLES = {
    "entities": N_("Entities"),
    "practices": N_("Practices"),
    "services": N_("Services"),
    "organisations": N_("Organisations"),
    "attachments": N_("Attachments"),
}
FIELD_LABELS = {
    "lead": N_("Lead entity"),
    "supports": N_("Supporting entities"),
    "status": N_("Status"),
    "note": N_("Note"),
}
# A first submission may bring thousands of records: the panel names the first ones.
MAX_NAMES = 40
MAX_ACTIONS = 300
PROPOSAL_CHARS = 200  # the whole text is on the Proposals tab


def country_name(code: str) -> str:
    return vocab.country_name(code, current_language())


def summary_html(row: InboxRow) -> str:
    """Who sent the package, when, where it stands in the chain and what was decided."""
    p = row.package
    title = _("{country}: submission {n}").format(country=country_name(p.country), n=p.sequence)
    place = placement_label(p.placement)
    if p.missing:
        place = _("{place} (missing: {numbers})").format(
            place=place, numbers=p.missing.replace(",", ", ")
        )
    facts = [
        (_("Officer"), p.officer_name),
        (_("Made"), format_timestamp(p.created_at)),
        (_("Received"), format_timestamp(p.received_at)),
        (_("Place"), place),
        (_("State"), _(STATE_LABELS.get(p.state, p.state))),
    ]
    if p.decided_at:
        facts.append((_("Decided"), format_timestamp(p.decided_at)))
    if p.reason:
        facts.append((_("Reason"), p.reason))
    facts += [(_("Signed with the key"), row.fingerprint), (_("Package id"), p.id)]
    lines = "".join(
        f"<tr><td style='padding-right:12px'><b>{escape(label)}</b></td>"
        f"<td>{_text(value)}</td></tr>"
        for label, value in facts
    )
    return f"<h3>{escape(title)}</h3><table>{lines}</table>"


def changes_html(details: SubmissionDetails) -> str:
    """Every change, actions first, then each kind of record, by name."""
    parts = [f"<h4>{escape(_since(details.since))}</h4>"]
    if details.empty:
        nothing = _("Nothing changed.")
        parts.append(f"<p>{escape(nothing)}</p>")
    if details.actions:
        heading = _("Actions")
        parts.append(f"<p><b>{escape(heading)}</b></p><ul>")
        for action in details.actions[:MAX_ACTIONS]:
            changed = escape(_("{field}: {old} → {new}"))
            fields = "".join(
                "<li>{}</li>".format(
                    changed.format(
                        field=escape(_(FIELD_LABELS[f.name])),
                        old=_value(f.old),
                        new=_value(f.new),
                    )
                )
                for f in action.fields
            )
            title = f" {escape(action.title)}" if action.title else ""
            parts.append(f"<li><b>{escape(action.code)}</b>{title}<ul>{fields}</ul></li>")
        parts.append("</ul>")
        if len(details.actions) > MAX_ACTIONS:
            parts.append(f"<p>{escape(_more(len(details.actions) - MAX_ACTIONS))}</p>")
    if details.missing_actions:
        parts.append(
            "<p>{}</p>".format(
                escape(
                    _("Left out of this submission: {codes}").format(
                        codes=", ".join(details.missing_actions)
                    )
                )
            )
        )
    kind = ""
    for records in details.records:
        if records.kind != kind:
            if kind:
                parts.append("</ul>")
            kind = records.kind
            heading = _(KIND_TITLES.get(kind, kind))
            parts.append(f"<p><b>{escape(heading)}</b></p><ul>")
        count = _(COUNTS[records.change]).format(n=len(records.names))
        names = ", ".join(records.names[:MAX_NAMES])
        if len(records.names) > MAX_NAMES:
            names += " " + _more(len(records.names) - MAX_NAMES)
        line = _("{counts}: {names}").format(counts=count, names=names)
        parts.append(f"<li>{escape(line)}</li>")
    if kind:
        parts.append("</ul>")
    if details.proposals:
        heading = _("Amendment proposals")
        parts.append(f"<p><b>{escape(heading)}</b></p><ul>")
        for proposal in details.proposals[:MAX_ACTIONS]:
            said = _("{kind}: {text}").format(
                kind=kind_label(proposal.kind), text=one_line(proposal.text, PROPOSAL_CHARS)
            )
            parts.append(f"<li><b>{escape(proposal.code)}</b> {escape(said)}</li>")
        parts.append("</ul>")
        if len(details.proposals) > MAX_ACTIONS:
            parts.append(f"<p>{escape(_more(len(details.proposals) - MAX_ACTIONS))}</p>")
    return "".join(parts)


def _since(since: ReceivedRow | None) -> str:
    if since is None:
        return _("Changes: nothing was accepted from this country before it, so everything is new")
    return _("Changes since submission {n} (accepted {day})").format(
        n=since.sequence, day=format_timestamp(since.decided_at or since.received_at)
    )


def _more(n: int) -> str:
    return _("… and {n} more").format(n=n)


def _value(text: str) -> str:
    if text:
        return escape(text)
    none = _("none")
    return f"<i>{escape(none)}</i>"


def _text(text: str) -> str:
    return escape(text).replace("\n", "<br>")
