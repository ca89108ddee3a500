"""The directory of specialized actors and services: organisations and what they offer where."""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Callable
from dataclasses import fields, replace
from functools import partial
from typing import Any

from focalpoint.domain.directory import ORGANISATION_FIELDS, Organisation, Service, ServiceSummary
from focalpoint.domain.errors import InvalidInput, NeedsConfirmation, NotFound
from focalpoint.domain.records import AuditEntry
from focalpoint.domain.text import check_email, check_visible
from focalpoint.domain.vocab import COUNTRIES
from focalpoint.i18n import _, ngettext, pick
from focalpoint.services.common.edit_history import Area, Edit, EditHistory
from focalpoint.services.common.vocabularies import readable, search_words, vocabularies
from focalpoint.services.country.profile import ProfileService
from focalpoint.services.country.service_listing import ServiceListing
from focalpoint.storage.country import audit_store, directory_store, search_index
from focalpoint.storage.sqlite import Database, now_iso

MAX_FIELD_LENGTH = 2000
# Services are for children: an age range beyond 17 is a typing mistake, not a population.
MAX_AGE = 17
_WEBSITE = re.compile(r"^(https?://)?[\w.-]+\.[a-z]{2,}(:\d+)?([/?#]\S*)?$", re.IGNORECASE)


class DirectoryService(ServiceListing):
    """Every method that changes data is one transaction, recorded in the audit log; the list
    and the map read through :class:`ServiceListing`."""

    def __init__(self, db: Database, profile: ProfileService, edits: EditHistory) -> None:
        self._db = db
        self._profile = profile
        self._edits = edits

    @property
    def read_only(self) -> bool:
        """The workspace can only be read: every change here is refused in words."""
        return self._db.read_only

    # --- reading -----------------------------------------------------------------------------

    def organisations(self, include_deleted: bool = False) -> list[Organisation]:
        with self._db.reading() as conn:
            return directory_store.organisations(conn, include_deleted)

    def organisation(self, org_id: str) -> Organisation:
        with self._db.reading() as conn:
            org = directory_store.organisation(conn, org_id)
        if org is None:
            raise NotFound(_("That organisation is not in the directory."))
        return org

    def summaries(self, include_deleted: bool = False) -> list[ServiceSummary]:
        with self._db.reading() as conn:
            return directory_store.summaries(conn, include_deleted)

    def services(self, include_deleted: bool = False) -> list[Service]:
        with self._db.reading() as conn:
            return directory_store.services(conn, include_deleted)

    def services_of(self, org_id: str) -> list[Service]:
        with self._db.reading() as conn:
            found = [
                directory_store.service(conn, s)
                for s in directory_store.service_ids_of(conn, org_id)
            ]
        return [s for s in found if s is not None]

    def service(self, service_id: str) -> Service:
        with self._db.reading() as conn:
            svc = directory_store.service(conn, service_id)
        if svc is None:
            raise NotFound(_("That service is not in the directory."))
        return svc

    def search(self, text: str) -> set[str] | None:
        """Ids of services whose words start with what was typed; None when nothing was."""
        with self._db.reading() as conn:
            return search_index.matching(conn, "service", text)

    def history(self, kind: str, record_id: str) -> list[AuditEntry]:
        with self._db.reading() as conn:
            return readable(audit_store.history(conn, kind, record_id))

    def country(self) -> str:
        profile = self._profile.get()
        return profile.country if profile else ""

    # --- organisations -----------------------------------------------------------------------

    def clean_organisation(self, org: Organisation) -> Organisation:
        """The organisation with its texts trimmed, refused when a field is wrong (no database)."""
        clean: Organisation = _strip(org)
        if not clean.name:
            raise InvalidInput(_("Please enter the organisation's name."))
        if clean.provider_type:
            vocabularies().provider_type.check([clean.provider_type], _("provider type"))
        if clean.website and not _WEBSITE.match(clean.website):
            raise InvalidInput(
                _("'{site}' does not look like a web address.").format(site=clean.website)
            )
        check_email(clean.email)
        return clean

    def save_organisation(self, org: Organisation) -> Organisation:
        clean = self.clean_organisation(org)
        actor = self._profile.actor()
        with self._db.transaction() as conn:
            same = directory_store.find_organisation(conn, clean.name)
            if same is not None and same.id != clean.id:
                raise InvalidInput(
                    _("An organisation named '{name}' is already in the directory.").format(
                        name=same.name
                    )
                )
            before = directory_store.organisation(conn, clean.id) if clean.id else None
            if clean.id and (before is None or before.deleted):
                raise NotFound(_("That organisation is not in the directory."))
            saved = write_organisation(conn, actor, before, clean)
        if before is None:
            self._offer(
                _("new organisation “{name}”"),
                saved,
                partial(self.delete_organisation, saved.id, force=True),
                partial(self.restore_organisation, saved.id),
            )
        elif _differ(before, saved, ORGANISATION_FIELDS):
            self._offer(
                _("changes to “{name}”"),
                saved,
                partial(self.save_organisation, before),
                partial(self.save_organisation, saved),
            )
        return saved

    def delete_organisation(self, org_id: str, force: bool = False) -> int:
        """Delete an organisation and its services (ask first when it has any); returns how many."""
        actor = self._profile.actor()
        with self._db.transaction() as conn:
            org = directory_store.organisation(conn, org_id)
            if org is None or org.deleted:
                raise NotFound(_("That organisation is not in the directory."))
            service_ids = directory_store.service_ids_of(conn, org_id)
            if service_ids and not force:
                raise NeedsConfirmation(
                    ngettext(
                        "{name} has {n} service in the directory. Deleting it deletes it too; "
                        "they can be restored together.",
                        "{name} has {n} services in the directory. Deleting it deletes them "
                        "too; they can be restored together.",
                        len(service_ids),
                    ).format(name=org.display_name, n=len(service_ids)),
                    tuple(service_ids),
                )
            stamp = directory_store.fresh_tombstone(conn, org_id)
            directory_store.set_organisation_deleted(conn, org_id, stamp)
            for service_id in service_ids:
                directory_store.set_service_deleted(conn, service_id, stamp)
                search_index.remove(conn, "service", service_id)
            audit_store.record(conn, actor, "organisation", org_id, "deleted", "", org.name)
        self._offer(
            _("deleting “{name}”"),
            org,
            partial(self.restore_organisation, org_id),
            partial(self.delete_organisation, org_id, force=True),
        )
        return len(service_ids)

    def restore_organisation(self, org_id: str) -> Organisation:
        """Undo a deletion: the organisation and the services deleted with it come back."""
        actor = self._profile.actor()
        with self._db.transaction() as conn:
            org = directory_store.organisation(conn, org_id)
            if org is None:
                raise NotFound(_("That organisation is not in the directory."))
            same = directory_store.find_organisation(conn, org.name)
            if same is not None and same.id != org_id:
                raise InvalidInput(
                    _("An organisation named '{name}' is already in the directory.").format(
                        name=same.name
                    )
                )
            for service_id in directory_store.deleted_with(conn, org_id):
                directory_store.set_service_deleted(conn, service_id, None)
                directory_store.reindex_service(conn, service_id, search_words())
            directory_store.set_organisation_deleted(conn, org_id, None)
            audit_store.record(conn, actor, "organisation", org_id, "deleted", org.name, "")
            restored = directory_store.organisation(conn, org_id)
        assert restored is not None
        self._offer(
            _("restoring “{name}”"),
            restored,
            partial(self.delete_organisation, org_id, force=True),
            partial(self.restore_organisation, org_id),
        )
        return restored

    # --- services ----------------------------------------------------------------------------

    def save_service(self, svc: Service) -> Service:
        clean = self.clean_service(svc)
        actor = self._profile.actor()
        with self._db.transaction() as conn:
            org = directory_store.organisation(conn, clean.organisation_id)
            if org is None or org.deleted:
                raise NotFound(_("Choose the organisation that offers the service."))
            before = directory_store.service(conn, clean.id) if clean.id else None
            if clean.id and (before is None or before.deleted):
                raise NotFound(_("That service is not in the directory."))
            service_id = directory_store.save_service(conn, clean, search_words())
            saved = directory_store.service(conn, service_id)
            assert saved is not None
            audit_changes(
                conn, actor, "service", service_id, before, saved, directory_store.SERVICE_FIELDS
            )
        if before is None:
            self._offer(
                _("new service “{name}”"),
                saved,
                partial(self.delete_service, service_id),
                partial(self.restore_service, service_id),
            )
        elif _differ(before, saved, directory_store.SERVICE_FIELDS):
            self._offer(
                _("changes to service “{name}”"),
                saved,
                partial(self.save_service, before),
                partial(self.save_service, saved),
            )
        return saved

    def delete_service(self, service_id: str) -> Service:
        actor = self._profile.actor()
        with self._db.transaction() as conn:
            svc = directory_store.service(conn, service_id)
            if svc is None or svc.deleted:
                raise NotFound(_("That service is not in the directory."))
            directory_store.set_service_deleted(conn, service_id, now_iso())
            search_index.remove(conn, "service", service_id)
            audit_store.record(conn, actor, "service", service_id, "deleted", "", svc.name)
        self._offer(
            _("deleting service “{name}”"),
            svc,
            partial(self.restore_service, service_id),
            partial(self.delete_service, service_id),
        )
        return svc

    def restore_service(self, service_id: str) -> Service:
        actor = self._profile.actor()
        with self._db.transaction() as conn:
            svc = directory_store.service(conn, service_id)
            if svc is None:
                raise NotFound(_("That service is not in the directory."))
            org = directory_store.organisation(conn, svc.organisation_id)
            if org is None or org.deleted:
                raise InvalidInput(_("Restore the service's organisation first."))
            directory_store.set_service_deleted(conn, service_id, None)
            directory_store.reindex_service(conn, service_id, search_words())
            audit_store.record(conn, actor, "service", service_id, "deleted", svc.name, "")
            restored = directory_store.service(conn, service_id)
        assert restored is not None
        self._offer(
            _("restoring service “{name}”"),
            restored,
            partial(self.delete_service, service_id),
            partial(self.restore_service, service_id),
        )
        return restored

    def forget_edits(self) -> None:
        """The directory was imported in bulk: its earlier edits can no longer be undone."""
        self._edits.forget(Area.DIRECTORY)

    def _offer(
        self,
        label: str,
        record: Organisation | Service,
        undo: Callable[[], object],
        redo: Callable[[], object],
    ) -> None:
        """Record an edit of one organisation or service for Undo (``label`` has ``{name}``)."""
        edit = Edit(label.format(name=record.name), Area.DIRECTORY, record.id, undo, redo)
        self._edits.record(edit)

    def clean_service(self, svc: Service) -> Service:
        """The service checked against the vocabularies and the country (no database)."""
        clean: Service = _strip(svc)
        vocab = vocabularies()
        if not clean.name:
            raise InvalidInput(_("Please enter the service's name."))
        if not clean.service_type:
            raise InvalidInput(_("Choose the type of service."))
        vocab.service_type.check([clean.service_type], _("service type"))
        if clean.cost:
            vocab.cost.check([clean.cost], _("cost"))
        populations = vocab.population.check(clean.populations, _("population"))
        for age in (clean.age_min, clean.age_max):
            if age is not None and not 0 <= age <= MAX_AGE:
                raise InvalidInput(
                    _("Ages are from 0 to {max} years: services here are for children.").format(
                        max=MAX_AGE
                    )
                )
        if (
            clean.age_min is not None
            and clean.age_max is not None
            and clean.age_min > clean.age_max
        ):
            raise InvalidInput(_("The youngest age is above the oldest."))
        subdivision = self._place(clean)
        return replace(clean, populations=populations, subdivision=subdivision)

    def _place(self, svc: Service) -> str:
        """Check coordinates and subdivision against the country; fill one from the other."""
        from focalpoint.services.common import geography

        country = self.country()
        subdivision = svc.subdivision.upper()
        if subdivision and geography.subdivision(subdivision) is None:
            raise InvalidInput(_("Unknown subdivision code '{code}'.").format(code=svc.subdivision))
        if subdivision and not subdivision.startswith(country + "-"):
            raise InvalidInput(
                _("The subdivision {code} is not in {country}.").format(
                    code=subdivision, country=pick(COUNTRIES.get(country, {}))
                )
            )
        if (svc.latitude is None) != (svc.longitude is None):
            raise InvalidInput(_("Give both latitude and longitude, or neither."))
        if svc.latitude is None or svc.longitude is None:
            return subdivision
        lat, lon = svc.latitude, svc.longitude
        if not (
            math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180
        ):
            raise InvalidInput(
                _("Latitude is from -90 to 90 and longitude from -180 to 180 (decimal degrees).")
            )
        shape = geography.country_shape(country)
        outside = shape is not None and not shape.contains(lon, lat)
        if not outside and shape is not None and not shape.contains(lon, lat, 0.0):
            # Within the coast tolerance but not strictly inside: fine at sea, not when the
            # point is on a neighbour's land (a border crossing on the other side).
            outside = any(
                other is not None and other.contains(lon, lat, 0.0)
                for code in COUNTRIES
                if code != country
                for other in (geography.country_shape(code),)
            )
        if outside:
            raise InvalidInput(
                _(
                    "The point {lat}, {lon} is outside {country}. Check the numbers: latitude "
                    "first, and west longitudes are negative."
                ).format(lat=lat, lon=lon, country=pick(COUNTRIES.get(country, {})))
            )
        # The point says where the service is: its subdivision wins over one chosen earlier,
        # so moving a service never leaves it filed under the department it left.
        at = shape.subdivision_at(lon, lat) if shape is not None else None
        return at or subdivision


def _strip(record: Any) -> Any:
    """The record with its texts trimmed, refusing one that is too long."""
    values = {f.name: getattr(record, f.name) for f in fields(record)}
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = value.strip()
            check_visible(values[key])
            if len(values[key]) > MAX_FIELD_LENGTH:
                raise InvalidInput(
                    _("A field is too long (at most {n} characters).").format(n=MAX_FIELD_LENGTH)
                )
    return type(record)(**values)


def write_organisation(
    conn: sqlite3.Connection, actor: str, before: Organisation | None, org: Organisation
) -> Organisation:
    """Save an organisation (new when ``before`` is None) and record what changed."""
    org_id = directory_store.save_organisation(conn, org, search_words())
    saved = directory_store.organisation(conn, org_id)
    assert saved is not None
    audit_changes(conn, actor, "organisation", org_id, before, saved, ORGANISATION_FIELDS)
    return saved


def _differ(before: Any, after: Any, names: tuple[str, ...]) -> bool:
    return any(getattr(before, name) != getattr(after, name) for name in names)


def audit_changes(
    conn: sqlite3.Connection,
    actor: str,
    kind: str,
    record_id: str,
    before: Any,
    after: Any,
    names: tuple[str, ...],
) -> None:
    if before is None:
        audit_store.record(conn, actor, kind, record_id, "created", "", after.name)
        return
    for name in names:
        old, new = getattr(before, name), getattr(after, name)
        if name == "organisation_id":
            name, old, new = "organisation", _org_name(conn, old), _org_name(conn, new)
        audit_store.record(conn, actor, kind, record_id, name, _text(old), _text(new))


def _org_name(conn: sqlite3.Connection, org_id: str) -> str:
    org = directory_store.organisation(conn, org_id)
    return org.name if org else ""


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return "; ".join(str(v) for v in value)
    return str(value)
