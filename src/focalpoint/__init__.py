"""FocalPoint: the RCM focal point's offline workbench for the Strategic Plan.

The version is in ``pyproject.toml`` only; ``focalpoint.version.app_version()`` reads it.
"""
