"""Reading a plan file (``docs/plan-format.md``): its JSON checked against the published schema,
then the plan's own rules. Both sides read plan files: the country installs them, the
Secretariat signs them."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.plan import PLAN_FORMAT, PLAN_FORMAT_VERSION, PlanDocument, plan_from_dict
from focalpoint.domain.text import excerpt
from focalpoint.i18n import _
from focalpoint.paths import RESOURCES
from focalpoint.services.common.files import read_bounded

MAX_PLAN_FILE_BYTES = 20 * 1024 * 1024
PLAN_SCHEMA = RESOURCES / "schemas" / "plan.schema.json"


def read_plan_file(path: Path) -> PlanDocument:
    """Read and check a plan file; refuses, with a readable reason, anything malformed."""
    return parse_plan(plan_json(read_bounded(path, MAX_PLAN_FILE_BYTES, too_large_message())))


def too_large_message() -> str:
    return _("The file is too large to be a plan file (more than {size} MB).").format(
        size=MAX_PLAN_FILE_BYTES // (1024 * 1024)
    )


def plan_json(raw: bytes) -> Any:
    """The JSON of a plan file's bytes, refused in words when it is not JSON or not Unicode."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InvalidInput(_("This is not a FocalPoint plan file.")) from exc
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            _("The plan file is not valid JSON (line {line}, column {column}).").format(
                line=exc.lineno, column=exc.colno
            )
        ) from exc
    except (ValueError, RecursionError) as exc:  # absurd numbers, absurd nesting
        raise InvalidInput(_("This is not a FocalPoint plan file.")) from exc
    check_unicode(data)
    return data


def check_unicode(data: Any) -> None:
    """JSON can escape a lone surrogate ("\\ud800"), which no database can hold: refuse it."""
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidInput(
            _("The plan file holds text that is not valid Unicode. Ask for the file again.")
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise InvalidInput(_("This is not a FocalPoint plan file.")) from exc


def parse_plan(data: Any) -> PlanDocument:
    """Check parsed plan JSON against the published schema, then the plan's own rules."""
    if not isinstance(data, dict) or data.get("format") != PLAN_FORMAT:
        raise InvalidInput(_("This is not a FocalPoint plan file."))
    # The domain check gives the clearer message for a wrong format version.
    if data.get("format_version") == PLAN_FORMAT_VERSION:
        import jsonschema  # imported here: it is not needed to start the app

        error = jsonschema.exceptions.best_match(_validator().iter_errors(data))
        if error is not None:
            where = "/".join(excerpt(str(p), 30, 10) for p in error.absolute_path) or "/"
            raise InvalidInput(
                _("The plan file does not follow the plan format at {where}: {problem}").format(
                    where=excerpt(where), problem=_schema_problem(error)
                )
            )
    return plan_from_dict(data)


@cache
def _validator() -> Any:
    """The schema's checker, built once (building it costs more than checking a small plan)."""
    import jsonschema

    schema = json.loads(PLAN_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _schema_problem(error: Any) -> str:
    """The schema checker's words for a fault, a list or object it quotes named, not printed
    as Python (``[{'code': '2.1', …}] is not of type 'object'``)."""
    message = str(error.message)
    if isinstance(error.instance, dict | list) and error.instance:
        word = _("a list") if isinstance(error.instance, list) else _("an object")
        message = message.replace(repr(error.instance), word, 1)
    return excerpt(message)
