"""Render the app icon into every size the platforms need (run after changing an icon SVG).

    .venv/bin/python installer/make_icons.py            # into resources/icons/
    .venv/bin/python installer/make_icons.py --out DIR  # anywhere else (the tests do)

The picture exists as three SVGs: ``unionperf.svg`` (from 32 px up), and ``unionperf-16.svg``,
``unionperf-20.svg`` and ``unionperf-24.svg``, the same picture drawn on the pixel grid of those
small sizes so that the bars stay sharp. Written:

- ``hicolor/<N>x<N>/apps/unionperf.png`` for the freedesktop icon theme (the .deb) and the window
  icon (``unionperf.ui.app_icon``), and ``hicolor/scalable/apps/unionperf.svg``;
- ``unionperf.ico`` for Windows (the .exe, the installer, shortcuts): an ICONDIR with one
  PNG-compressed image per size (valid since Windows Vista).

Rendering is Qt's (QtSvg, offscreen): no other tool is needed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
NAME = "unionperf"
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
"""The freedesktop hicolor sizes installed by the .deb and used for the window icon."""
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 256)
"""The Windows sizes: small icons and the taskbar at 100–250 % scaling, Explorer's views."""
PIXEL_GRID_SOURCES = {16: "unionperf-16.svg", 20: "unionperf-20.svg", 24: "unionperf-24.svg"}
"""Sizes with their own drawing; every other size is rendered from ``unionperf.svg``."""
ICONDIR = struct.Struct("<HHH")
"""ICONDIR: reserved (0), type (1 = icon), number of images."""
ICONDIRENTRY = struct.Struct("<BBBBHHII")
"""ICONDIRENTRY: width, height (0 = 256), colours, reserved, planes, bits, size, offset."""


def source_for(size: int, icons: Path = ICONS) -> Path:
    """The SVG the icon of ``size`` pixels is rendered from."""
    return icons / PIXEL_GRID_SOURCES.get(size, f"{NAME}.svg")


def render_png(svg: Path, size: int) -> bytes:
    """The SVG rendered as a ``size``×``size`` PNG with a transparent background."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: PLC0415
    from PySide6.QtGui import QImage, QPainter  # noqa: PLC0415
    from PySide6.QtSvg import QSvgRenderer  # noqa: PLC0415

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    png = image.convertToFormat(QImage.Format.Format_ARGB32)
    # PySide6's stubs say bytes, but only a str format is accepted at run time
    if not png.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise SystemExit(f"make_icons: cannot encode {svg} at {size} px")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An ICO file holding the given PNG images (size → PNG bytes), smallest first."""
    sizes = sorted(images)
    offset = ICONDIR.size + ICONDIRENTRY.size * len(sizes)
    header = [ICONDIR.pack(0, 1, len(sizes))]
    for size in sizes:
        if not 0 < size <= 256:  # noqa: PLR2004 - the largest size an ICO entry can state
            raise ValueError(f"an ICO image is at most 256 px, not {size}")
        byte = size % 256  # 256 is written as 0
        header.append(ICONDIRENTRY.pack(byte, byte, 0, 0, 1, 32, len(images[size]), offset))
        offset += len(images[size])
    return b"".join(header) + b"".join(images[size] for size in sizes)


def make_icons(out: Path, icons: Path = ICONS) -> list[Path]:
    """Write the hicolor PNGs, the scalable SVG and the ICO into ``out``; return their paths."""
    from PySide6.QtGui import QGuiApplication  # noqa: PLC0415

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # kept alive while used
    rendered = {
        size: render_png(source_for(size, icons), size)
        for size in sorted(set(HICOLOR_SIZES) | set(ICO_SIZES))
    }
    written: list[Path] = []
    for size in HICOLOR_SIZES:
        png = out / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"
        png.parent.mkdir(parents=True, exist_ok=True)
        png.write_bytes(rendered[size])
        written.append(png)
    scalable = out / "hicolor" / "scalable" / "apps" / f"{NAME}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(icons / f"{NAME}.svg", scalable)
    written.append(scalable)
    ico = out / f"{NAME}.ico"
    ico.write_bytes(ico_bytes({size: rendered[size] for size in ICO_SIZES}))
    written.append(ico)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: render the icons and list the files written."""
    parser = argparse.ArgumentParser(description="Render the UnionPerf icon in every size")
    parser.add_argument("--out", type=Path, default=ICONS, help="folder to write into")
    arguments = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for path in make_icons(arguments.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
