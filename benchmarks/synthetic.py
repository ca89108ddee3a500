"""A synthetic country as large as the budgets name: 2,000 actions, entities, assignments."""

from __future__ import annotations

import json
import random
from pathlib import Path

from focalpoint.domain.records import EntityDraft, Profile
from focalpoint.domain.vocab import EntityType
from focalpoint.services.workspace import Workspace

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


def country(folder: Path, entities: int = 200) -> Workspace:
    """A workspace with the large plan, ``entities`` entities and half the actions assigned."""
    ws = Workspace.open(folder)
    ws.profile.save(Profile("es", "SV", "Benchmark"))
    ws.plan.import_file(plan_file(folder / "synthetic-plan.json"))
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
    return ws
