"""The Technical Secretariat's use cases: its workspace, its key, the registry of country keys."""
