"""Handing a double-clicked package to the window that has the workspace open."""

from __future__ import annotations

import os
import threading

from unionperf.services.common.open_requests import (
    post_open_request,
    requests_folder,
    take_open_requests,
    wait_until_taken,
    withdraw,
)


def test_a_posted_request_is_taken_once_and_removed(tmp_path):
    (tmp_path / "ws").mkdir()
    package = tmp_path / "feedback.upkg"
    first = post_open_request(tmp_path / "ws", package)
    second = post_open_request(tmp_path / "ws", tmp_path / "other.upkg")
    # a second later: file times may be as coarse as the kernel's tick (4 ms on Debian 12)
    later = first.stat().st_mtime_ns + 1_000_000_000
    os.utime(second, ns=(later, later))
    assert take_open_requests(tmp_path / "ws") == [package, tmp_path / "other.upkg"]
    assert not first.exists()
    assert not second.exists()
    assert take_open_requests(tmp_path / "ws") == []


def test_half_written_requests_are_left_alone(tmp_path):
    folder = requests_folder(tmp_path)
    folder.mkdir()
    (folder / "abc.partial").write_text(str(tmp_path / "x.upkg"), encoding="utf-8")
    assert take_open_requests(tmp_path) == []
    assert (folder / "abc.partial").exists()


def test_no_folder_means_no_requests(tmp_path):
    assert take_open_requests(tmp_path / "missing") == []


def test_waiting_ends_when_the_window_takes_the_request(tmp_path):
    request = post_open_request(tmp_path, tmp_path / "x.upkg")
    taker = threading.Timer(0.2, take_open_requests, args=(tmp_path,))
    taker.start()
    try:
        assert wait_until_taken(request, timeout=60)  # ends when taken
    finally:
        taker.join()


def test_a_request_nobody_takes_times_out_and_is_withdrawn(tmp_path):
    request = post_open_request(tmp_path, tmp_path / "x.upkg")
    assert not wait_until_taken(request, timeout=0.2)
    withdraw(request)
    assert take_open_requests(tmp_path) == []
