"""Packages signed by the registered key but built to hurt (issue 13): each is refused in one
line, with its own code, before anything is imported.

Every package here is well signed by the demo unit's own key: only the content checks stand
between it and its receipt.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.exchange.hostile import (
    ANNOUNCEMENTS_JSON,
    EVIDENCE_BYTES,
    EVIDENCE_NAME,
    Forger,
    evidence_entry,
    nested,
    with_raw,
)
from tests.exchange.packages import YEAR, DemoUnit, demo_unit
from unionperf.exchange import json_limits, keys, minisign
from unionperf.exchange.errors import PackageError
from unionperf.exchange.package import VerifiedPackage, verify_package

CHINESE = re.compile(r"[\u4e00-\u9fff]")
OTHER_UNIT = "91310000MA1FL8XQ30"


@pytest.fixture(scope="module")
def unit(tmp_path_factory) -> DemoUnit:
    return demo_unit(tmp_path_factory)


@pytest.fixture(scope="module")
def forger(unit) -> Forger:
    return Forger(unit)


def _refused(forger: Forger, blob: bytes, code: str) -> str:
    with pytest.raises(PackageError) as caught:
        verify_package(blob, forger.unit.public_key)
    error = caught.value
    message = str(error)
    assert error.code == code, (error.code, message[:300])
    assert CHINESE.search(message), message[:300]
    assert len(message.splitlines()) == 1, message[:300]
    assert len(message) < 500, message[:300]  # the reason, not the hostile value
    return message


def _accepted(forger: Forger, blob: bytes) -> VerifiedPackage:
    return verify_package(blob, forger.unit.public_key)


def test_the_forger_makes_valid_packages(forger):
    """The refusals below come from the edits, not from the forging."""
    for name in ("targets-1", "self-evaluation-1", "monitoring-1"):
        assert _accepted(forger, forger.package(name, meta=lambda meta: None)).meta
    assert _accepted(forger, forger.package("targets-1", meta=forger.meta("targets-1")))


# -- nesting depth: refused before parsing ---------------------------------------------------------


@pytest.mark.parametrize("depth", [33, 1_000, 100_000])
def test_deeply_nested_package_json_is_refused_before_parsing(forger, depth):
    blob = forger.package(meta=with_raw(forger.meta(), "future", nested(depth)))
    message = _refused(forger, blob, "json-depth")
    assert "package.json" in message


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_data_json_is_refused_before_parsing(forger, depth):
    message = _refused(
        forger, forger.package(data=with_raw(forger.data(), "x", nested(depth))), "json-depth"
    )
    assert "data.json" in message


def test_deep_objects_and_unclosed_brackets_are_refused_too(forger):
    deep_objects = '{"a":' * 5_000 + "1" + "}" * 5_000
    _refused(forger, forger.package(data=with_raw(forger.data(), "x", deep_objects)), "json-depth")
    unclosed = forger.package(data=b"[" * 200_000)
    _refused(forger, unclosed, "json-depth")


def test_brackets_inside_strings_do_not_count(forger):
    text = '["' + "[" * 5_000 + '\\"' + "{" * 5_000 + '"]'
    package = _accepted(forger, forger.package(meta=with_raw(forger.meta(), "note", text)))
    assert package.meta["note"] == ["[" * 5_000 + '"' + "{" * 5_000]


def test_depth_32_is_accepted(forger):
    package = _accepted(forger, forger.package(meta=with_raw(forger.meta(), "future", nested(30))))
    assert "future" in package.meta


# -- numbers, strings and lists have limits ------------------------------------------------------


@pytest.mark.parametrize("sequence", [2**63, 2**63 - 1, 2**64 + 5, 1_000_000])
def test_huge_sequence_is_refused(forger, sequence):
    message = _refused(
        forger, forger.package(meta=lambda meta: meta.update(sequence=sequence)), "limit"
    )
    assert "sequence" in message


def test_largest_sequence_is_accepted(forger):
    package = _accepted(forger, forger.package(meta=lambda meta: meta.update(sequence=999_999)))
    assert package.meta["sequence"] == 999_999


def test_eight_million_character_unit_name_is_refused(forger):
    def rename(length: int) -> Callable[[dict[str, Any]], None]:
        def change(document: dict[str, Any]) -> None:
            document["unit"]["name"] = "工" * length

        return change

    message = _refused(forger, forger.package(meta=rename(8_000_000)), "json-size")
    assert "package.json" in message
    message = _refused(forger, forger.package(meta=rename(40_000)), "limit")
    assert "unit.name" in message
    assert "工工工工" not in message
    message = _refused(forger, forger.package(data=rename(8_000_000)), "limit")
    assert "unit.name" in message


def test_5000_digit_amount_is_refused(forger):
    def huge_opening(document: dict[str, Any]) -> None:
        document["opening_balance"] = "9" * 5_000 + ".00"

    message = _refused(forger, forger.package(data=huge_opening), "limit")
    assert "opening_balance" in message

    def huge_executed(document: dict[str, Any]) -> None:
        document["budget"][0]["executed"] = "1" * 16 + ".00"

    _refused(forger, forger.package(data=huge_executed), "limit")


def test_huge_nullable_amount_and_decimal_are_refused(forger):
    def huge_forecast(document: dict[str, Any]) -> None:
        document["monitoring"][0]["forecast"] = "9" * 5_000 + ".00"

    _refused(forger, forger.package("monitoring-1", data=huge_forecast), "limit")

    def huge_target(document: dict[str, Any]) -> None:
        document["projects"][0]["targets"]["indicators"][0]["target"] = "9" * 5_000

    _refused(forger, forger.package(data=huge_target), "limit")


def test_huge_json_numbers_are_refused(forger):
    def huge_count(document: dict[str, Any]) -> None:
        document["unit"]["member_count"] = 10**40

    _refused(forger, forger.package(data=huge_count), "limit")
    raw = with_raw(forger.data(), "future", "9" * 5_000)
    _refused(forger, forger.package(data=raw), "json")


def test_long_lists_are_refused(forger):
    def many_signoffs(document: dict[str, Any]) -> None:
        document["signoffs"] = document["signoffs"] * 100

    _refused(forger, forger.package(data=many_signoffs), "limit")

    def many_explained(meta: dict[str, Any]) -> None:
        meta["validation"]["explained"] = [
            {"code": "X", "key": "k", "message": "m", "explanation": "e"}
        ] * 100_001

    _refused(forger, forger.package(meta=many_explained), "limit")


def test_oversized_json_member_is_refused_before_parsing(forger, monkeypatch):
    monkeypatch.setitem(json_limits.MAX_BYTES, "data/data.json", 1_000)

    blob = forger.package()
    loads = json.loads

    def never_data_json(text: Any, **kwargs: Any) -> Any:
        assert "opening_balance" not in text, "data.json was parsed"
        return loads(text, **kwargs)

    monkeypatch.setattr(json, "loads", never_data_json)
    message = _refused(forger, blob, "json-size")
    assert "data.json" in message


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_numbers_are_not_json(forger, constant):
    _refused(forger, forger.package(meta=with_raw(forger.meta(), "x", constant)), "json")


def test_repeated_keys_are_refused(forger):
    """Two readers could take different values of a repeated key: refuse the ambiguity."""
    text = json.dumps(forger.meta(), ensure_ascii=False)
    raw = (text[:-1] + ', "sequence": 2}').encode()
    _refused(forger, forger.package(meta=raw), "json")


# -- versions ------------------------------------------------------------------------------------


def test_data_format_version_2_in_package_json_is_refused(forger):
    message = _refused(
        forger, forger.package(meta=lambda meta: meta.update(data_format_version="2.0")), "version"
    )
    assert "2.0" in message


def test_data_json_of_format_2_is_refused_as_a_version(forger):
    def newer(document: dict[str, Any]) -> None:
        document["format_version"] = "2.0"

    _refused(
        forger,
        forger.package(data=newer, meta=lambda m: m.update(data_format_version="2.0")),
        "version",
    )
    _refused(forger, forger.package(data=newer), "version")


def test_data_format_versions_must_agree(forger):
    def newer(document: dict[str, Any]) -> None:
        document["format_version"] = "1.9"

    _refused(forger, forger.package(data=newer), "identity")
    both = forger.package(data=newer, meta=lambda m: m.update(data_format_version="1.9"))
    assert _accepted(forger, both).meta["data_format_version"] == "1.9"


def test_settings_in_package_json_must_equal_data_json(forger):
    def other_settings(meta: dict[str, Any]) -> None:
        meta["settings"]["lag_points"] = "9"

    _refused(forger, forger.package(meta=other_settings), "identity")


# -- scores --------------------------------------------------------------------------------------


def test_self_evaluation_without_scores_is_refused(forger):
    blob = forger.package("self-evaluation-1", meta=lambda meta: meta.update(scores=None))
    message = _refused(forger, blob, "scores")
    assert "得分" in message


def test_other_stages_carry_no_scores(forger):
    scores = forger.meta("self-evaluation-1")["scores"]
    _refused(forger, forger.package(meta=lambda meta: meta.update(scores=scores)), "scores")


# -- the trusted comment, package.json and the rotation statement agree --------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [("unit", OTHER_UNIT), ("year", str(YEAR + 1)), ("stage", "self-evaluation"), ("seq", "2")],
)
def test_trusted_comment_must_agree_with_package_json(forger, field, value):
    comment = re.sub(rf"\b{field}:\S+", f"{field}:{value}", forger.comment())
    assert comment != forger.comment()
    _refused(forger, forger.package(meta=lambda meta: None, comment=comment), "comment")


def _rotated(
    forger: Forger, unit_code: str, comment: str | None = None
) -> tuple[bytes, minisign.PublicKey]:
    """A package signed by a new key, announced by the registered key for ``unit_code``."""
    new_key = Ed25519PrivateKey.generate()
    new_public = minisign.public_key_of(new_key)
    old_id = forger.unit.public_key.key_id_hex
    statement = keys.announcement_statement(old_id, new_public.to_file(), unit_code, "2024-06-01")
    signature = minisign.sign(forger.key, statement, comment or f"key rotation unit:{unit_code}")
    announcement = keys.Announcement(
        old_id, new_public.to_file(), unit_code, "2024-06-01", signature
    )

    def resign(meta: dict[str, Any]) -> None:
        meta.update(key_id=new_public.key_id_hex, sequence=3)

    blob = forger.package(
        "targets-2",
        meta=resign,
        signer=new_key,
        edits={
            "data/keys/signer.pub": new_public.to_file().encode(),
            ANNOUNCEMENTS_JSON: json.dumps([announcement.to_json()]).encode(),
        },
    )
    return blob, new_public


def test_rotation_statement_naming_another_unit_is_refused(forger):
    blob, new_public = _rotated(forger, OTHER_UNIT)
    with pytest.raises(PackageError) as caught:
        verify_package(blob, new_public)
    assert caught.value.code == "rotation"
    assert OTHER_UNIT in str(caught.value)


def test_rotation_statement_of_the_unit_is_accepted(forger):
    blob, new_public = _rotated(forger, forger.unit.unit_code)
    assert verify_package(blob, new_public).signer == new_public


def test_deeply_nested_announcements_are_refused(forger):
    blob = forger.package(edits={ANNOUNCEMENTS_JSON: nested(100_000).encode()})
    _refused(forger, blob, "json-depth")


def test_announcements_have_limits(forger):
    statement = {
        "old_key_id": forger.unit.public_key.key_id_hex,
        "new_public_key": forger.unit.public_key.to_file(),
        "unit_code": "x" * 10**6,
        "announced_on": "2024-06-01",
        "signature": "x",
    }
    blob = forger.package(edits={ANNOUNCEMENTS_JSON: json.dumps([statement]).encode()})
    _refused(forger, blob, "limit")
    blob = forger.package(
        edits={
            ANNOUNCEMENTS_JSON: json.dumps(
                [{**statement, "unit_code": forger.unit.unit_code}] * 1_000
            ).encode()
        }
    )
    _refused(forger, blob, "limit")


# -- evidence: the list and the bag match exactly ------------------------------------------------


def test_listed_and_present_evidence_is_accepted(forger):
    entry = evidence_entry(EVIDENCE_NAME, EVIDENCE_BYTES)
    package = _accepted(forger, forger.with_evidence([entry], {EVIDENCE_NAME: EVIDENCE_BYTES}))
    assert package.payload[EVIDENCE_NAME] == EVIDENCE_BYTES


def test_evidence_listed_but_absent_is_refused(forger):
    entry = evidence_entry(EVIDENCE_NAME, EVIDENCE_BYTES)
    message = _refused(forger, forger.with_evidence([entry], {}), "evidence")
    assert "签到表" in message


def test_evidence_present_but_unlisted_is_refused(forger):
    message = _refused(
        forger, forger.with_evidence([], {EVIDENCE_NAME: EVIDENCE_BYTES}), "evidence"
    )
    assert "签到表" in message


@pytest.mark.parametrize(
    "change",
    [
        {"size": len(EVIDENCE_BYTES) + 1},
        {"sha256": "0" * 64},
    ],
    ids=["size", "sha256"],
)
def test_evidence_listed_with_other_size_or_hash_is_refused(forger, change):
    entry = {**evidence_entry(EVIDENCE_NAME, EVIDENCE_BYTES), **change}
    _refused(forger, forger.with_evidence([entry], {EVIDENCE_NAME: EVIDENCE_BYTES}), "evidence")


def test_evidence_listed_twice_is_refused(forger):
    entry = evidence_entry(EVIDENCE_NAME, EVIDENCE_BYTES)
    blob = forger.with_evidence([entry, entry], {EVIDENCE_NAME: EVIDENCE_BYTES})
    _refused(forger, blob, "evidence")


# -- member names --------------------------------------------------------------------------------

FOLDER = "data/evidence/unit/0123456789abcdef0123456789abcdef_"


@pytest.mark.parametrize(
    "name",
    [
        "data/p\u0430ckage.json",  # Cyrillic а
        "data/forms/预算.pdf",  # not ASCII outside data/evidence/
        "data/ke\u200bys/x.pub",  # zero-width space
        FOLDER + "invoice\u202efdp.exe",  # right-to-left override
        FOLDER + "\u2067x\u2069.pdf",  # isolates
        FOLDER + "a\uff0fb.pdf",  # full-width solidus
        FOLDER + "a\uff3cb.pdf",  # full-width reverse solidus
        FOLDER + "a\u2215b.pdf",  # division slash
        FOLDER + unicodedata.normalize("NFD", "résumé.pdf"),  # not NFC
        FOLDER + "p\u0430yment.pdf",  # a Latin word with a Cyrillic letter
        FOLDER + "\uff41bc.pdf",  # full-width Latin
        FOLDER + "x\u3000y.pdf",  # ideographic space
        "data/evidence/\u0443nit/x.pdf",  # Cyrillic у in the owner
        FOLDER + "x.pdf.",  # Windows drops the dot
        FOLDER + "x.pdf ",
        FOLDER + "x\u2028y.pdf",  # a line separator
    ],
    ids=[
        "homoglyph",
        "chinese-outside-evidence",
        "zero-width",
        "rtl-override",
        "isolates",
        "fullwidth-slash",
        "fullwidth-backslash",
        "division-slash",
        "nfd",
        "mixed-script",
        "fullwidth-latin",
        "ideographic-space",
        "owner-homoglyph",
        "trailing-dot",
        "trailing-space",
        "line-separator",
    ],
)
def test_hostile_member_names_are_refused(forger, name):
    listed = [evidence_entry(name, b"x")] if name.startswith("data/evidence/") else []
    message = _refused(forger, forger.with_evidence(listed, {name: b"x"}), "member-name")
    assert "\u202e" not in message
    assert "\u2028" not in message


def test_names_colliding_after_normalisation_are_refused(forger):
    composed = FOLDER + "résumé.pdf"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    present = {composed: b"a", decomposed: b"b"}
    listed = [evidence_entry(name, data) for name, data in present.items()]
    _refused(forger, forger.with_evidence(listed, present), "duplicate-member")


def test_names_colliding_after_casefold_are_refused(forger):
    present = {FOLDER + "签到表.PDF": b"a", FOLDER + "签到表.pdf": b"b"}
    listed = [evidence_entry(name, data) for name, data in present.items()]
    _refused(forger, forger.with_evidence(listed, present), "duplicate-member")


@pytest.mark.parametrize(
    "filename",
    [
        "签到表 第1页.pdf",
        "会议纪要（2024年）【定稿】.docx",
        "《工会法》学习·笔记—摘要.txt",
        "照片-01 (2).jpg",
    ],
)
def test_chinese_evidence_names_are_accepted(forger, filename):
    name = FOLDER + filename
    blob = forger.with_evidence([evidence_entry(name, b"x")], {name: b"x"})
    assert _accepted(forger, blob).payload[name] == b"x"


def test_schemas_are_compiled_once_per_process(forger, monkeypatch):
    """Verification speed (issue 17): a second package does not compile the schemas again."""
    import fastjsonschema  # noqa: PLC0415

    _accepted(forger, forger.unit.blob("self-evaluation-1"))

    def compile_again(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a schema was compiled again")

    monkeypatch.setattr(fastjsonschema, "compile", compile_again)
    for name in ("targets-1", "monitoring-1", "self-evaluation-1"):
        _accepted(forger, forger.unit.blob(name))
