"""Which files can be evidence for a practice, and whether a file is what its name says.

A file is accepted only when its first bytes match its extension and it ends as that kind of
file ends (a PDF with its trailer, a PNG with its last chunk…): a renamed executable, a
document with a program stuck after it, or a damaged download is refused before it is copied
into the workspace. Office files are checked as ZIP archives by the service that holds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from focalpoint.domain.errors import InvalidInput
from focalpoint.i18n import _, current_language

# Large enough for a scanned report or a photo series, small enough that a submission package
# still travels by e-mail. The attachment dialog tells the user this figure.
MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024


@dataclass(frozen=True)
class FileKind:
    media_type: str
    magic: tuple[bytes, ...]
    # For ZIP-based office files: a member that only this kind of document has.
    zip_member: str = ""
    # How the file's last bytes must look (see ``check_ending``); "" when the format has no end.
    ending: str = ""


_PDF = FileKind("application/pdf", (b"%PDF-",), ending="pdf")
_PNG = FileKind("image/png", (b"\x89PNG\r\n\x1a\n",), ending="png")
_JPEG = FileKind("image/jpeg", (b"\xff\xd8\xff",), ending="jpeg")
_GIF = FileKind("image/gif", (b"GIF87a", b"GIF89a"), ending="gif")
_TIFF = FileKind("image/tiff", (b"II*\x00", b"MM\x00*"))
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # the container of .doc, .xls and .ppt
_ZIP = (b"PK\x03\x04",)
_OOXML = "application/vnd.openxmlformats-officedocument."
_ODF = "application/vnd.oasis.opendocument."

KINDS: dict[str, FileKind] = {
    "pdf": _PDF,
    "png": _PNG,
    "jpg": _JPEG,
    "jpeg": _JPEG,
    "gif": _GIF,
    "tif": _TIFF,
    "tiff": _TIFF,
    "doc": FileKind("application/msword", _OLE),
    "xls": FileKind("application/vnd.ms-excel", _OLE),
    "ppt": FileKind("application/vnd.ms-powerpoint", _OLE),
    "docx": FileKind(_OOXML + "wordprocessingml.document", _ZIP, "word/document.xml"),
    "xlsx": FileKind(_OOXML + "spreadsheetml.sheet", _ZIP, "xl/workbook.xml"),
    "pptx": FileKind(_OOXML + "presentationml.presentation", _ZIP, "ppt/presentation.xml"),
    "odt": FileKind(_ODF + "text", _ZIP, "content.xml"),
    "ods": FileKind(_ODF + "spreadsheet", _ZIP, "content.xml"),
    "odp": FileKind(_ODF + "presentation", _ZIP, "content.xml"),
}


def extension(file_name: str) -> str:
    return file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""


def kind_for(file_name: str) -> FileKind:
    """The kind the file's extension promises, refusing extensions that cannot be evidence."""
    kind = KINDS.get(extension(file_name))
    if kind is None:
        raise InvalidInput(
            _(
                "'{name}' cannot be attached. Attach PDF, images or office documents ({types})."
            ).format(name=file_name, types=", ".join(sorted(KINDS)))
        )
    return kind


def check_header(file_name: str, kind: FileKind, head: bytes) -> None:
    """Refuse a file whose first bytes are not those of the kind its extension promises."""
    if not any(head.startswith(magic) for magic in kind.magic):
        raise InvalidInput(
            _(
                "'{name}' is not a real .{ext} file: its content does not match its name. "
                "Nothing was attached."
            ).format(name=file_name, ext=extension(file_name))
        )


# How much of a file's end is read to find how it ends: a PDF's trailer, ``startxref`` and
# ``%%EOF`` lie within its last kilobyte (PDF 32000-1, 7.5.5).
TAIL_BYTES = 1024
_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"  # the empty IEND chunk, always last


# A phone's "motion photo" is a JPEG with its short video (MP4) after it, the video's length
# written in the photo's XMP (Google's Camera XMP, both versions): the photo is sound when its
# end marker is right where the video, an MP4 starting with its "ftyp" box, begins.
_MOTION_VIDEO = re.compile(
    rb'MicroVideoOffset="(\d{1,10})"'
    rb'|Item:Semantic="MotionPhoto"[^>]{0,400}?Item:Length="(\d{1,10})"'
    rb'|Item:Length="(\d{1,10})"[^>]{0,400}?Item:Semantic="MotionPhoto"'
)
HEAD_BYTES = 64 * 1024  # where a JPEG keeps its XMP (one APP1 segment, at most 64 KB)


def motion_video_length(head: bytes) -> int | None:
    """The length of the video a motion photo carries after its image (None: not one)."""
    found = _MOTION_VIDEO.search(head)
    if found is None:
        return None
    return int(next(group for group in found.groups() if group))


def is_video_start(around: bytes) -> bool:
    """``around``: the 10 bytes at the image's end; whether they are a JPEG's end marker
    followed by the first box of an MP4 (its 4-byte size, then "ftyp")."""
    return around[:2] == b"\xff\xd9" and around[6:10] == b"ftyp"


def check_ending(file_name: str, kind: FileKind, tail: bytes, video_after: bool = False) -> None:
    """Refuse a file whose last bytes (``tail``: up to ``TAIL_BYTES``) are not those its kind
    ends with: cut short, or something else (a program) attached after the document.
    ``video_after``: a motion photo's video follows its image (see ``is_video_start``)."""
    # Editors and mail programs may pad a file with blank lines or zero bytes: not a fault.
    end = tail.rstrip(b"\x00\r\n\t ")
    sound = {
        "pdf": b"%%EOF" in tail and b"startxref" in tail,
        "png": end.endswith(_PNG_END),
        # Samsung's cameras add a trailer of their own after the image, ending "SEFT".
        "jpeg": end.endswith(b"\xff\xd9") or tail.endswith(b"SEFT") or video_after,
        "gif": end.endswith(b";"),
    }.get(kind.ending, True)
    if not sound:
        raise InvalidInput(
            _(
                "'{name}' is not a sound .{ext} file: it is cut short, or something else is "
                "attached after its end. Save it again from the program that made it. Nothing "
                "was attached."
            ).format(name=file_name, ext=extension(file_name))
        )


def describe_size(size: int, language: str | None = None) -> str:
    """A size as people say it in their language: '3.2 MB', '3,2 MB', '850 KB', '3,2 Mo'."""
    from babel.numbers import format_decimal

    locale = language or current_language()
    kilo, mega = _UNITS.get(locale, ("KB", "MB"))
    if size >= 1024 * 1024:
        return f"{format_decimal(size / (1024 * 1024), format='0.0', locale=locale)} {mega}"
    return f"{format_decimal(max(1, round(size / 1024)), locale=locale)} {kilo}"


# French counts in octets: "850 Ko", "3,2 Mo".
_UNITS = {"fr": ("Ko", "Mo")}
