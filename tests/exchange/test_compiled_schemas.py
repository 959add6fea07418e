"""The validators generated ahead of time are the schemas' own, and are the ones used."""

from __future__ import annotations

import copy
import importlib

import fastjsonschema
import pytest

from unionperf.exchange import schemas
from unionperf.exchange.errors import PackageError


@pytest.mark.parametrize("name", list(schemas.SCHEMAS))
def test_each_generated_validator_is_what_the_schema_makes_now(name):
    # Fails when a schema (or fastjsonschema) changed and `python -m unionperf.exchange.schemas`
    # was not run again.
    module = importlib.import_module(f"{schemas.COMPILED_PACKAGE}.{name}")
    assert module.__file__ is not None
    with open(module.__file__, encoding="utf-8") as generated:
        assert generated.read() == schemas.compiled_source(name)
    assert schemas.schema_sha256(name) == module.SCHEMA_SHA256


@pytest.mark.parametrize("name", list(schemas.SCHEMAS))
def test_the_generated_validator_is_used_when_it_matches(name):
    module = importlib.import_module(f"{schemas.COMPILED_PACKAGE}.{name}")
    schemas._validator.cache_clear()
    try:
        assert schemas._validator(name) is module.validate
    finally:
        schemas._validator.cache_clear()


def test_a_generated_validator_of_another_schema_text_is_not_used(monkeypatch):
    module = importlib.import_module(f"{schemas.COMPILED_PACKAGE}.feedback")
    monkeypatch.setattr(module, "SCHEMA_SHA256", "0" * 64)
    schemas._validator.cache_clear()
    try:
        validator = schemas._validator("feedback")
        assert validator is not module.validate
        with pytest.raises(fastjsonschema.JsonSchemaValueException):
            validator({})
    finally:
        schemas._validator.cache_clear()


def test_a_generated_validator_of_another_fastjsonschema_is_not_used(monkeypatch):
    module = importlib.import_module(f"{schemas.COMPILED_PACKAGE}.feedback")
    monkeypatch.setattr(module, "FASTJSONSCHEMA_VERSION", "0.0.1")
    schemas._validator.cache_clear()
    try:
        assert schemas._validator("feedback") is not module.validate
    finally:
        schemas._validator.cache_clear()


def test_generated_and_runtime_validators_refuse_alike():
    document = {"decision": "accepted", "extra": 1}
    compiled = schemas._compile("feedback")
    generated = importlib.import_module(f"{schemas.COMPILED_PACKAGE}.feedback").validate
    errors = []
    for validator in (compiled, generated):
        with pytest.raises(fastjsonschema.JsonSchemaValueException) as caught:
            validator(copy.deepcopy(document))
        error = caught.value
        errors.append((error.message, error.name, error.rule, error.value, error.definition))
    assert errors[0] == errors[1]
    with pytest.raises(PackageError):
        schemas.validate("feedback", document, "feedback.json")
