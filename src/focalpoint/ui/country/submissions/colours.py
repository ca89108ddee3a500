"""The colours that say "good", "wrong" and "take care", alike wherever a package is made or
checked."""

GOOD = "#1b6e2a"
BAD = "#b3261e"
WARNING = "#8a5300"
