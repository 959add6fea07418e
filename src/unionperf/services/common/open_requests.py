"""Hand a double-clicked package to the window that already has the workspace open.

Only one process may write a workspace (the writer lock). When the accountant double-clicks a
``.upkg`` while the app is open, the second process cannot take the lock; it leaves a request
file in the workspace's ``requests/`` folder instead and exits. The open window watches that
folder, takes the request and shows the package. Files only, no sockets: the app runs offline
and needs no network stack.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from unionperf.services.common.errors import ServiceError

__all__ = [
    "REQUESTS_FOLDER",
    "post_open_request",
    "requests_folder",
    "take_open_requests",
    "wait_until_taken",
    "withdraw",
]

REQUESTS_FOLDER = "requests"
SUFFIX = ".open"
TAKE_TIMEOUT = 5.0
"""Seconds the second process waits for the open window to take its request."""


def requests_folder(workspace_root: Path) -> Path:
    """The folder the open window watches for requests."""
    return workspace_root / REQUESTS_FOLDER


def post_open_request(workspace_root: Path, package: Path) -> Path:
    """Ask the window holding ``workspace_root`` to show ``package``; the request file's path.

    Raises:
        ServiceError: the request cannot be written.
    """
    folder = requests_folder(workspace_root)
    import uuid  # noqa: PLC0415 - the window imports this module before its first paint

    final = folder / f"{uuid.uuid4().hex}{SUFFIX}"
    partial = final.with_suffix(".partial")
    try:
        folder.mkdir(exist_ok=True)
        partial.write_text(str(package.resolve()), encoding="utf-8")
        os.replace(partial, final)  # the watcher never sees half a path
    except OSError as error:
        raise ServiceError(f"无法把数据包转交给已打开的窗口：{error.strerror or error}") from error
    return final


def take_open_requests(workspace_root: Path) -> list[Path]:
    """The packages asked for since the last call, oldest first; their requests are removed."""
    folder = requests_folder(workspace_root)
    try:
        requests = sorted(folder.glob(f"*{SUFFIX}"), key=_modified)
    except OSError:
        return []
    packages = []
    for request in requests:
        try:
            text = request.read_text(encoding="utf-8").strip()
            request.unlink()
        except OSError:
            continue  # taken meanwhile, or unreadable: nothing to show
        if text:
            packages.append(Path(text))
    return packages


def wait_until_taken(request: Path, timeout: float = TAKE_TIMEOUT) -> bool:
    """Whether the open window took ``request`` within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while request.exists():
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)
    return True


def withdraw(request: Path) -> None:
    """Remove a request nobody took (the holder is a command, not a window, or is hung)."""
    request.unlink(missing_ok=True)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
