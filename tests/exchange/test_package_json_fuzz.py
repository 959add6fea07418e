"""Fuzzing package.json and data.json of validly signed packages (issue 13).

Random changes and random structures go into ``package.json`` and ``data.json``; the package is
then signed again with the unit's key, so every change reaches the content checks. Verification
must give either a package or a one-line :class:`PackageError` with a documented code — never
another exception.
"""

from __future__ import annotations

import contextlib
import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.exchange.hostile import DATA_JSON, PACKAGE_JSON, Forger, nested
from tests.exchange.packages import DemoUnit, demo_unit, repackage
from unionperf.exchange.errors import PackageError
from unionperf.exchange.package import VerifiedPackage, trusted_comment, verify_package

DOC = Path(__file__).resolve().parents[2] / "docs" / "package-format.md"
CHINESE = re.compile(r"[\u4e00-\u9fff]")
NAMES = ("targets-1", "monitoring-1", "self-evaluation-1")
DEEP = "\x00deep\x00"
_DEEP_TEXT = re.compile(r'"\\u0000deep\\u0000(\d+)\\u0000deep\\u0000"')


def documented_codes() -> set[str]:
    """The refusal codes in the last column of the tables of docs/package-format.md."""
    codes: set[str] = set()
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("|") and line.count("|") >= 3:
            codes.update(re.findall(r"`([a-z][a-z0-9-]*)`", line.rstrip(" |").rsplit("|", 1)[-1]))
    return codes


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.sampled_from([0, 1, -1, 2**31, 2**53, 2**63, 2**64, 999_999, 1_000_000])
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(
        [
            "",
            "1.00",
            "-0.01",
            "9" * 15 + ".99",
            "9" * 16 + ".00",
            "1e5",
            "0.1234567890123456789",
            "2024-02-30",
            "self-evaluation",
            "monitoring-2024-13-01",
            "targets",
            "2.0",
            "1.99",
            "优",
            "qualitative",
            "\u202e",
            "a\nb",
        ]
    )
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=10,
)
EDIT = st.one_of(
    st.tuples(st.just("replace"), st.integers(0, 10**6), JSON_VALUES),
    st.tuples(st.just("delete"), st.integers(0, 10**6)),
    st.tuples(st.just("add"), st.integers(0, 10**6), st.text(max_size=12), JSON_VALUES),
    st.tuples(st.just("repeat"), st.integers(0, 10**6), st.integers(2, 50)),
    st.tuples(st.just("wrap"), st.integers(0, 10**6), st.sampled_from([1, 2, 31, 40, 3_000])),
    st.tuples(st.just("grow"), st.integers(0, 10**6), st.sampled_from([10, 40_000, 100_000])),
    st.tuples(st.just("swap"), st.integers(0, 10**6), st.integers(0, 10**6)),
)
PLANS = st.fixed_dictionaries(
    {
        "name": st.sampled_from(NAMES),
        "package_edits": st.lists(EDIT, max_size=3),
        "data_edits": st.lists(EDIT, max_size=3),
        "whole": st.sampled_from([None, PACKAGE_JSON, DATA_JSON]),
        "structure": JSON_VALUES,
        "keep_comment": st.booleans(),
    }
)


def _plan(name: str = "targets-1", **changes: Any) -> dict[str, Any]:
    """A plan to try always, besides the random ones."""
    plan = {
        "name": name,
        "package_edits": [],
        "data_edits": [],
        "whole": None,
        "structure": None,
        "keep_comment": False,
    }
    return {**plan, **changes}


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


def _edit(document: Any, edit: tuple[Any, ...]) -> Any:
    """``document`` with one edit applied at a path chosen by the edit's number."""
    paths = list(_paths(document))
    path = paths[edit[1] % len(paths)]
    kind = edit[0]
    value = _at(document, path)
    new: Any = value
    if kind == "replace":
        new = edit[2]
    elif kind == "delete" and path:
        parent = _at(document, path[:-1])
        del parent[path[-1]]
        return document
    elif kind == "add" and isinstance(value, dict):
        value[edit[2]] = edit[3]
    elif kind == "add" and isinstance(value, list):
        value.append(edit[3])
    elif kind == "repeat" and isinstance(value, list):
        new = value * edit[2]
    elif kind == "wrap":
        new = f"{DEEP}{edit[2]}{DEEP}"  # spelled out after encoding: json.dumps would recurse
    elif kind == "grow" and isinstance(value, str):
        new = (value[:8] or "9") * edit[2]
    elif kind == "grow" and isinstance(value, int) and not isinstance(value, bool):
        new = value * 10 ** (edit[2] % 400)
    elif kind == "swap":
        new = copy.deepcopy(_at(document, paths[edit[2] % len(paths)]))
    if not path:
        return new
    _at(document, path[:-1])[path[-1]] = new
    return document


def _signed(forger: Forger, plan: dict[str, Any]) -> bytes:
    name = plan["name"]
    meta: Any = forger.meta(name)
    data: Any = forger.data(name)
    for edit in plan["package_edits"]:
        meta = _edit(meta, edit)
    for edit in plan["data_edits"]:
        data = _edit(data, edit)
    if plan["whole"] == PACKAGE_JSON:
        meta = plan["structure"]
    elif plan["whole"] == DATA_JSON:
        data = plan["structure"]
    comment = forger.comment(name)
    if not plan["keep_comment"]:
        with contextlib.suppress(KeyError, TypeError, IndexError):
            comment = trusted_comment(meta)
    comment = comment.replace("\n", " ").replace("\r", " ")
    edits = {PACKAGE_JSON: _encode(meta), DATA_JSON: _encode(data)}
    return repackage(forger.unit.blob(name), edit=edits, sign_with=forger.key, comment=comment)


def _encode(document: Any) -> bytes:
    text = json.dumps(document, ensure_ascii=False)
    return _DEEP_TEXT.sub(lambda found: nested(int(found.group(1))), text).encode()


class _Target:
    def __init__(self, unit: DemoUnit) -> None:
        self.forger = Forger(unit)
        self.codes = documented_codes()

    def __repr__(self) -> str:
        return "<the demo unit's packages>"


@pytest.fixture(scope="module")
def target(tmp_path_factory) -> _Target:
    return _Target(demo_unit(tmp_path_factory))


def test_the_codes_are_read_from_the_document():
    assert {"json", "schema", "limit", "json-depth", "signature", "rules"} <= documented_codes()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(plan=PLANS)
@example(plan=_plan(package_edits=[("wrap", 3, 3_000)]))
@example(plan=_plan(data_edits=[("wrap", 0, 3_000)]))
@example(plan=_plan(whole=PACKAGE_JSON, structure=[[[]]]))
@example(plan=_plan("self-evaluation-1", data_edits=[("grow", 7, 100_000)]))
def test_fuzz_package_json_gives_a_package_or_a_one_line_refusal(target, plan):
    blob = _signed(target.forger, plan)
    refusal: PackageError | None = None
    try:
        result = verify_package(blob, target.forger.unit.public_key)
    except PackageError as error:
        refusal = error
    if refusal is None:
        assert isinstance(result, VerifiedPackage)
        return
    message = str(refusal)
    assert refusal.code in target.codes, refusal.code
    assert len(message.splitlines()) == 1, message[:300]
    assert len(message) < 1_000, message[:300]
    assert CHINESE.search(message), message[:300]
