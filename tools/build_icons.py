"""Render the application icon from its SVG into every file a desktop wants (not run by the build).

    .venv/bin/python tools/build_icons.py

Reads ``resources/icons/focalpoint.svg`` (and ``focalpoint-small.svg``, the same drawing with
thicker strokes and no ticks, for 16 and 24 pixels, where the full drawing turns to mush) and
writes, all of them committed:

- ``resources/icons/hicolor/<n>x<n>/apps/org.crmsv.FocalPoint.png`` for n in 16…512, and
  ``hicolor/scalable/apps/org.crmsv.FocalPoint.svg``: the freedesktop icon theme layout that
  ``packaging/linux/install.sh`` copies under ``~/.local/share/icons``;
- ``resources/icons/focalpoint.ico``: the Windows icon (executable, installer, file type);
- ``resources/icons/focalpoint.icns``: the macOS icon (the ``.app`` bundle);
- ``resources/windows/wizard-small-<w>x<h>.bmp``: the icon at the top of the Windows
  installer's pages, one per display scale from 100 % to 250 % (Inno Setup picks);
- ``src/focalpoint/resources/icons/``: what the running app loads (``ui/app_icon.py``): a PNG per
  size from 16 to 256 and the SVG.

Qt's own SVG renderer draws every size (QtSvg comes with PySide6-Essentials), so no other tool
is needed. The ICO and ICNS containers are written here: both are a short header and a table
of images, and writing them ourselves keeps the images exactly the PNGs above.
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

APP_ID = "org.crmsv.FocalPoint"
ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
SOURCE = ICONS / "focalpoint.svg"
SMALL_SOURCE = ICONS / "focalpoint-small.svg"
RUNTIME = ROOT / "src" / "focalpoint" / "resources" / "icons"

# At these sizes and below the small drawing is used (no ticks, thicker ring).
SMALL_MAX = 24
THEME_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
RUNTIME_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Windows picks among these for the taskbar, Explorer's views and the title bar at every scale.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Inno Setup's small wizard image at each display scale (100 % to 250 %), in its own sizes.
WIZARD_SMALL_SIZES = ((55, 55), (64, 68), (83, 80), (92, 97), (110, 106), (119, 123), (138, 140))
WINDOWS = ROOT / "resources" / "windows"
# The PNG-carrying ICNS types (macOS 10.7 and later) and the pixel size each holds.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),  # 16 at 2x
    (b"icp6", 64),
    (b"ic12", 64),  # 32 at 2x
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic13", 256),  # 128 at 2x
    (b"ic09", 512),
    (b"ic14", 512),  # 256 at 2x
    (b"ic10", 1024),  # 512 at 2x
)


def render(size: int) -> QImage:
    """The icon drawn at ``size`` × ``size`` pixels, transparent around the tile."""
    source = SMALL_SOURCE if size <= SMALL_MAX else SOURCE
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"{source} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def encoded(image: QImage, kind: bytes) -> bytes:
    """``image`` as the bytes of a ``kind`` file (b"PNG", b"BMP"), written by Qt."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(kind))
    if not writer.write(image):
        raise SystemExit(f"Qt could not write a {kind.decode()}: {writer.errorString()}")
    buffer.close()
    return bytes(data.data())


def png_bytes(image: QImage) -> bytes:
    return encoded(image, b"PNG")


def dib_bytes(image: QImage) -> bytes:
    """An ICO entry as a device-independent bitmap: 32-bit BGRA rows bottom-up, then the mask.

    Sizes below 256 are stored this way rather than as PNG, which every Windows reads but some
    resource tools (and Windows XP-era code paths still in the shell) do not.
    """
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, 2 * size, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    mask_rows = []
    mask_stride = ((size + 31) // 32) * 4
    for y in range(size - 1, -1, -1):
        row = bytearray()
        mask = bytearray(mask_stride)
        for x in range(size):
            argb = image.pixel(x, y)
            alpha = (argb >> 24) & 0xFF
            row += struct.pack("<I", argb)  # little-endian ARGB is the B, G, R, A order
            if alpha == 0:
                mask[x // 8] |= 0x80 >> (x % 8)
        rows.append(bytes(row))
        mask_rows.append(bytes(mask))
    return header + b"".join(rows) + b"".join(mask_rows)


def ico_bytes(images: dict[int, QImage]) -> bytes:
    """The ICO container: a header, one 16-byte entry per image, then the images."""
    payloads = [
        (size, png_bytes(images[size]) if size >= 256 else dib_bytes(images[size]))
        for size in ICO_SIZES
    ]
    out = struct.pack("<HHH", 0, 1, len(payloads))
    offset = 6 + 16 * len(payloads)
    table = b""
    for size, payload in payloads:
        side = 0 if size >= 256 else size  # 0 means 256 in the one-byte field
        table += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(payload), offset)
        offset += len(payload)
    return out + table + b"".join(payload for _, payload in payloads)


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """The ICNS container: ``icns``, the total length, then (type, length, PNG) entries."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def wizard_image(width: int, height: int) -> bytes:
    """The icon centred on the installer's white page, as a 24-bit BMP (what Inno Setup reads)."""
    side = min(width, height) - 4  # a little white around the tile
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    painter.drawImage((width - side) // 2, (height - side) // 2, render(side))
    painter.end()
    return encoded(image.convertToFormat(QImage.Format.Format_RGB888), b"BMP")


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(f"{path.relative_to(ROOT)}  {len(data):,} bytes")


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    sizes = sorted(set(THEME_SIZES) | {size for _, size in ICNS_TYPES})
    images = {size: render(size) for size in sizes}
    pngs = {size: png_bytes(image) for size, image in images.items()}

    hicolor = ICONS / "hicolor"
    for size in THEME_SIZES:
        write(hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png", pngs[size])
    scalable = hicolor / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    print(f"{scalable.relative_to(ROOT)}  (copy of {SOURCE.name})")

    write(ICONS / "focalpoint.ico", ico_bytes(images))
    write(ICONS / "focalpoint.icns", icns_bytes(pngs))

    for width, height in WIZARD_SMALL_SIZES:
        write(WINDOWS / f"wizard-small-{width}x{height}.bmp", wizard_image(width, height))

    RUNTIME.mkdir(parents=True, exist_ok=True)
    for stale in RUNTIME.glob("focalpoint-*.png"):
        stale.unlink()
    for size in RUNTIME_SIZES:
        write(RUNTIME / f"focalpoint-{size}.png", pngs[size])
    shutil.copyfile(SOURCE, RUNTIME / "focalpoint.svg")
    print(f"{(RUNTIME / 'focalpoint.svg').relative_to(ROOT)}  (copy of {SOURCE.name})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
