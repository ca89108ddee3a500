"""The key-registration sheet: one A4 page a focal point prints, signs and sends to the
Technical Secretariat by a channel other than the one used for submissions, so that the
Secretariat can register the country's Ed25519 signing key.

The Secretariat reads the fingerprint back by phone before registering the key, so it is set
large, monospaced and in groups of four. The QR code carries the same facts for a machine
(``package.registration``). The sheet is written in its own language (es, en or fr), independent of
the interface's, in the DejaVu fonts the country report embeds; the key itself (fingerprint,
key id, PEM) is ASCII and set in Courier, one of the fonts every PDF reader has.

The sheet is drawn from prepared, already checked facts (``services.common.key_sheets`` checks
the fingerprint and key id against the public key and writes the file).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime

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
    Spacer,
    Table,
    TableStyle,
)

from focalpoint.i18n import N_, Translator, translator
from focalpoint.render.style import (
    ACCENT,
    BOLD,
    FONT,
    INK,
    MONO,
    MONO_BOLD,
    MUTED,
    RULE,
    SHADE,
    plain,
    register_fonts,
)
from focalpoint.version import app_version

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


@dataclass(frozen=True)
class SecretariatKeySheet:
    """The Secretariat's own key, as countries check it before they trust its key file."""

    name: str  # e.g. "Secretaría Técnica de la CRM"
    fingerprint: str
    key_id: str
    public_key_pem: str
    age_recipient: str  # "age1…": what countries encrypt their packages to
    created_at: str  # ISO 8601 UTC


@dataclass(frozen=True)
class _Page:
    """What one key sheet says, already in its language: the two kinds of sheet differ only in
    their words, so one page lays out both."""

    title: str
    who: str  # under the title
    intro: str
    facts: list[tuple[str, str]]  # beside the QR code
    qr_caption: str
    fingerprint: str
    key_rows: list[tuple[str, str, str]]  # label, text, style ("mono", "value" or "pem")
    declaration: str
    author: str
    keywords: list[str]


def render_key_sheet(sheet: KeySheet, qr_payload: str, language: str) -> bytes:
    """The sheet as a one-page PDF, in ``language``; ``qr_payload`` is what the QR code says."""
    tr = translator(language)
    key_rows = [
        (tr(N_("Key id (SHA-256)")), sheet.key_id.lower(), "mono"),
        (tr(N_("Created")), _created(sheet.created_at, language), "value"),
    ]
    if sheet.replaces:
        key_rows.append((tr(N_("Replaces")), ", ".join(sheet.replaces), "mono"))
    key_rows.append((tr(N_("Public key (PEM)")), sheet.public_key_pem.strip(), "pem"))
    page = _Page(
        title=tr(N_("Signing key registration")),
        who=f"{sheet.country_name} ({sheet.country_code})",
        intro=tr(
            N_(
                "Send this sheet to the Technical Secretariat by a channel other than the "
                "one you use for submissions. Before it registers the key, the Secretariat "
                "will call you and read the fingerprint back to you: check that it matches "
                "this sheet."
            )
        ),
        facts=[
            (tr(N_("Officer")), sheet.officer_name),
            (tr(N_("Job title")), sheet.officer_title),
            (tr(N_("Institution")), sheet.institution),
            (tr(N_("E-mail")), sheet.email),
            (tr(N_("Phone")), sheet.phone),
        ],
        qr_caption=tr(N_("Country, fingerprint and public key")),
        fingerprint=sheet.fingerprint,
        key_rows=key_rows,
        declaration=tr(
            N_(
                "I ask the Technical Secretariat to register this key as the signing key of "
                "{country} for the submissions made with FocalPoint."
            )
        ).format(country=sheet.country_name),
        author=sheet.officer_name,
        keywords=["RCM", "Ed25519", sheet.country_code],
    )
    return _render(page, qr_payload, language, tr)


def render_secretariat_key_sheet(
    sheet: SecretariatKeySheet, qr_payload: str, language: str
) -> bytes:
    """The Secretariat's key sheet as a one-page PDF: what a country's focal point checks
    against the key file before trusting it (the fingerprint, read over the phone)."""
    tr = translator(language)
    page = _Page(
        title=tr(N_("The Technical Secretariat's key")),
        who=sheet.name,
        intro=tr(
            N_(
                "Countries trust the Secretariat through its key file "
                "(FocalPoint-Secretariat-key.json). When a focal point imports it, FocalPoint "
                "asks for the key's fingerprint: read it to them over the phone from this "
                "sheet, or send them the sheet by a channel other than the key file's."
            )
        ),
        facts=[
            (tr(N_("Secretariat")), sheet.name),
            (tr(N_("Created")), _created(sheet.created_at, language)),
        ],
        qr_caption=tr(N_("Fingerprint, public key and encryption key")),
        fingerprint=sheet.fingerprint,
        key_rows=[
            (tr(N_("Key id (SHA-256)")), sheet.key_id.lower(), "mono"),
            (tr(N_("Encryption key (age)")), sheet.age_recipient, "mono"),
            (tr(N_("Public key (PEM)")), sheet.public_key_pem.strip(), "pem"),
        ],
        declaration=tr(
            N_(
                "The Technical Secretariat signs its receipts and plan files with this key, and "
                "only it can open the packages countries encrypt to its encryption key."
            )
        ),
        author=sheet.name,
        keywords=["RCM", "Ed25519", "age"],
    )
    return _render(page, qr_payload, language, tr)


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


def _story(page: _Page, payload: str, tr: Translator, width: float) -> list[Flowable]:
    s = _styles()
    story: list[Flowable] = [
        plain(page.title, s["title"]),
        plain(page.who, s["country"]),
        Spacer(1, 3 * mm),
        plain(page.intro, s["body"]),
        Spacer(1, 5 * mm),
    ]
    details = Table(
        [
            [plain(label, s["label"]), plain(value or "—", s["value"])]
            for label, value in page.facts
        ],
        colWidths=[30 * mm, width - _QR - 6 * mm - 30 * mm],
    )
    details.setStyle(_FACTS_STYLE)
    code = [_qr(payload), plain(page.qr_caption, s["caption"])]
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
            [plain(tr(N_("Key fingerprint")), s["label"])],
            [plain(page.fingerprint, s["fingerprint"])],
            [
                plain(
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
    about = Table(
        [[plain(label, s["label"]), plain(text, s[style])] for label, text, style in page.key_rows],
        colWidths=[42 * mm, width - 42 * mm],
        hAlign="LEFT",
    )
    about.setStyle(_FACTS_STYLE)
    story.append(about)
    return story


def _render(page: _Page, payload: str, language: str, tr: Translator) -> bytes:
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
        title=page.title,
        author=page.author,
        subject=f"{page.who} · {page.fingerprint}",
        creator=f"FocalPoint {app_version()}",
        keywords=page.keywords,
        lang=language,
        initialFontName=FONT,  # otherwise the page names Helvetica, a font it does not carry
    )
    # The declaration and the boxes for signature, date and stamp sit at the foot of the page;
    # everything else above them, shrunk to fit if the names are long: always one page.
    foot = _foot(page, tr, width)
    foot_height = sum(f.wrap(width, doc.height)[1] for f in foot)
    room = doc.height - foot_height - 6 * mm
    bare = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
    frames = [
        Frame(doc.leftMargin, doc.bottomMargin + foot_height + 6 * mm, width, room, **bare),
        Frame(doc.leftMargin, doc.bottomMargin, width, foot_height, **bare),
    ]
    doc.addPageTemplates([PageTemplate(id="sheet", frames=frames)])
    story = _story(page, payload, tr, width)
    doc.build([KeepInFrame(width, room, story, mode="shrink"), FrameBreak(), *foot])
    return buffer.getvalue()


def _foot(page: _Page, tr: Translator, width: float) -> list[Flowable]:
    return [
        plain(page.declaration, _styles()["body"]),
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
