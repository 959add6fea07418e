"""The app icon: every hicolor PNG and the Windows ICO exist at their sizes and match the SVGs."""

from __future__ import annotations

import importlib.util
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from unionperf.ui.app_icon import ICON_SIZES, app_icon

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
MAKE_ICONS = ROOT / "installer" / "make_icons.py"
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 256)
SVGS = ("unionperf.svg", "unionperf-16.svg", "unionperf-20.svg", "unionperf-24.svg")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LEVELS = 3
"""Largest difference of any premultiplied channel (0–255) between two images of one picture.

Qt converts and blends with CPU-specific (SIMD) code that rounds differently: on one CPU the
window icon differed from its PNG by one level in a few pixels. A changed picture differs by more
(a slightly different check mark colour by 15 levels, the 512 px icon scaled to 256 px by 34,
a 1 px shift by 255): see test_the_comparison_rejects_a_different_picture.
"""


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's IHDR chunk."""
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def hicolor_png(root: Path, size: int) -> Path:
    return root / "hicolor" / f"{size}x{size}" / "apps" / "unionperf.png"


def ico_entries(data: bytes) -> list[tuple[int, bytes]]:
    """(stated size, image bytes) of each ICONDIRENTRY, checking the container on the way."""
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)
    entries = []
    for index in range(count):
        width, height, colours, zero, planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        assert width == height
        assert (colours, zero, planes, bits) == (0, 0, 1, 32)
        assert offset + length <= len(data)
        entries.append((width or 256, data[offset : offset + length]))
    return entries


def largest_difference(first: QImage, second: QImage) -> int:
    """The largest difference of any channel of any pixel, premultiplied by alpha.

    Premultiplied, because un-premultiplying a faint pixel magnifies rounding: in ARGB32 the same
    image differs between CPUs by up to 150 levels where alpha is 1 or 2.
    """
    a = first.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    b = second.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    assert a.size() == b.size()
    left, right = bytes(a.constBits()), bytes(b.constBits())
    return max(abs(x - y) for x, y in zip(left, right, strict=True))


def load_make_icons():
    """installer/make_icons.py as a module (a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("make_icons", MAKE_ICONS)
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("size", HICOLOR_SIZES)
def test_hicolor_png_has_exactly_its_size(qapp, size):
    path = hicolor_png(ICONS, size)
    assert png_size(path.read_bytes()) == (size, size)
    image = QImage(str(path))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
    corner, centre = image.pixelColor(0, 0), image.pixelColor(size // 2, size // 2)
    assert centre.alpha() == 255, "the icon is opaque in the middle"
    assert corner.alpha() < 255, "rounded corners are transparent"


def test_hicolor_folder_holds_only_the_listed_sizes_and_the_scalable_svg():
    folders = {path.name for path in (ICONS / "hicolor").iterdir()}
    assert folders == {f"{size}x{size}" for size in HICOLOR_SIZES} | {"scalable"}
    scalable = ICONS / "hicolor" / "scalable" / "apps" / "unionperf.svg"
    assert scalable.read_bytes() == (ICONS / "unionperf.svg").read_bytes()


@pytest.mark.parametrize("name", SVGS)
def test_svgs_are_valid_and_use_shapes_only(qapp, name):
    path = ICONS / name
    text = path.read_text(encoding="utf-8")
    assert "<text" not in text
    assert "font" not in text
    assert "<image" not in text
    assert QSvgRenderer(str(path)).isValid()


def test_ico_holds_every_windows_size_as_a_decodable_png(qapp):
    entries = ico_entries((ICONS / "unionperf.ico").read_bytes())
    assert [size for size, _ in entries] == list(ICO_SIZES)
    for size, data in entries:
        assert png_size(data) == (size, size)
        image = QImage.fromData(data, "PNG")
        assert not image.isNull()
        assert (image.width(), image.height()) == (size, size)


def test_ico_images_are_the_hicolor_images_where_both_have_the_size():
    entries = dict(ico_entries((ICONS / "unionperf.ico").read_bytes()))
    for size in set(ICO_SIZES) & set(HICOLOR_SIZES):
        assert entries[size] == hicolor_png(ICONS, size).read_bytes()


def test_make_icons_regenerates_the_committed_icons(qapp, tmp_path):
    """Regenerated icons have the sizes and (nearly) the pixels of the committed ones."""
    done = subprocess.run(
        [sys.executable, str(MAKE_ICONS), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    for size in HICOLOR_SIZES:
        fresh = hicolor_png(tmp_path, size)
        assert str(fresh) in done.stdout
        assert png_size(fresh.read_bytes()) == (size, size)
        difference = largest_difference(QImage(str(fresh)), QImage(str(hicolor_png(ICONS, size))))
        assert difference <= LEVELS, f"{size} px differs: run installer/make_icons.py"
    fresh_ico = ico_entries((tmp_path / "unionperf.ico").read_bytes())
    assert [size for size, _ in fresh_ico] == list(ICO_SIZES)
    committed_ico = dict(ico_entries((ICONS / "unionperf.ico").read_bytes()))
    for size, data in fresh_ico:
        difference = largest_difference(
            QImage.fromData(data, "PNG"), QImage.fromData(committed_ico[size], "PNG")
        )
        assert difference <= LEVELS, f"ICO {size} px differs: run installer/make_icons.py"
    scalable = tmp_path / "hicolor" / "scalable" / "apps" / "unionperf.svg"
    assert scalable.read_bytes() == (ICONS / "unionperf.svg").read_bytes()


def test_small_sizes_are_drawn_on_their_own_pixel_grid(qapp):
    """16 px comes from its own drawing: sharper (more pure white pixels) than the big SVG's."""

    def white_pixels(image: QImage) -> int:
        return sum(
            image.pixelColor(x, y).name() == "#ffffff"
            for x in range(image.width())
            for y in range(image.height())
        )

    committed = QImage(str(hicolor_png(ICONS, 16)))
    scaled = QImage(QSize(16, 16), QImage.Format.Format_ARGB32_Premultiplied)
    scaled.fill(0)
    painter = QPainter(scaled)
    QSvgRenderer(str(ICONS / "unionperf.svg")).render(painter)
    painter.end()
    assert white_pixels(committed) > white_pixels(scaled)


def test_app_icon_offers_every_size_and_is_cached(qapp):
    icon = app_icon()
    assert not icon.isNull()
    assert {size.width() for size in icon.availableSizes()} == set(ICON_SIZES)
    assert set(ICON_SIZES) == set(HICOLOR_SIZES)
    assert app_icon() is icon
    for size in (16, 256, 512):
        shown = icon.pixmap(size, size).toImage()
        assert largest_difference(shown, QImage(str(hicolor_png(ICONS, size)))) <= LEVELS


@pytest.mark.parametrize("size", [16, 256])
def test_the_comparison_rejects_a_different_picture(qapp, tmp_path, size):
    """What the icon comparisons must catch differs by more than LEVELS; a fresh render does not."""
    make_icons = load_make_icons()
    committed = QImage(str(hicolor_png(ICONS, size)))
    svg = make_icons.source_for(size)
    fresh = QImage.fromData(make_icons.render_png(svg, size), "PNG")
    assert largest_difference(fresh, committed) <= LEVELS
    stale_svg = tmp_path / svg.name
    text = svg.read_text(encoding="utf-8")
    assert "#FFCE3A" in text
    stale_svg.write_text(text.replace("#FFCE3A", "#F0C030"), encoding="utf-8")
    bigger = HICOLOR_SIZES[HICOLOR_SIZES.index(size) + 1]
    different = {
        "a render of a changed SVG (check mark colour)": QImage.fromData(
            make_icons.render_png(stale_svg, size), "PNG"
        ),
        f"the {bigger} px icon scaled down": QImage(str(hicolor_png(ICONS, bigger))).scaled(
            size,
            size,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        ),
        "the icon shifted by one pixel": committed.copy(1, 0, size, size),
    }
    for what, image in different.items():
        assert largest_difference(image, committed) > LEVELS, what
