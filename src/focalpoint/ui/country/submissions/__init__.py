"""Sending to the Secretariat: signing key, the Send wizard, the history, verifying a package."""
