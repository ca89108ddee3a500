"""Where the workspace lives: ``--data-dir``, then ``FOCALPOINT_DATA_DIR``, then the user data."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "FOCALPOINT_DATA_DIR"
RESOURCES = Path(__file__).with_name("resources")
BUNDLED_PLAN = RESOURCES / "plan" / "rcm-nna-2017-2022-provisional.json"

# A workspace folder is of one kind for good, told by the file it holds: a country's database,
# or the Secretariat's marker (its database is beside it, or on a server the marker names).
COUNTRY_DATABASE = "focalpoint.db"
SECRETARIAT_MARKER = "secretariat.json"
COUNTRY = "country"
SECRETARIAT = "secretariat"


def folder_kind(folder: Path) -> str | None:
    """``COUNTRY``, ``SECRETARIAT``, or None for a folder that holds no workspace yet."""
    if (folder / SECRETARIAT_MARKER).exists():
        return SECRETARIAT
    if (folder / COUNTRY_DATABASE).exists():
        return COUNTRY
    # A country's evidence or submissions without their database: a damaged country workspace
    # (said so when it is opened), never a new folder to offer to the Secretariat.
    if any((folder / name).is_dir() for name in ("attachments", "submissions")):
        return COUNTRY
    return None


def refuse_other_kind(folder: Path, wanted: str) -> None:
    """Refuse, in the user's language, to open a folder of the other kind as ``wanted``.

    Never a crash and never a second workspace of the other kind made beside the first.
    """
    from focalpoint.domain.errors import StorageError
    from focalpoint.i18n import _

    kind = folder_kind(folder)
    if kind is None or kind == wanted:
        return
    if kind == SECRETARIAT:
        message = _(
            "The folder {path} holds the Technical Secretariat's workspace, not a country's. "
            "Choose another folder for the country's workspace. Nothing was changed."
        )
    else:
        message = _(
            "The folder {path} holds a country's workspace, not the Technical Secretariat's. "
            "Choose another folder for the Secretariat's workspace. Nothing was changed."
        )
    raise StorageError(message.format(path=folder))


def make_workspace_folder(folder: Path) -> None:
    """Create a new workspace's own folder, private; refuse in words when its parent is missing
    (a mistyped path makes no tree of folders), except in the default place. OSError when the
    disk refuses: each side says that in its own words."""
    from focalpoint.domain.errors import StorageError
    from focalpoint.i18n import _

    if not folder.parent.is_dir() and not may_make_parents(folder):
        raise StorageError(
            _(
                "The folder {parent} does not exist. Check the path, or create that folder "
                "first. Nothing was created."
            ).format(parent=folder.parent)
        )
    make_private_folder(folder)


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` (its parent must exist), the user's alone (0700) whatever the umask.

    A workspace holds the encrypted key and people's contact details: no other account on the
    computer reads it. An existing folder is left as it is (see ``tighten_workspace``).
    """
    if not folder.parent.is_dir() and may_make_parents(folder):
        folder.parent.mkdir(parents=True, exist_ok=True)
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        if not folder.is_dir():
            raise
        return
    if os.name == "posix":
        os.chmod(folder, 0o700)


def make_private(path: Path) -> None:
    """Make a file the user's alone (0600), whatever the umask; nothing to do off POSIX."""
    if os.name == "posix":
        os.chmod(path, 0o600)


def tighten_workspace(folder: Path) -> None:
    """Make an existing workspace the user's alone: the folder 0700, what it holds 0600 (its
    sub-folders 0700). Cheap: the folder and its own entries only, since a private folder
    already keeps others out of everything below it. Only in a folder the user owns (never
    another account's, nor a shared folder set up on purpose by an administrator), on POSIX.
    """
    if os.name != "posix":
        return
    try:
        info = folder.stat()
        if info.st_uid != os.getuid():
            return
        if info.st_mode & 0o077:
            os.chmod(folder, 0o700)
        with os.scandir(folder) as entries:
            for entry in entries:
                own = entry.stat(follow_symlinks=False)
                if own.st_uid != os.getuid() or not own.st_mode & 0o077:
                    continue
                if entry.is_dir(follow_symlinks=False):
                    os.chmod(entry.path, 0o700)
                elif entry.is_file(follow_symlinks=False):
                    os.chmod(entry.path, 0o600)
    except OSError:  # a read-only stick, a folder of another's: opened as it is
        return


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The workspace folder for this run (not created here).

    An empty ``--data-dir ""`` is refused rather than taken to mean the real workspace: a
    script that meant a scratch folder must never write into the user's own work.
    """
    from focalpoint.domain.errors import InvalidInput
    from focalpoint.i18n import _

    for given in (explicit, os.environ.get(ENV_DATA_DIR) or None):  # empty variable: unset
        if given is None:
            continue
        if not str(given).strip():
            raise InvalidInput(_("The workspace folder given is empty."))
        try:
            return Path(given).expanduser()
        except RuntimeError as exc:  # "~someone" who does not exist
            raise InvalidInput(
                _("The workspace folder {path} cannot be found.").format(path=given)
            ) from exc
    return default_data_dir()


def default_data_dir() -> Path:
    """Where the workspace lives when no folder is given: the user's data folder."""
    # platformdirs is only imported when no folder was given, which keeps scripted runs lean.
    from platformdirs import user_data_dir

    return Path(user_data_dir("FocalPoint", "RCM", roaming=True))


def may_make_parents(folder: Path) -> bool:
    """Whether the folders above ``folder`` may be made with it: only for the default place,
    FocalPoint's own choice (on Windows its parent, ``AppData\\Roaming\\RCM``, is new on a new
    account). A folder a person typed is made alone: a missing parent is a typo."""
    try:
        return folder.absolute() == default_data_dir().absolute()
    except OSError:
        return False
