"""Writing a key-registration sheet: check the key's facts, draw the page, write it whole.

Imported only when a sheet is made: it brings reportlab.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from focalpoint.domain.errors import InvalidInput
from focalpoint.i18n import LANGUAGES, _
from focalpoint.package.keys import normalise_fingerprint
from focalpoint.package.registration import registration_payload, secretariat_payload
from focalpoint.render.key_sheet import (
    KeySheet,
    SecretariatKeySheet,
    render_key_sheet,
    render_secretariat_key_sheet,
)
from focalpoint.services.common.files import output_target, write_bytes_whole


def qr_payload(sheet: KeySheet) -> str:
    """The exact text the sheet's QR code carries (see ``package.registration``).

    Refuses (:class:`InvalidInput`) a sheet whose fingerprint or key id is not its key's.
    """
    return registration_payload(
        sheet.country_code, sheet.public_key_pem, sheet.fingerprint, sheet.key_id
    )


def write_key_sheet(path: Path, sheet: KeySheet, language: str) -> None:
    """Write the sheet as a one-page PDF to ``path``, whole or not at all."""
    _check_language(language)
    target = output_target(
        path,
        _("Give the sheet a file name, such as key-sheet.pdf."),
        _("{path} is not a file: choose another name for the sheet."),
    )
    payload = qr_payload(sheet)  # checked before anything is drawn
    shown = replace(
        sheet,
        fingerprint=normalise_fingerprint(sheet.fingerprint),
        replaces=tuple(normalise_fingerprint(f) for f in sheet.replaces),
    )
    write_bytes_whole(
        target,
        render_key_sheet(shown, payload, language),
        _(
            "The key registration sheet cannot be written to {path}: {reason}. Choose "
            "another folder, or close the program that has the file open."
        ),
    )


def write_secretariat_key_sheet(path: Path, sheet: SecretariatKeySheet, language: str) -> None:
    """Write the Secretariat's key sheet as a one-page PDF to ``path``, whole or not at all."""
    _check_language(language)
    target = output_target(
        path,
        _("Give the sheet a file name, such as key-sheet.pdf."),
        _("{path} is not a file: choose another name for the sheet."),
    )
    payload = secretariat_payload(
        sheet.public_key_pem, sheet.fingerprint, sheet.key_id, sheet.age_recipient
    )
    shown = replace(sheet, fingerprint=normalise_fingerprint(sheet.fingerprint))
    write_bytes_whole(
        target,
        render_secretariat_key_sheet(shown, payload, language),
        _(
            "The key sheet cannot be written to {path}: {reason}. Choose another folder, or "
            "close the program that has the file open."
        ),
    )


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise InvalidInput(
            _("Unknown language '{code}'. Use one of: {codes}.").format(
                code=language, codes=", ".join(LANGUAGES)
            )
        )
