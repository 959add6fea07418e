"""Peak resident memory of the calling process alone, for the benchmarks' child processes.

``resource.getrusage(RUSAGE_SELF).ru_maxrss`` is wrong for a child started by the benchmarks: on
Linux the high-water mark survives ``fork`` and ``execve``, so a fresh child reports its parent's
peak if that was higher (bench_window.py once reported 687 MB for a window that peaked at 219 MB).
``VmHWM`` in /proc/self/status belongs to the process's current address space, which ``execve``
creates anew. On Windows the equivalent is ``PeakWorkingSetSize`` of
``GetProcessMemoryInfo``, which is per process too; elsewhere ``ru_maxrss`` is the fallback.
"""

from __future__ import annotations

import sys
from pathlib import Path

STATUS = Path("/proc/self/status")


def status_kb(field: str) -> int | None:
    """A ``kB`` field of /proc/self/status (``VmHWM``, ``VmRSS``), or None where there is none."""
    try:
        text = STATUS.read_text(encoding="ascii")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return None


def peak_mb() -> float:
    """The peak resident memory of this process in MB (MiB), its own and not a parent's."""
    kb = status_kb("VmHWM")
    if kb is not None:
        return kb / 1024
    if sys.platform == "win32":
        return _windows_peak_bytes() / (1024 * 1024)
    import resource  # noqa: PLC0415

    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Bytes on macOS, kilobytes on the other Unixes.
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


def _windows_peak_bytes() -> int:  # pragma: no cover - Windows only
    import ctypes  # noqa: PLC0415
    from ctypes import wintypes  # noqa: PLC0415

    class Counters(ctypes.Structure):
        _fields_ = [
            ("cb", wintypes.DWORD),
            ("PageFaultCount", wintypes.DWORD),
            ("PeakWorkingSetSize", ctypes.c_size_t),
            ("WorkingSetSize", ctypes.c_size_t),
            ("QuotaPeakPagedPoolUsage", ctypes.c_size_t),
            ("QuotaPagedPoolUsage", ctypes.c_size_t),
            ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t),
            ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
            ("PagefileUsage", ctypes.c_size_t),
            ("PeakPagefileUsage", ctypes.c_size_t),
        ]

    counters = Counters()
    counters.cb = ctypes.sizeof(Counters)
    windll = ctypes.windll  # type: ignore[attr-defined]
    process = windll.kernel32.GetCurrentProcess()
    if not windll.psapi.GetProcessMemoryInfo(process, ctypes.byref(counters), counters.cb):
        raise OSError("GetProcessMemoryInfo failed")
    return int(counters.PeakWorkingSetSize)
