"""fcitx (UOS/Kylin) falls back to the ibus plugin that Qt's wheel ships; others are kept."""

from __future__ import annotations

import sys

import pytest

from unionperf.ui.input_method import IM_VARIABLE, choose_input_method, use_available_input_method

WHEEL_PLUGINS = [
    "libcomposeplatforminputcontextplugin.so",
    "libibusplatforminputcontextplugin.so",
]


@pytest.mark.parametrize("wanted", ["fcitx", "fcitx5", "FCITX"])
def test_fcitx_without_its_plugin_uses_ibus(wanted):
    assert choose_input_method(wanted, WHEEL_PLUGINS) == "ibus"


@pytest.mark.parametrize("wanted", [None, "", "ibus", "compose"])
def test_a_method_qt_has_or_none_is_kept(wanted):
    assert choose_input_method(wanted, WHEEL_PLUGINS) is None


def test_fcitx_is_kept_when_its_plugin_is_there():
    plugins = [*WHEEL_PLUGINS, "libfcitx5platforminputcontextplugin.so"]
    assert choose_input_method("fcitx5", plugins) is None


def test_no_ibus_plugin_means_no_change():
    assert choose_input_method("fcitx", ["libcomposeplatforminputcontextplugin.so"]) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux desktops only")
def test_the_environment_is_changed_for_the_wheels_qt():
    environment = {IM_VARIABLE: "fcitx"}
    use_available_input_method(environment)
    assert environment[IM_VARIABLE] == "ibus"  # PySide6's wheel has no fcitx plugin
    untouched = {"OTHER": "x"}
    use_available_input_method(untouched)
    assert untouched == {"OTHER": "x"}
