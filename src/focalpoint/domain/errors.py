"""Errors a user can read: each carries a message already in the interface language."""

from __future__ import annotations


class FocalPointError(Exception):
    """A refusal the user should read; ``str(error)`` is the translated message."""

    def __init__(self, message: str, details: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def __str__(self) -> str:
        return self.message


class InvalidInput(FocalPointError):
    """A value the user typed or a file they chose cannot be used."""


class WrongPassphrase(InvalidInput):
    """The passphrase typed does not unlock the signing key; nothing was done with it."""


class NotFound(FocalPointError):
    """The record named does not exist."""


class StorageError(FocalPointError):
    """The workspace database cannot be read or written."""

    def __init__(self, message: str, damaged: bool = False) -> None:
        super().__init__(message)
        # The file itself is unusable (not a workspace, or corrupt): it may be set aside.
        self.damaged = damaged


class EntityInUse(FocalPointError):
    """An entity still named on assignments was asked to disappear."""

    def __init__(self, message: str, action_codes: tuple[str, ...]) -> None:
        super().__init__(message, action_codes)
        self.action_codes = action_codes


class Cancelled(Exception):
    """The user cancelled a long task; nothing was written."""


class NeedsConfirmation(FocalPointError):
    """The change takes other records with it (services, action links): ask, then force."""


class PackageRefused(FocalPointError):
    """A package (or receipt) failed a check; ``reason`` names which, for scripts and tests.

    Reasons: truncated, altered, too_large, bad_name, path_escape, duplicate, link, compressed,
    member_changed, member_missing, member_extra, manifest, unknown_version, signature, wrong_key,
    replayed, forked, encrypted, previous (the file given as the previous one is at fault).
    For the Secretariat key file and receipts also: other_kind (a signed document of another
    kind), other_country, not_ours (a receipt for a submission this workspace never made),
    contradicts (another answer to a submission already answered).
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
