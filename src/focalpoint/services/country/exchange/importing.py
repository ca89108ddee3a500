"""Importing a directory file's rows, all or nothing: each row checked (``row_checks``), matched
to the organisation and service it stands for, and, only when every row is good, written with
its history and search words in the caller's one transaction."""

from __future__ import annotations

import operator
import sqlite3
import uuid
from dataclasses import fields, replace
from typing import Any

from focalpoint.domain.directory import ImportReport, Organisation, Service
from focalpoint.domain.errors import FocalPointError, InvalidInput
from focalpoint.domain.text import name_key
from focalpoint.i18n import _, ngettext
from focalpoint.render.directory_exchange import BY_KEY
from focalpoint.services.common.progress import Progress, Stop, share, stepped
from focalpoint.services.common.vocabularies import search_words
from focalpoint.services.country.directory import (
    DirectoryService,
    audit_changes,
    write_organisation,
)
from focalpoint.services.country.exchange.reading import Table
from focalpoint.services.country.exchange.row_checks import ORG_FIELDS, RowChecker, RowError
from focalpoint.storage.country import directory_store

# Of an import's progress after reading: checking every row, then writing (creating a service
# with its history and search words costs about three times checking its row).
CHECKING_SHARE = 0.3


class Import:
    """One import inside one transaction: check every row, then write, or raise and roll back."""

    def __init__(
        self, directory: DirectoryService, conn: sqlite3.Connection, actor: str, table: Table
    ) -> None:
        self._directory = directory
        self._conn = conn
        self._actor = actor
        self._table = table
        self._rows = RowChecker(directory, table.columns)

    def run(self, progress: Progress | None = None, cancelled: Stop | None = None) -> ImportReport:
        """Check every row, then write them all; ``cancelled`` stops it between rows (the
        caller's transaction then rolls back whatever was written)."""
        conn = self._conn
        existing = {s.id: s for s in directory_store.services(conn, include_deleted=True)}
        orgs_by_name: dict[str, Organisation] = {}
        deleted_orgs: dict[str, Organisation] = {}
        for org in directory_store.organisations(conn, include_deleted=True):
            (deleted_orgs if org.deleted else orgs_by_name).setdefault(name_key(org.name), org)
        errors: list[str] = []
        # Organisation values gathered from the rows: a value given twice must agree.
        org_values: dict[str, dict[str, tuple[str, int]]] = {}
        planned: list[tuple[int, str, Service]] = []  # (line, organisation key, service)
        seen_ids: dict[str, int] = {}
        # Rows without a FocalPoint id (a spreadsheet kept elsewhere) find their service by
        # organisation and name, so importing the same sheet twice updates, not duplicates.
        org_names = {org.id: key for key, org in orgs_by_name.items()}
        by_name: dict[tuple[str, str], list[Service]] = {}
        for svc in existing.values():
            if not svc.deleted and svc.organisation_id in org_names:
                by_name.setdefault((org_names[svc.organisation_id], name_key(svc.name)), []).append(
                    svc
                )
        rows = self._table.rows
        checking = share(progress, 0, CHECKING_SHARE)
        for line, record in stepped(rows, len(rows), checking, cancelled):
            try:
                values = self._rows.values(record)
                org_key, org_row = self._rows.organisation(values)
                if org_key not in orgs_by_name and org_key in deleted_orgs:
                    # Created anew, it would take the name the deleted one needs to come back.
                    raise RowError(
                        _(
                            "the organisation {name} was deleted from the directory; restore "
                            "it first (Organisations…, Show deleted)"
                        ).format(name=deleted_orgs[org_key].name)
                    )
                gathered = org_values.setdefault(org_key, {})
                for field, value in org_row.items():
                    if not value:
                        continue
                    earlier = gathered.get(field)
                    if earlier is None:
                        gathered[field] = (value, line)
                    elif earlier[0] != value and field != "name":
                        raise RowError(
                            _(
                                "the organisation {org} has another {field} on line {other} "
                                "({value})"
                            ).format(
                                org=org_row["name"],
                                field=_(BY_KEY[_org_column(field)].header).lower(),
                                other=earlier[1],
                                value=earlier[0],
                            )
                        )
                svc = self._service(values, existing, seen_ids, line, by_name.get(
                    (org_key, name_key(values.get("name", ""))), []
                ))  # fmt: skip
                planned.append((line, org_key, svc))
            except FocalPointError as error:
                errors.append(_("line {line}: {reason}").format(line=line, reason=error.message))
        if errors:
            raise InvalidInput(
                ngettext(
                    "Nothing was imported from {name}: {n} row has a problem. Correct it and "
                    "import the file again.",
                    "Nothing was imported from {name}: {n} rows have a problem. Correct them "
                    "and import the file again.",
                    len(errors),
                ).format(name=self._table.name, n=len(errors)),
                tuple(errors),
            )
        writing = share(progress, CHECKING_SHARE, 1 - CHECKING_SHARE)
        return self._write(orgs_by_name, org_values, planned, existing, writing, cancelled)

    # --- which service a row stands for ------------------------------------------------------

    def _service(
        self,
        values: dict[str, str],
        existing: dict[str, Service],
        seen_ids: dict[str, int],
        line: int,
        same_name: list[Service],
    ) -> Service:
        service_id = self._service_id(values.get("id", ""), existing, seen_ids, line)
        base = existing.get(service_id) if service_id else None
        if base is None and not service_id:
            base = self._same_service(values, same_name, seen_ids, line)
        changes = self._rows.service_changes(values)
        if base is not None:
            draft = _service_with(base, changes)
        else:
            draft = _service_with(_NEW_SERVICE, {"id": service_id, **changes})
        return self._directory.clean_service(draft)

    def _service_id(
        self, text: str, existing: dict[str, Service], seen_ids: dict[str, int], line: int
    ) -> str:
        """The id the row keeps: a known service's, a UUID that travelled with it, or none."""
        if not text:
            return ""
        if text in existing:
            service_id = text
        else:
            try:
                service_id = str(uuid.UUID(text))
            except ValueError:
                return ""  # another tool's own numbering: a new service here
        if service_id in seen_ids:
            raise RowError(
                _("the service ID {id} is also on line {other}").format(
                    id=text, other=seen_ids[service_id]
                )
            )
        seen_ids[service_id] = line
        found = existing.get(service_id)
        if found is not None and found.deleted:
            raise RowError(
                _(
                    "the service {name} was deleted from the directory; restore it before "
                    "importing changes to it, or clear its service ID to add it anew"
                ).format(name=found.name)
            )
        return service_id

    def _same_service(
        self, values: dict[str, str], same_name: list[Service], seen_ids: dict[str, int], line: int
    ) -> Service | None:
        """The service of the same organisation and name (and subdivision, when the row gives
        one) that a row without an id stands for; None for a new service."""
        candidates = same_name
        if len(candidates) > 1 and ("subdivision" in values or "subdivision_name" in values):
            code = self._rows.subdivision(
                values.get("subdivision", ""), values.get("subdivision_name", "")
            )
            candidates = [s for s in candidates if s.subdivision == code]
        if len(candidates) != 1:
            return None  # none, or several services alike: a new one rather than a guess
        found = candidates[0]
        if found.id in seen_ids:
            return None  # an earlier row already stands for it: this one is another service
        seen_ids[found.id] = line
        return found

    # --- writing -------------------------------------------------------------------------------

    def _write(
        self,
        orgs_by_name: dict[str, Organisation],
        org_values: dict[str, dict[str, tuple[str, int]]],
        planned: list[tuple[int, str, Service]],
        existing: dict[str, Service],
        progress: Progress | None,
        cancelled: Stop | None,
    ) -> ImportReport:
        conn, actor, words = self._conn, self._actor, search_words()
        org_ids: dict[str, str] = {}
        orgs_created = orgs_updated = 0
        # One bar over the organisations, then the services: a share each by their number.
        orgs_share = len(org_values) / max(len(org_values) + len(planned), 1)
        orgs = share(progress, 0, orgs_share)
        services = share(progress, orgs_share, 1 - orgs_share)
        for key, gathered in stepped(org_values.items(), len(org_values), orgs, cancelled):
            given: dict[str, Any] = {field: value for field, (value, _line) in gathered.items()}
            before = orgs_by_name.get(key)
            if before is None:
                org = Organisation(**given)
                orgs_created += 1
            else:
                # An empty cell leaves the organisation's value as it is; the name keeps the
                # directory's spelling.
                org = replace(before, **{f: v for f, v in given.items() if f != "name"})
                if org == before:
                    org_ids[key] = before.id
                    continue
                orgs_updated += 1
            org_ids[key] = write_organisation(conn, actor, before, org).id
        created = updated = unchanged = 0
        for _line, org_key, svc in stepped(planned, len(planned), services, cancelled):
            draft = _service_with(svc, {"organisation_id": org_ids[org_key]})
            old = existing.get(draft.id) if draft.id else None
            if old is not None and _SERVICE_VALUES(old) == _SERVICE_VALUES(draft):
                unchanged += 1
                continue
            service_id = directory_store.save_service(conn, draft, words, create=old is None)
            # Saved as it is: the draft is what the history compares, without reading it back.
            audit_changes(
                conn, actor, "service", service_id, old, draft, directory_store.SERVICE_FIELDS
            )
            if old is None:
                created += 1
            else:
                updated += 1
        return ImportReport(
            organisations_created=orgs_created,
            services_created=created,
            services_updated=updated,
            organisations_updated=orgs_updated,
            services_unchanged=unchanged,
        )


_NEW_SERVICE = Service("", "", "")
_SERVICE_INIT = tuple(f.name for f in fields(Service))


_SERVICE_VALUES = operator.attrgetter(*directory_store.SERVICE_FIELDS)


def _service_with(svc: Service, changes: dict[str, Any]) -> Service:
    """``dataclasses.replace`` without its checks, which cost a second per 20,000 rows."""
    return Service(**{**{f: getattr(svc, f) for f in _SERVICE_INIT}, **changes})


def _org_column(field: str) -> str:
    return next(column for column, f in ORG_FIELDS.items() if f == field)
