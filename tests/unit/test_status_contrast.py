"""Every colour that marks a state (an action's status, a responsible entity missing, a draft
practice, a package intact or refused) reads against what it is drawn on at WCAG AA, 4.5:1, the
contrast asked of normal text. The colour is never the only cue: each one colours a word that
says the state (tests of each screen check those words)."""

from __future__ import annotations

import pytest

from focalpoint.domain.vocab import ActionStatus
from focalpoint.render.regional_matrix import MISSING_TEXT, STATUS_FILLS
from focalpoint.ui.country.plan.plan_model import _MISSING, _STATUS_COLOURS
from focalpoint.ui.country.submissions.colours import (
    BAD,
    BAD_BACKGROUND,
    GOOD,
    GOOD_BACKGROUND,
    NEUTRAL,
    NEUTRAL_BACKGROUND,
    WARNING,
)
from focalpoint.ui.secretariat.matrix_tab import TEXT_ON_FILL
from focalpoint.ui.secretariat.regional_models import _DRAFT

AA = 4.5
# What lists and dialogs are drawn on in the light styles FocalPoint runs with: a list's base,
# its shaded rows (Fusion's, and the darker ones of Windows styles), a dialog's background.
LIGHT = {
    "white": "#ffffff",
    "shaded row (Fusion)": "#f7f7f7",
    "dialog (Windows)": "#f0f0f0",
    "shaded row (Windows)": "#e8e8e8",
}


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2.x) of ``#rrggbb``."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_formula_gives_wcags_known_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the AA grey


def pairs() -> list[tuple[str, str, str]]:
    """(what, text colour, background) for every state colour where it is drawn."""
    found = []
    for status in ActionStatus:  # the plan's status column, on every row
        found += [(f"plan: {status.value}", _STATUS_COLOURS[status], bg) for bg in LIGHT.values()]
    found += [("plan: no responsible entity", _MISSING, bg) for bg in LIGHT.values()]
    draft = _DRAFT.color().name()
    found += [("regional practices: draft", draft, bg) for bg in LIGHT.values()]
    for status, fill in STATUS_FILLS.items():  # the regional matrix's cells
        found.append((f"matrix: {status.value}", TEXT_ON_FILL, fill))
        found.append((f"matrix: {status.value}, no responsible entity", MISSING_TEXT, fill))
    for name, colour in (("good", GOOD), ("wrong", BAD), ("take care", WARNING)):
        found += [(f"package: {name}", colour, bg) for bg in LIGHT.values()]
    found += [("package: neither", NEUTRAL, bg) for bg in LIGHT.values()]
    # The verdict's heading on its own band, and a warning among the facts of an intact one.
    found += [
        ("verdict: intact", GOOD, GOOD_BACKGROUND),
        ("verdict: refused", BAD, BAD_BACKGROUND),
        ("verdict: cannot be opened here", NEUTRAL, NEUTRAL_BACKGROUND),
        ("verdict: intact, take care", WARNING, GOOD_BACKGROUND),
    ]
    return found


def test_every_status_colour_reads_at_aa_against_its_background() -> None:
    weak = [
        f"{what}: {text} on {background} is {contrast(text, background):.2f}:1"
        for what, text, background in pairs()
        if contrast(text, background) < AA
    ]
    assert weak == []


def test_every_status_has_its_colour() -> None:
    assert set(_STATUS_COLOURS) == set(ActionStatus) == set(STATUS_FILLS)
