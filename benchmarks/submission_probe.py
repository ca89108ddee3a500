"""Child process for the submission benchmark: sign or verify a package, print JSON.

    submission_probe.py attach FOLDER MEGABYTES   add evidence files totalling MEGABYTES
    submission_probe.py export FOLDER             sign the next submission (no report)
    submission_probe.py verify FOLDER PACKAGE     verify a package

Each runs in a process of its own so its peak memory is its own: the budget says memory must not
grow with the size of the attachments (they are streamed, never read whole).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
import uuid
from pathlib import Path

from focalpoint.services.country.workspace import Workspace
from focalpoint.storage.sqlite import now_iso

sys.path.insert(0, str(Path(__file__).resolve().parent))
from memory import peak_mb

PASSPHRASE = "benchmark passphrase"
FILE_MB = 5  # evidence files as a scanned report or a photo series would be


def hash_seconds(path: Path) -> float:
    """One SHA-256 pass over the file: "hashing at disk speed" on this machine."""
    started = time.perf_counter()
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return time.perf_counter() - started


def copy_seconds(path: Path) -> float:
    """Streaming the package's bytes at disk speed: read, write and fsync a copy of it."""
    target = path.with_name(path.name + ".copy")
    started = time.perf_counter()
    with open(path, "rb") as source, open(target, "wb") as out:
        while chunk := source.read(1 << 20):
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    seconds = time.perf_counter() - started
    target.unlink()
    return seconds


def attach(ws: Workspace, megabytes: int) -> dict[str, float]:
    """Evidence files of random bytes behind a PDF header, put straight into the store."""
    folder = ws.attachments.folder
    folder.mkdir(exist_ok=True)
    with ws.db.transaction() as conn:
        # The synthetic country lists evidence by name only (for the report); such rows have no
        # file, which an export rightly refuses. Withdraw them: only real files are measured.
        stored = {p.name for p in folder.iterdir()}
        conn.executemany(
            "UPDATE attachment SET deleted_at = ? WHERE sha256 = ?",
            [
                (now_iso(), sha)
                for (sha,) in conn.execute("SELECT sha256 FROM attachment WHERE deleted_at IS NULL")
                if sha not in stored
            ],
        )
    if not megabytes:
        return {"files": 0, "megabytes": 0.0}
    practices = [p.id for p in ws.practices.summaries()[: max(1, megabytes // FILE_MB)]]
    rows = []
    for n, practice_id in enumerate(practices):
        data = b"%PDF-1.4\n" + os.urandom(FILE_MB * 1_000_000 - 16) + b"\n%%EOF\n"
        sha = hashlib.sha256(data).hexdigest()
        (folder / sha).write_bytes(data)
        rows.append((str(uuid.uuid4()), practice_id, f"evidencia-{n}.pdf", len(data), sha))
    with ws.db.transaction() as conn:
        conn.executemany(
            "INSERT INTO attachment (id, practice_id, file_name, media_type, size, sha256,"
            " added_at) VALUES (?, ?, ?, 'application/pdf', ?, ?, ?)",
            [(*r[:4], r[4], now_iso()) for r in rows],
        )
    return {"files": len(rows), "megabytes": sum(r[3] for r in rows) / 1e6}


def export(ws: Workspace) -> dict[str, float]:
    if ws.keys.current() is None:
        ws.keys.create(PASSPHRASE)
    started = time.perf_counter()
    ws.keys.unlock(PASSPHRASE)
    unlock = time.perf_counter() - started
    started = time.perf_counter()
    row = ws.submissions.export(PASSPHRASE, include_report=False)
    seconds = time.perf_counter() - started
    path = ws.submissions.kept_file(row)
    hashing = hash_seconds(path)
    return {
        "seconds": seconds,
        "unlock_s": unlock,
        "hash_once_s": hashing,
        "copy_once_s": copy_seconds(path),
        "package_mb": row.size / 1e6,
        "path": str(path),
    }


def verify(ws: Workspace, package: Path) -> dict[str, float]:
    started = time.perf_counter()
    result = ws.submissions.verify(package)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "hash_once_s": hash_seconds(package),
        "members": len(result.members),
    }


def main() -> None:
    mode, folder = sys.argv[1], Path(sys.argv[2])
    ws = Workspace.open(folder)
    try:
        if mode == "attach":
            result: dict[str, object] = dict(attach(ws, int(sys.argv[3])))
        elif mode == "export":
            result = dict(export(ws))
        else:
            result = dict(verify(ws, Path(sys.argv[3])))
    finally:
        ws.close()
    result["peak_rss_mb"] = peak_mb()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
