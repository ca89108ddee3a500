"""The directory of national entities: list, form, merging."""
