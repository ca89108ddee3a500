"""The country's amendment proposals to the plan: writing one, and the list with the answers."""
