"""The command line: one module per command group, over the same services as the window."""
