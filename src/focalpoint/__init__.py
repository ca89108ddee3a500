"""FocalPoint: the RCM focal point's offline workbench for the Strategic Plan."""

__version__ = "0.1.0"
