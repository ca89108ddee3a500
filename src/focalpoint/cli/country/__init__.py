"""The country's commands, one module per command group: set-up, plan, entities, assignments,
reports, directory, practices, keys, submissions and verify."""
