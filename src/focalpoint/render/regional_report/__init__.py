"""The regional report: the whole region, from the Secretariat's consolidated store."""
