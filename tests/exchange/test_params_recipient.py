"""The upper level's encryption recipient in params.json: optional, checked, round-tripped."""

from __future__ import annotations

import pytest

from unionperf.exchange.codec_params import ParamsContent, params_from_json, params_to_json
from unionperf.exchange.errors import PackageError


def _recipient() -> str:
    from pyrage import x25519  # noqa: PLC0415

    return str(x25519.Identity.generate().to_public())


def test_a_recipient_round_trips_and_none_is_null():
    recipient = _recipient()
    document = params_to_json(ParamsContent(None, None, (), "", recipient))
    assert document["encryption_recipient"] == recipient
    assert params_from_json(document).recipient == recipient
    plain = params_to_json(ParamsContent(None, None, ()))
    assert plain["encryption_recipient"] is None
    del plain["encryption_recipient"]  # a package written before the key existed
    assert params_from_json(plain).recipient == ""


def test_a_bad_recipient_is_refused_as_schema():
    document = params_to_json(ParamsContent(None, None, ()))
    document["encryption_recipient"] = "age1oops"
    with pytest.raises(PackageError) as refused:
        params_from_json(document)
    assert refused.value.code == "schema"
    assert "encryption_recipient" in str(refused.value)
