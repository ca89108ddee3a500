"""The colours that say "good", "wrong" and "take care", alike wherever a package is made or
checked."""

GOOD = "#1b6e2a"
BAD = "#b3261e"
WARNING = "#8a5300"
GOOD_BACKGROUND = "#e7f4ea"
BAD_BACKGROUND = "#fbe9e7"
# For what is neither good nor wrong (a package only the Secretariat can open).
NEUTRAL = "#1f4e79"
NEUTRAL_BACKGROUND = "#e8f0f8"
