"""Where the bundled resources (fonts, translations, icons) are: wheel, PyInstaller or checkout."""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["resource_path", "resource_roots"]


def resource_roots() -> list[Path]:
    """The folders that may hold the resources, in the order they are searched.

    1. ``unionperf/resources`` inside the installed package (the wheel's hatch force-include);
    2. ``<sys._MEIPASS>/resources`` in a PyInstaller bundle;
    3. the repository's ``resources/`` folder (editable install, running from a checkout).
    """
    roots = [Path(__file__).resolve().parent / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        roots.append(Path(bundle) / "resources")
    roots.append(Path(__file__).resolve().parents[2] / "resources")
    return roots


def resource_path(*parts: str) -> Path:
    """The path of a bundled resource, e.g. ``resource_path("fonts", "wqy-microhei.ttc")``.

    The first root where the resource exists wins; when none holds it, the path under the first
    root that exists is returned, so the caller's error message names a sensible place.
    """
    roots = resource_roots()
    for root in roots:
        candidate = root.joinpath(*parts)
        if candidate.exists():
            return candidate
    existing = next((root for root in roots if root.is_dir()), roots[-1])
    return existing.joinpath(*parts)
