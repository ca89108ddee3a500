"""Published plan versions: what the Secretariat keeps of each, and the lineage that ties a
version to every one before it (so that a country can tell a successor from a fork)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Predecessor:
    """An earlier version, named by its number and the SHA-256 of its signed document."""

    version: str
    sha256: str


@dataclass(frozen=True)
class PublishedPlan:
    """One version the Secretariat published: the plan file's JSON and the signed file sent."""

    code: str
    version: str
    sha256: str  # of the signed document (the envelope's payload), as countries record it
    lineage: tuple[Predecessor, ...]  # every earlier version, oldest first
    document: str  # the plan file's JSON, as signed
    signed_file: bytes
    key_id: str
    published_at: str
    published_by: str

    def successor_lineage(self) -> tuple[Predecessor, ...]:
        """The lineage the next version carries: this one's, then this one."""
        return (*self.lineage, Predecessor(self.version, self.sha256))
