"""The Technical Secretariat's screens."""
