"""The files to put in a package, described before any is read (no cryptography needed here)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from focalpoint.package.canonical_zip import CHUNK


@dataclass(frozen=True)
class MemberSource:
    """One file to put in the package: its bytes, or a function that streams them."""

    name: str
    media_type: str
    data: bytes | None = None
    open_chunks: Callable[[], Iterator[bytes]] | None = None
    size: int = 0  # expected size of a streamed member, for progress

    @property
    def weight(self) -> int:
        return len(self.data) if self.data is not None else self.size


def file_chunks(path: Path) -> Callable[[], Iterator[bytes]]:
    def chunks() -> Iterator[bytes]:
        with open(path, "rb") as handle:
            while chunk := handle.read(CHUNK):
                yield chunk

    return chunks
