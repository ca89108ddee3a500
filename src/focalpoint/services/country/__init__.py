"""The country's use cases: plan, entities, assignments, practices, directory, reports and
submissions."""
