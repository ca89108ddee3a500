"""The key-registration sheet: one A4 page a focal point prints, signs and sends to the
Technical Secretariat by a channel other than the one used for submissions, so that the
Secretariat can register the country's Ed25519 signing key.

The Secretariat reads the fingerprint back by phone before registering the key, so it is set
large, monospaced and in groups of four. The QR code carries the same facts for a machine:
:func:`qr_payload`. The sheet is written in its own language (es, en or fr), independent of
the interface's, in the DejaVu fonts the country report embeds; the key itself (fingerprint,
key id, PEM) is ASCII and set in Courier, one of the fonts every PDF reader has.

Before anything is drawn, the fingerprint and the key id are checked against the public key:
a sheet that named one key and carried another would register the wrong key.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from babel.dates import format_date, format_time
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    KeepInFrame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from focalpoint import __version__
from focalpoint.domain.errors import InvalidInput
from focalpoint.i18n import LANGUAGES, N_, Translator, _, translator
from focalpoint.package.keys import fingerprint_of, normalise_fingerprint, public_key_from_pem
from focalpoint.services.report_pdf import (
    ACCENT,
    BOLD,
    FONT,
    INK,
    MUTED,
    RULE,
    SHADE,
    register_fonts,
)
from focalpoint.services.whole_file import write_bytes_whole

MONO, MONO_BOLD = "Courier", "Courier-Bold"  # the key's text is ASCII: no font to embed
PAYLOAD_PREFIX = "FOCALPOINT-KEY:1"
_COUNTRY = re.compile(r"[A-Z]{2}")
_MARGIN = 18 * mm
_QR = 60 * mm
# Label-value tables: a hairline between rows, labels flush with the text margin.
_FACTS_STYLE = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
)


@dataclass(frozen=True)
class KeySheet:
    country_code: str  # e.g. "GT"
    country_name: str  # already in the sheet's language
    officer_name: str
    officer_title: str
    institution: str
    email: str
    phone: str
    fingerprint: str  # e.g. "K3ZQ-7RTA-M2PX-QW4D" (16 base32 chars in 4 groups)
    key_id: str  # 64 hex chars (SHA-256 of the raw public key)
    public_key_pem: str  # "-----BEGIN PUBLIC KEY-----\n...\n-----END PUBLIC KEY-----\n"
    created_at: str  # ISO 8601 UTC, e.g. "2026-11-28T10:00:00+00:00"
    replaces: tuple[str, ...]  # fingerprints of earlier keys of this workspace, newest first


def qr_payload(sheet: KeySheet) -> str:
    """The exact text the QR code carries:
    ``FOCALPOINT-KEY:1;country=GT;fp=K3ZQ-7RTA-M2PX-QW4D;key=<base64 of the raw public key>``.

    Refuses (:class:`InvalidInput`) a sheet whose fingerprint or key id is not its key's.
    """
    return _payload(sheet.country_code, _checked_key(sheet))


def _payload(country_code: str, raw: bytes) -> str:
    key = base64.b64encode(raw).decode("ascii")
    return f"{PAYLOAD_PREFIX};country={country_code};fp={fingerprint_of(raw)};key={key}"


def write_key_sheet(path: Path, sheet: KeySheet, language: str) -> None:
    """Write the sheet as a one-page PDF to ``path``, whole or not at all.

    The page is made in memory, written beside the target as ``.name.part`` and renamed over
    it: a full disk or a file open elsewhere never leaves half a sheet in its place.
    """
    if language not in LANGUAGES:
        raise InvalidInput(
            _("Unknown language '{code}'. Use one of: {codes}.").format(
                code=language, codes=", ".join(LANGUAGES)
            )
        )
    target = _target(path)
    raw = _checked_key(sheet)  # before anything is drawn
    document = _render(sheet, raw, language, translator(language))
    write_bytes_whole(
        target,
        document,
        _(
            "The key registration sheet cannot be written to {path}: {reason}. Choose "
            "another folder, or close the program that has the file open."
        ),
    )


def _target(path: Path) -> Path:
    """Where the sheet really goes; refuses what is not, or cannot become, a plain file."""
    if not str(path).strip() or not Path(path).name:
        raise InvalidInput(_("Give the sheet a file name, such as key-sheet.pdf."))
    target = Path(path).expanduser().resolve()  # through a link, onto the file it names
    if target.exists() and not target.is_file():
        raise InvalidInput(
            _("{path} is not a file: choose another name for the sheet.").format(path=target)
        )
    return target


def _checked_key(sheet: KeySheet) -> bytes:
    """The raw 32-byte public key, once the sheet's country, fingerprint and key id agree."""
    if not _COUNTRY.fullmatch(sheet.country_code):
        raise InvalidInput(
            _("The country code must be two capital letters, such as GT, not '{code}'.").format(
                code=sheet.country_code
            )
        )
    raw = public_key_from_pem(sheet.public_key_pem.encode("ascii", errors="replace")).raw
    expected = fingerprint_of(raw)
    if normalise_fingerprint(sheet.fingerprint) != expected:
        raise InvalidInput(
            _(
                "The fingerprint {fingerprint} is not that of this public key ({expected}): "
                "the sheet was not written."
            ).format(fingerprint=sheet.fingerprint, expected=expected)
        )
    if sheet.key_id.lower() != hashlib.sha256(raw).hexdigest():
        raise InvalidInput(
            _("The key id is not that of this public key: the sheet was not written.")
        )
    return raw


# --- the page -----------------------------------------------------------------------------


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, textColor=INK)
    return {
        "body": base,
        "title": ParagraphStyle(
            "title", parent=base, fontName=BOLD, fontSize=20, leading=24, textColor=ACCENT
        ),
        "country": ParagraphStyle("country", parent=base, fontSize=13, leading=17),
        "label": ParagraphStyle("label", parent=base, fontSize=8, leading=10, textColor=MUTED),
        "value": ParagraphStyle("value", parent=base, fontSize=10, leading=12.5),
        "caption": ParagraphStyle(
            "caption", parent=base, fontSize=7.5, leading=9, textColor=MUTED, alignment=1
        ),
        "fingerprint": ParagraphStyle(
            "fingerprint",
            parent=base,
            fontName=MONO_BOLD,
            fontSize=30,
            leading=34,
            alignment=1,
        ),
        "hint": ParagraphStyle(
            "hint", parent=base, fontSize=8, leading=10, textColor=MUTED, alignment=1
        ),
        "mono": ParagraphStyle("mono", parent=base, fontName=MONO, fontSize=9, leading=11),
        "pem": ParagraphStyle("pem", parent=base, fontName=MONO, fontSize=9, leading=11.5),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped: names are the user's, not markup)."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _created(iso: str, language: str) -> str:
    """ "28 de noviembre de 2026, 10:00 UTC": the key's creation, in UTC as it is recorded."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso  # shown as recorded rather than refused: the key is what matters
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    day = format_date(moment, format="long", locale=language)
    time = format_time(moment, format="short", tzinfo=UTC, locale=language)
    return f"{day}, {time} UTC"


def _qr(payload: str) -> Drawing:
    code = QrCodeWidget(payload, barLevel="M")  # the quiet zone is inside its square
    code.barWidth = code.barHeight = _QR
    drawing = Drawing(_QR, _QR)
    drawing.add(code)
    return drawing


def _story(
    sheet: KeySheet, raw: bytes, language: str, tr: Translator, width: float
) -> list[Flowable]:
    s = _styles()
    story: list[Flowable] = [
        _p(tr(N_("Signing key registration")), s["title"]),
        _p(f"{sheet.country_name} ({sheet.country_code})", s["country"]),
        Spacer(1, 3 * mm),
        _p(
            tr(
                N_(
                    "Send this sheet to the Technical Secretariat by a channel other than the "
                    "one you use for submissions. Before it registers the key, the Secretariat "
                    "will call you and read the fingerprint back to you: check that it matches "
                    "this sheet."
                )
            ),
            s["body"],
        ),
        Spacer(1, 5 * mm),
    ]
    facts = [
        (N_("Officer"), sheet.officer_name),
        (N_("Job title"), sheet.officer_title),
        (N_("Institution"), sheet.institution),
        (N_("E-mail"), sheet.email),
        (N_("Phone"), sheet.phone),
    ]
    details = Table(
        [[_p(tr(label), s["label"]), _p(value or "—", s["value"])] for label, value in facts],
        colWidths=[30 * mm, width - _QR - 6 * mm - 30 * mm],
    )
    details.setStyle(_FACTS_STYLE)
    code = [
        _qr(_payload(sheet.country_code, raw)),
        _p(tr(N_("Country, fingerprint and public key")), s["caption"]),
    ]
    # Left-aligned, all of them: when long names shrink the page to fit, the frame grows
    # wider than the tables, and centred tables would drift right.
    top = Table([[details, code]], colWidths=[width - _QR - 6 * mm, _QR + 6 * mm], hAlign="LEFT")
    top.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (1, 0), (1, 0), 6 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story += [top, Spacer(1, 5 * mm)]
    fingerprint = Table(
        [
            [_p(tr(N_("Key fingerprint")), s["label"])],
            [_p(fingerprint_of(raw), s["fingerprint"])],
            [
                _p(
                    tr(
                        N_(
                            "Read it aloud in groups of four. It has only the letters A to Z "
                            "and the digits 2 to 7: no zero, no one."
                        )
                    ),
                    s["hint"],
                )
            ],
        ],
        colWidths=[width],
        hAlign="LEFT",
    )
    fingerprint.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
                ("TOPPADDING", (0, 0), (-1, 0), 6),
                ("TOPPADDING", (0, 1), (-1, 1), 4),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 6),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
            ]
        )
    )
    story += [fingerprint, Spacer(1, 4 * mm)]
    key_rows = [
        (tr(N_("Key id (SHA-256)")), _p(sheet.key_id.lower(), s["mono"])),
        (tr(N_("Created")), _p(_created(sheet.created_at, language), s["value"])),
    ]
    if sheet.replaces:
        key_rows.append(
            (
                tr(N_("Replaces key(s)")),
                _p(", ".join(normalise_fingerprint(f) for f in sheet.replaces), s["mono"]),
            )
        )
    key_rows.append((tr(N_("Public key (PEM)")), _p(sheet.public_key_pem.strip(), s["pem"])))
    about = Table(
        [[_p(label, s["label"]), value] for label, value in key_rows],
        colWidths=[42 * mm, width - 42 * mm],
        hAlign="LEFT",
    )
    about.setStyle(_FACTS_STYLE)
    story.append(about)
    return story


def _render(sheet: KeySheet, raw: bytes, language: str, tr: Translator) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    width = A4[0] - 2 * _MARGIN
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=16 * mm,
        bottomMargin=14 * mm,
        title=tr(N_("Signing key registration")),
        author=sheet.officer_name,
        subject=f"{sheet.country_name} ({sheet.country_code}) · {fingerprint_of(raw)}",
        creator=f"FocalPoint {__version__}",
        keywords=["RCM", "Ed25519", sheet.country_code],
        lang=language,
        initialFontName=FONT,  # otherwise the page names Helvetica, a font it does not carry
    )
    # The declaration and the boxes for signature, date and stamp sit at the foot of the page;
    # everything else above them, shrunk to fit if the names are long: always one page.
    foot = _foot(sheet, tr, width)
    foot_height = sum(f.wrap(width, doc.height)[1] for f in foot)
    room = doc.height - foot_height - 6 * mm
    bare = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
    frames = [
        Frame(doc.leftMargin, doc.bottomMargin + foot_height + 6 * mm, width, room, **bare),
        Frame(doc.leftMargin, doc.bottomMargin, width, foot_height, **bare),
    ]
    doc.addPageTemplates([PageTemplate(id="sheet", frames=frames)])
    story = _story(sheet, raw, language, tr, width)
    doc.build([KeepInFrame(width, room, story, mode="shrink"), FrameBreak(), *foot])
    return buffer.getvalue()


def _foot(sheet: KeySheet, tr: Translator, width: float) -> list[Flowable]:
    declaration = tr(
        N_(
            "I ask the Technical Secretariat to register this key as the signing key of "
            "{country} for the submissions made with FocalPoint."
        )
    ).format(country=sheet.country_name)
    return [
        _p(declaration, _styles()["body"]),
        Spacer(1, 4 * mm),
        _SignatureBoxes(width, (tr(N_("Signature")), tr(N_("Date")), tr(N_("Stamp")))),
    ]


class _SignatureBoxes(Flowable):
    """Lines for the officer's signature and the date, and a box for the institution's stamp."""

    HEIGHT = 44 * mm

    def __init__(self, width: float, labels: tuple[str, str, str]) -> None:
        super().__init__()
        self.width, self.height = width, self.HEIGHT
        self._labels = labels

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        gap, stamp = 8 * mm, 50 * mm
        sign = (self.width - stamp - 2 * gap) * 0.62
        date = self.width - stamp - 2 * gap - sign
        base = 5 * mm  # the lines; their labels go under them
        canvas.setLineWidth(0.6)
        canvas.setFont(FONT, 8)
        canvas.setFillColor(MUTED)
        x = 0.0
        for label, span in ((self._labels[0], sign), (self._labels[1], date)):
            canvas.setStrokeColor(INK)
            canvas.line(x, base, x + span, base)
            canvas.drawString(x, 0, label)
            x += span + gap
        canvas.setStrokeColor(MUTED)
        canvas.setDash(2, 2)
        canvas.rect(x, base, stamp, self.height - base, stroke=1, fill=0)
        canvas.setDash()
        canvas.drawString(x, 0, self._labels[2])
