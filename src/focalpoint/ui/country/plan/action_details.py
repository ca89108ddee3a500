"""The text of the action on show: its code, title and place in the plan, then its details."""

from __future__ import annotations

from html import escape

from focalpoint.domain.plan import Action
from focalpoint.domain.vocab import ORGANISATIONS
from focalpoint.i18n import _, pick


def heading_html(code: str, action: Action | None, breadcrumb: str) -> str:
    title = pick(action.title) if action else _("This action is no longer in the plan")
    return (
        f"<span style='font-size:15pt; font-weight:600'>{escape(code)}  "
        f"{escape(title)}</span><br><span style='color:#555'>"
        f"{escape(breadcrumb)}</span>"
    )


def details_html(action: Action | None) -> str:
    """Description, then indicator, timeframe, organisations and report items as a table."""
    if action is None:
        return escape(
            _(
                "The plan installed now has no action with this code. Its assignment "
                "is kept, unchanged, so that nothing is lost."
            )
        )
    rows = []
    if action.description:
        rows.append(f"<p>{escape(pick(action.description))}</p>")
    facts = []
    if action.indicator:
        facts.append((_("Indicator"), pick(action.indicator)))
    if action.timeframe:
        facts.append((_("Timeframe"), f"{action.timeframe[0]}–{action.timeframe[1]}"))
    if action.supporting_organisations:
        facts.append(
            (
                _("Supporting organisations"),
                ", ".join(_(ORGANISATIONS.get(o, o)) for o in action.supporting_organisations),
            )
        )
    if action.report_items:
        facts.append((_("2017 report items"), ", ".join(action.report_items)))
    if facts:
        rows.append(
            "<table cellspacing='2'>"
            + "".join(
                f"<tr><td style='color:#555; padding-right:8px'>{escape(k)}</td>"
                f"<td>{escape(v)}</td></tr>"
                for k, v in facts
            )
            + "</table>"
        )
    return "".join(rows)
