"""What the About dialog shows: versions of the app and its formats, the bundled font's licence.

Everything here is a constant of this build or read from the bundled resources, so that an
accountant can copy it into a support request. Imports stay light (no Alembic, no Qt).
"""

from __future__ import annotations

import platform
import re
from dataclasses import dataclass
from pathlib import Path

from unionperf import __version__
from unionperf.exchange.codec import DATA_FORMAT_VERSION
from unionperf.exchange.package import FORMAT_VERSION
from unionperf.resources import resource_path
from unionperf.store.migrate import HEAD_REVISION

__all__ = ["FONT_LICENCE_FILE", "AboutFacts", "FontLicence", "about_facts", "read_font_licence"]

FONT_LICENCE_FILE = ("fonts", "LICENSE-wqy-microhei.txt")
"""The bundled font's copyright file (Debian machine-readable copyright format)."""


@dataclass(frozen=True)
class FontLicence:
    """The bundled font: its name, the licence of the font files and the full licence text."""

    name: str
    """``Upstream-Name`` of the copyright file, e.g. ``WenQuanYi Micro Hei 文泉驿微米黑``."""
    licence: str
    """The ``License`` of the font files, e.g. ``Apache-2.0 or GPL-3+ with Font exception``."""
    text: str
    """The whole copyright file, for the "show licence" view (empty when the file is missing)."""


@dataclass(frozen=True)
class AboutFacts:
    """The versions and licences of this build, as the About dialog lists them."""

    app_version: str
    """The application's version (``unionperf.__version__``)."""
    schema_version: str
    """The newest workspace database schema revision this build knows."""
    package_format_version: str
    """The version of the ``.upkg`` package format this build writes."""
    data_format_version: str
    """The version of the ``data/data.json`` layout inside a package."""
    python_version: str
    """The Python version running the app."""
    system: str
    """The operating system, e.g. ``Windows 10.0.22631 AMD64`` or ``Linux 6.1.0 x86_64``."""
    font: FontLicence
    """The bundled CJK font and its licence."""


def about_facts() -> AboutFacts:
    """The facts of this build and of the machine it runs on."""
    return AboutFacts(
        app_version=__version__,
        schema_version=HEAD_REVISION,
        package_format_version=FORMAT_VERSION,
        data_format_version=DATA_FORMAT_VERSION,
        python_version=platform.python_version(),
        system=_system(),
        font=read_font_licence(resource_path(*FONT_LICENCE_FILE)),
    )


def _system() -> str:
    """E.g. ``Windows 10.0.22631 AMD64`` (the build tells 10 from 11) or ``Linux 6.1.0 x86_64``."""
    name = platform.system()
    release = platform.version() if name == "Windows" else platform.release()
    return " ".join(part for part in (name, release, platform.machine()) if part)


def read_font_licence(path: Path) -> FontLicence:
    """The font's name and licence from a Debian copyright file (empty texts when it is missing).

    The name is the header's ``Upstream-Name``; the licence is the ``License`` of the
    ``Files: *`` paragraph (the font itself, not the Debian packaging).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return FontLicence(name="", licence="", text="")
    paragraphs = [_fields(block) for block in re.split(r"\n[ \t]*\n", text)]
    header = paragraphs[0] if paragraphs else {}
    font_files = next((p for p in paragraphs if p.get("Files") == "*"), {})
    return FontLicence(
        name=header.get("Upstream-Name", ""),
        licence=font_files.get("License", ""),
        text=text,
    )


def _fields(paragraph: str) -> dict[str, str]:
    """The first line of each field of one copyright-file paragraph (continuations skipped)."""
    fields: dict[str, str] = {}
    for line in paragraph.splitlines():
        if not line or line[0].isspace() or ":" not in line:
            continue
        key, _, value = line.partition(":")
        fields.setdefault(key.strip(), value.strip())
    return fields
