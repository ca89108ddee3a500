"""Plain data and rules of the plan, the entities and the assignments: no Qt, no SQL, no I/O."""
