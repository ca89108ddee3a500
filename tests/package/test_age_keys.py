"""The Secretariat's age identity sealed under its passphrase: opened by that passphrase only,
at a fixed memory cost, and the first keys (sealed by age itself) still open."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pyrage import passphrase as age_passphrase
from pyrage import x25519

from focalpoint.domain.errors import WrongPassphrase
from focalpoint.package.age_keys import SEALED, new_identity, open_identity, seal, unseal

PASSPHRASE = "una frase de paso larga"


def test_the_identity_opens_with_its_passphrase_only_and_decrypts_what_was_sent_to_it() -> None:
    sealed, recipient = new_identity(PASSPHRASE)
    assert sealed.startswith(SEALED) and recipient.startswith("age1")
    identity = open_identity(sealed, "una frase de paso larga")
    message = b"a package's bytes"
    from pyrage import decrypt, encrypt

    assert decrypt(encrypt(message, [x25519.Recipient.from_str(recipient)]), [identity]) == message
    with pytest.raises(WrongPassphrase):
        open_identity(sealed, "otra frase de paso larga")


def test_a_changed_byte_is_refused_and_a_composed_accent_opens_alike() -> None:
    sealed = seal(b"AGE-SECRET-KEY-1...", "contraseña segura")
    assert unseal(sealed, "contrasen\u0303a segura") == b"AGE-SECRET-KEY-1..."  # NFD typed
    for at in (len(SEALED) + 3, len(sealed) - 1):
        tampered = bytearray(sealed)
        tampered[at] ^= 1
        with pytest.raises(WrongPassphrase):
            unseal(bytes(tampered), "contraseña segura")
    with pytest.raises(WrongPassphrase):
        unseal(b"not sealed at all", "contraseña segura")


def test_an_identity_sealed_by_age_itself_still_opens() -> None:
    identity = x25519.Identity.generate()
    legacy = age_passphrase.encrypt(str(identity).encode("ascii"), PASSPHRASE)
    assert str(open_identity(legacy, PASSPHRASE)) == str(identity)
    with pytest.raises(WrongPassphrase):
        open_identity(legacy, "otra frase de paso larga")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's /proc")
def test_unlocking_takes_a_fixed_amount_of_memory() -> None:
    """128 MiB of scrypt, whatever machine sealed it (age's own had tuned itself to 512 MiB):
    the peak of a process that only opens the identity."""
    sealed, _recipient = new_identity(PASSPHRASE)
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
    code = (
        "from focalpoint.package.age_keys import open_identity\n"
        f"open_identity({sealed!r}, {PASSPHRASE!r})\n"
        "status = open('/proc/self/status').read()\n"
        "print(next(l.split()[1] for l in status.splitlines() if l.startswith('VmHWM')))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    peak_mib = int(run.stdout) / 1024
    assert 128 < peak_mib < 256
