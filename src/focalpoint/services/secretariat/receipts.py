"""The Secretariat's answer to a decided submission: a signed receipt the country takes in.

The receipt itself (its format, its signature) is the shared ``package/receipt.py``; here it
is filled from the inbox's record and signed with the Secretariat's own key. A superseded
submission was accepted by a person, only not merged over newer data: its receipt says accepted.
Every receipt also carries the answers to all of that country's amendment proposals as they
stand when it is written (``proposals``): writing it again later sends the newer answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from focalpoint.domain.errors import InvalidInput
from focalpoint.i18n import _
from focalpoint.services.common.files import output_target, write_bytes_whole
from focalpoint.services.secretariat.intake import Intake, ReceivedRow
from focalpoint.services.secretariat.proposals import Proposals
from focalpoint.services.secretariat.signing_keys import SecretariatKeyService

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

DECISION_OF = {"accepted": "accepted", "superseded": "accepted", "returned": "returned"}


class Receipts:
    def __init__(
        self, intake: Intake, keys: SecretariatKeyService, proposals: Proposals | None = None
    ) -> None:
        self._intake = intake
        self._keys = keys
        self._proposals = proposals

    def file_name(self, package_id: str) -> str:
        """What to call a decided submission's receipt: ``FocalPoint-receipt-SV-003-accepted.json``
        (refused, as :meth:`write` would, when it is not decided yet)."""
        from focalpoint.package.receipt import file_name

        row = self._decided(package_id)
        return file_name(row.country, row.sequence, DECISION_OF[row.state])

    def write(self, package_id: str, path: Path, passphrase: str) -> Path:
        """Write the signed receipt of a decided submission to ``path``, whole or not at all."""
        row = self._decided(package_id)
        target = output_target(
            path,
            _("Give the receipt a file name, such as FocalPoint-receipt-SV-001-accepted.json."),
            _("{path} is not a file: choose another name for the receipt."),
        )
        signing = self._keys.unlock(passphrase).signing  # WrongPassphrase: nothing written
        return self._write(row, target, signing)

    def write_many(self, package_ids: Sequence[str], folder: Path, passphrase: str) -> list[Path]:
        """Write the receipts of several decided submissions into ``folder``, each under its
        :meth:`file_name`; the key is unlocked once. Nothing is written when one of them is not
        decided yet, or when the passphrase is wrong."""
        rows = [self._decided(package_id) for package_id in package_ids]
        if not folder.is_dir():
            raise InvalidInput(
                _("{path} is not a folder: choose where the receipts go.").format(path=folder)
            )
        signing = self._keys.unlock(passphrase).signing  # WrongPassphrase: nothing written
        return [self._write(row, folder / self.file_name(row.id), signing) for row in rows]

    def _write(self, row: ReceivedRow, target: Path, signing: Ed25519PrivateKey) -> Path:
        from focalpoint.package.receipt import write_receipt

        decided_at = datetime.fromisoformat(row.decided_at) if row.decided_at else None
        data = write_receipt(
            signing,
            row.country,
            row.sequence,
            row.sha256,
            DECISION_OF[row.state],
            row.reason,
            decided_at,
            self._proposals.answers_for(row.country) if self._proposals is not None else (),
        )
        write_bytes_whole(target, data, _("The file {path} cannot be written: {reason}."))
        return target

    def _decided(self, package_id: str) -> ReceivedRow:
        row = self._intake.get(package_id)
        if row.state not in DECISION_OF:
            raise InvalidInput(
                _(
                    "Submission {n} of {country} is not decided yet: accept or return it before "
                    "sending a receipt."
                ).format(n=row.sequence, country=row.country)
            )
        return row
