"""The country's commands: set-up, plan, entities, assignments, practices, directory, reports,
keys and submissions."""
