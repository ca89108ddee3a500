"""The Secretariat's store: SQLModel tables on SQLite (in the workspace) or PostgreSQL.

SQLAlchemy and SQLModel are imported only inside this package, and the country side never
imports it, so the country's start-up does not pay for them.
"""
