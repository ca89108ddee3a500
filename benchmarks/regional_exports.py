"""The Secretariat's regional exports at two sizes: time and peak memory, each in a process of
its own; prints JSON. The consolidated store is filled straight through its tables (countries
of ``--services`` services, a tenth as many organisations and practices), not by intake, one
more country at a time up to each size. ``--database-url`` fills an empty PostgreSQL database
instead of a SQLite file.

    benchmarks/regional_exports.py --countries 2 6 --services 20000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from memory import peak_mb

COUNTRIES = ("SV", "GT", "HN", "NI", "CR", "PA", "MX", "BZ", "DO", "US", "CA")
STAMP = "2026-12-01T10:00:00+00:00"


def fill(folder: Path, first: int, last: int, services: int) -> None:
    """Add the countries numbered ``first`` to ``last`` (excluded) to the store."""
    from sqlalchemy import insert

    from focalpoint.services.common.vocabularies import vocabularies
    from focalpoint.services.secretariat.workspace import SecretariatWorkspace
    from focalpoint.storage.secretariat import consolidated_store, regional_rows
    from focalpoint.storage.secretariat.consolidated_store import ConsolidatedHead
    from focalpoint.storage.secretariat.tables import CountryKey, ReceivedPackage, table_of

    vocab = vocabularies()
    rng = random.Random(7)
    ws = SecretariatWorkspace.open(folder)
    ws.profile.save("ST", "en")
    for n, country in enumerate(COUNTRIES[first:last], start=first):
        key_id, package = f"key-{country}", str(uuid.uuid4())
        organisations = [
            {"id": str(uuid.uuid4()), "name": f"Organización {country} {k}", "acronym": f"O{k}"}
            for k in range(services // 10)
        ]
        records = {
            "organisations": organisations,
            "services": [
                {
                    "id": str(uuid.uuid4()),
                    "organisation_id": rng.choice(organisations)["id"],
                    "name": f"Servicio de protección {k} " + "palabra " * rng.randint(2, 8),
                    "service_type": rng.choice(vocab.service_type.codes),
                    "populations": [rng.choice(vocab.population.codes)],
                    "address": f"Calle {k}, colonia centro",
                    "hours": "Lunes a viernes, 8:00-16:00",
                    "latitude": 13.7 if k % 10 else None,
                    "longitude": -89.2 if k % 10 else None,
                    "updated_at": STAMP,
                }
                for k in range(services)
            ],
            "practices": [
                {
                    "id": str(uuid.uuid4()),
                    "title": f"Práctica {k}",
                    "summary": "Resumen de la práctica. " * 10,
                    "categories": [rng.choice(vocab.practice_category.codes)],
                    "national": True,
                    "state": "ready",
                }
                for k in range(services // 10)
            ],
        }
        with ws.db.transaction() as conn:
            conn.execute(
                insert(table_of(CountryKey)),
                {
                    "key_id": key_id,
                    "country": country,
                    "public_key": bytes([n]) * 32,
                    "fingerprint": f"FP{n:017d}",
                    "registered_at": STAMP,
                    "registered_by": "bench",
                },
            )
            conn.execute(
                insert(table_of(ReceivedPackage)),
                {
                    "id": package,
                    "country": country,
                    "sequence": 1,
                    "sha256": f"{n:064d}",
                    "plan_code": "plan",
                    "plan_version": "1",
                    "officer_name": "bench",
                    "created_at": STAMP,
                    "received_at": STAMP,
                    "key_id": key_id,
                    "state": "accepted",
                    "file_name": f"{country}.zip",
                    "changes": "{}",
                },
            )
            rows = [
                (kind, r["id"], json.dumps(r, ensure_ascii=False), package)
                for kind, found in records.items()
                for r in found
            ]
            head = ConsolidatedHead(country, package, 1, STAMP)
            consolidated_store.replace_country(conn, head, [], rows)
            regional_rows.replace_country(conn, country, *regional_rows.rows_of(country, records))
    ws.close()


def export(folder: Path, what: str) -> dict[str, float]:
    from focalpoint.services.secretariat.workspace import SecretariatWorkspace

    ws = SecretariatWorkspace.open(folder)
    start = time.perf_counter()
    if what == "directory":
        done = ws.directory_export.export(folder / "d.csv", folder / "d.geojson")
    else:
        done = ws.practices_export.export(folder / "p.csv", folder / "p.xlsx")
    seconds = time.perf_counter() - start
    ws.close()
    return {"rows": done.rows, "seconds": round(seconds, 2), "peak_mb": round(peak_mb(), 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--countries", type=int, nargs="+", default=[2, 6])
    parser.add_argument("--services", type=int, default=20_000)
    parser.add_argument("--database-url", help="an empty PostgreSQL database to fill")
    parser.add_argument("--probe", nargs=2, metavar=("FOLDER", "WHAT"))
    args = parser.parse_args()
    if args.database_url:  # the workspace, its probes and the fill all open this database
        os.environ["FOCALPOINT_DATABASE_URL"] = args.database_url
    if args.probe:
        print(json.dumps(export(Path(args.probe[0]), args.probe[1])))
        return
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder, filled = Path(tmp) / "secretariat", 0
        for countries in sorted(args.countries):
            fill(folder, filled, countries, args.services)
            filled = countries
            for what in ("directory", "practices"):
                command = [sys.executable, __file__, "--probe", str(folder), what]
                out = subprocess.run(command, capture_output=True, text=True, check=True)
                results[f"{what}_{countries}x{args.services}"] = json.loads(out.stdout)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
