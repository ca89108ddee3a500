"""Use cases over the workspace; the GUI and the CLI are two faces over these."""
