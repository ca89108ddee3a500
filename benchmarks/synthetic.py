"""A synthetic country as large as the budgets name: 2,000 actions, entities, assignments;
and, on request, practices and services of the directory."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path
from typing import Any

from focalpoint.domain.directory import Organisation, Service
from focalpoint.domain.practices import Practice, PracticeState
from focalpoint.domain.records import EntityDraft, Profile
from focalpoint.domain.vocab import EntityType
from focalpoint.services.common import geography
from focalpoint.services.common.vocabularies import search_words, vocabularies
from focalpoint.services.country.workspace import Workspace
from focalpoint.storage.country import directory_store, practice_store

WORDS = [
    "protección",
    "niñez",
    "migrante",
    "consular",
    "albergue",
    "retorno",
    "reintegración",
    "familia",
    "educación",
    "salud",
    "documentación",
    "xenofobia",
    "capacitación",
    "coordinación",
    "información",
    "prevención",
    "referencia",
    "protocolo",
    "interés",
    "superior",
    "cuidado",
    "alternativo",
    "detención",
]


def plan_file(path: Path, axes: int = 5, objectives: int = 20, actions: int = 20) -> Path:
    """A plan file of axes × objectives × actions actions (2,000 by default)."""
    rng = random.Random(7)

    def text(n: int) -> dict[str, str]:
        words = " ".join(rng.choice(WORDS) for _ in range(n))
        return {"es": words.capitalize(), "en": words.capitalize() + " (en)"}

    data = {
        "format": "focalpoint.plan",
        "format_version": 1,
        "plan": {
            "code": "RCM-NNA-2017-2022",
            "version": "9.0",
            "provisional": False,
            "title": {"es": "Plan sintético", "en": "Synthetic plan"},
        },
        "axes": [
            {
                "code": f"{a}",
                "title": text(6),
                "objectives": [
                    {
                        "code": f"{a}.{o}",
                        "title": text(8),
                        "actions": [
                            {"code": f"{a}.{o}.{c}", "title": text(12), "description": text(30)}
                            for c in range(1, actions + 1)
                        ],
                    }
                    for o in range(1, objectives + 1)
                ],
            }
            for a in range(1, axes + 1)
        ],
    }
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def install_plan(ws: Workspace, path: Path) -> None:
    """Install the plan file at ``path`` as the workspace's plan, unsigned, as the bundled one
    is: set-up, not the signed update a country takes in (``benchmarks/plan_update.py``)."""
    from focalpoint.services.common.plan_file import read_plan_file
    from focalpoint.storage.country import plan_store

    document = read_plan_file(path)
    with ws.db.transaction() as conn:
        plan_store.replace_plan(conn, document)


def country(folder: Path, entities: int = 200, practices: int = 0, services: int = 0) -> Workspace:
    """A workspace with the large plan, ``entities`` entities and half the actions assigned;
    ``practices`` practices and ``services`` services (5,000 and 20,000 for the report)."""
    ws = Workspace.open(folder)
    ws.profile.save(Profile("es", "SV", "Benchmark"))
    install_plan(ws, plan_file(folder / "synthetic-plan.json"))
    ids = [
        ws.entities.add(
            EntityDraft(f"Entidad nacional {i:03d}", f"EN{i:03d}", EntityType.MINISTRY)
        ).id
        for i in range(entities)
    ]
    codes = ws.plan.overview().document.action_codes()
    with ws.db.transaction() as conn:  # bulk set-up, not the per-edit path being measured
        conn.executemany(
            "INSERT INTO assignment (action_code, id, lead_id, status, note, updated_at)"
            " VALUES (?, ?, ?, 'in_progress', 'nota', '2026-11-27T00:00:00+00:00')",
            [(code, f"a{n}", ids[n % len(ids)]) for n, code in enumerate(codes[::2])],
        )
    if practices:
        add_practices(ws, practices)
    if services:
        add_services(ws, services)
    return ws


# Prose mixes the plan's long words with short ones, as Spanish does (about five letters a
# word): wrapping and the page count depend on it.
SHORT_WORDS = ["de", "la", "el", "y", "en", "los", "las", "con", "para", "por", "a", "del"]


def _words(rng: random.Random, low: int, high: int) -> str:
    words = (
        rng.choice(SHORT_WORDS) if rng.random() < 0.4 else rng.choice(WORDS)
        for _ in range(rng.randint(low, high))
    )
    return " ".join(words).capitalize()


def _some(rng: random.Random, codes: tuple[str, ...], low: int, high: int) -> tuple[str, ...]:
    chosen = set(rng.sample(codes, rng.randint(low, min(high, len(codes)))))
    return tuple(c for c in codes if c in chosen)  # vocabulary order, as the service keeps them


def add_practices(ws: Workspace, count: int, seed: int = 11) -> None:
    """``count`` practices as a focal point writes them (a summary of a paragraph, results and
    lessons of a few sentences, one to three actions, entities and evidence files), written
    straight through the store in one transaction: a fixture, not the path being measured."""
    rng = random.Random(seed)
    vocab = vocabularies()
    entity_ids = [e.id for e in ws.entities.all()]
    codes = ws.plan.overview().document.action_codes()
    places = tuple(s.code for s in geography.subdivisions("SV"))
    with ws.db.transaction() as conn:
        for n in range(count):
            national = rng.random() < 0.6
            start = rng.randint(2015, 2023)
            practice = Practice(
                title=_words(rng, 6, 14),
                summary=_words(rng, 35, 80) + ".",
                description=_words(rng, 60, 150) + ".",
                categories=_some(rng, vocab.practice_category.codes, 1, 3),
                populations=_some(rng, vocab.population.codes, 1, 3),
                phases=_some(rng, vocab.migration_phase.codes, 1, 2),
                national=national,
                subdivisions=()
                if national
                else tuple(sorted(rng.sample(places, rng.randint(1, 3)))),
                entity_ids=tuple(rng.sample(entity_ids, rng.randint(1, 3))),
                partners=tuple(_words(rng, 2, 5) for _ in range(rng.randint(0, 3))),
                period_start=f"{start}-{rng.randint(1, 12):02d}" if n % 2 else str(start),
                period_end=str(start + rng.randint(1, 3)) if n % 3 else "",
                results=_words(rng, 20, 60) + ".",
                lessons=_words(rng, 20, 60) + ".",
                contact=f"Contacto {n}",
                action_codes=tuple(sorted(rng.sample(codes, rng.randint(1, 3)))),
                state=PracticeState.READY if rng.random() < 0.6 else PracticeState.DRAFT,
            )
            practice_id = practice_store.save(conn, practice)
            practice_store.index(conn, replace(practice, id=practice_id), [], search_words())
            for k in range(rng.randint(0, 3)):
                practice_store.add_attachment(
                    conn,
                    practice_id,
                    f"evidencia-{n}-{k}.pdf",
                    "application/pdf",
                    1000,
                    f"{n:x}{k}",
                )


def add_services(ws: Workspace, count: int, seed: int = 13) -> None:
    """``count`` services of ``count // 10`` organisations, nine in ten with coordinates inside
    El Salvador (and their department found from them), straight through the store in one
    transaction. Services gather in towns, as they do: three in four are within a few
    kilometres of one of forty places, the larger towns holding more."""
    rng = random.Random(seed)
    vocab = vocabularies()
    shape = geography.country_shape("SV")
    assert shape is not None
    west, south, east, north = shape.bbox
    places = tuple(s.code for s in geography.subdivisions("SV"))

    def inside(centre: tuple[float, float] | None) -> tuple[float, float]:
        while True:
            if centre is None:
                lon, lat = rng.uniform(west, east), rng.uniform(south, north)
            else:
                lon, lat = rng.gauss(centre[0], 0.04), rng.gauss(centre[1], 0.03)
            if shape.contains(lon, lat, tolerance_deg=0):
                return lon, lat

    towns = [inside(None) for _ in range(40)]
    weights = [1 / (n + 1) for n in range(len(towns))]
    with ws.db.transaction() as conn:
        organisations = [
            directory_store.save_organisation(
                conn,
                Organisation(
                    name=f"{_words(rng, 3, 6)} {n}",
                    acronym=f"ORG{n}",
                    provider_type=rng.choice(vocab.provider_type.codes),
                ),
                search_words(),
            )
            for n in range(max(count // 10, 1))
        ]
        for _ in range(count):
            lat = lon = None
            subdivision = rng.choice(places) if rng.random() < 0.95 else ""
            if rng.random() < 0.9:
                town = rng.choices(towns, weights)[0] if rng.random() < 0.75 else None
                lon, lat = inside(town)
                subdivision = shape.subdivision_at(lon, lat) or ""
            youngest = rng.choice((None, 0, 6, 12))
            directory_store.save_service(
                conn,
                Service(
                    organisation_id=rng.choice(organisations),
                    name=_words(rng, 3, 7),
                    service_type=rng.choice(vocab.service_type.codes),
                    populations=_some(rng, vocab.population.codes, 1, 3),
                    age_min=youngest,
                    age_max=None if youngest is None else rng.choice((17, 17, 12)),
                    hours="Lunes a viernes, 8:00 a 16:00",
                    referral=_words(rng, 8, 25) + ".",
                    referral_contact=f"Tel. 2{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
                    subdivision=subdivision,
                    municipality=_words(rng, 1, 2),
                    latitude=lat,
                    longitude=lon,
                ),
                search_words(),
            )


_SECRETARIAT: list[Any] = []  # the benchmark Secretariat's signing key, made once a process


def signed_plan(ws: Workspace, data: dict[str, Any], path: Path) -> Path:
    """``data`` (a plan file's JSON) written to ``path`` as a plan file signed by a benchmark
    Secretariat that ``ws`` trusts, the successor of the version ``ws`` has: what a country
    takes in (``ws.plan.import_file``)."""
    import pyrage
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from focalpoint.domain.plan_versions import Predecessor
    from focalpoint.package.keys import public_of
    from focalpoint.package.secretariat_key import write_secretariat_key_file
    from focalpoint.package.signed_plan import write_signed_plan

    if not _SECRETARIAT:
        _SECRETARIAT.append(Ed25519PrivateKey.generate())
    key = _SECRETARIAT[0]
    public = public_of(key)
    trusted = ws.secretariat.trusted()
    if trusted is None or trusted.key_id != public.key_id:
        key_file = path.parent / "benchmark-secretariat-key.json"
        recipient = str(pyrage.x25519.Identity.generate().to_public())
        key_file.write_bytes(write_secretariat_key_file(key, "Secretaría (benchmark)", recipient))
        ws.secretariat.trust(key_file, public.fingerprint)
    with ws.db.reading() as conn:
        row = conn.execute("SELECT version, sha256 FROM plan WHERE id = 1").fetchone()
    lineage = [Predecessor(row[0], row[1])] if row and row[1] else []
    path.write_bytes(write_signed_plan(key, data, lineage))
    return path
