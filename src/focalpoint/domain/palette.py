"""Colours and marker shapes of the service types, shared by the window and the printed report, so
a service type looks the same in both."""

from __future__ import annotations

from collections.abc import Sequence

# Distinct hues that stay apart for the common colour-vision deficiencies (Tableau 20, darker
# members first); a type added by a later vocabulary gets grey until it is given a colour here.
SERVICE_TYPE_COLOURS: tuple[str, ...] = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
    "#17becf", "#bcbd22", "#393b79", "#ad494a", "#637939", "#7b4173",
)  # fmt: skip
UNKNOWN_TYPE_COLOUR = "#888888"


def type_colour(code: str, codes: Sequence[str]) -> str:
    """The colour of the service type ``code``, by its place in the vocabulary's ``codes``."""
    try:
        index = list(codes).index(code)
    except ValueError:
        return UNKNOWN_TYPE_COLOUR
    return SERVICE_TYPE_COLOURS[index] if index < len(SERVICE_TYPE_COLOURS) else UNKNOWN_TYPE_COLOUR


# A shape for each type too, so that colour is never the only cue (colour-vision deficiencies,
# a grey printer): seven shapes filled, then six of them with a white centre. Each of the
# thirteen types has a marker of its own.
MARKER_SHAPES: tuple[str, ...] = (
    "circle", "square", "triangle", "diamond", "triangle_down", "star", "cross",
)  # fmt: skip
UNKNOWN_TYPE_MARKER = ("circle", False)


def type_marker(code: str, codes: Sequence[str]) -> tuple[str, bool]:
    """The shape of the service type ``code``'s marker, and whether its centre is white."""
    try:
        index = list(codes).index(code)
    except ValueError:
        return UNKNOWN_TYPE_MARKER
    if index >= 2 * len(MARKER_SHAPES) - 1:
        return UNKNOWN_TYPE_MARKER
    return MARKER_SHAPES[index % len(MARKER_SHAPES)], index >= len(MARKER_SHAPES)
