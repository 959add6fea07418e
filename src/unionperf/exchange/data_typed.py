"""data.json decoded by type in C (msgspec): the walk's checks and reading without a Python pass.

The walk (:mod:`unionperf.exchange.data_walk`) checks the parts of data.json that hold nearly all
of its values — projects, the unit's targets, monitoring, self-evaluations, budget lines and
revenue arrivals — value by value in Python, after ``json.loads`` built them as dictionaries.
Here the same parts are decoded straight from the bytes into typed structures whose types carry
the same rules, taken from the same place (:class:`~unionperf.exchange.walk_rules.WalkRules`,
read from the schema document): the most characters of each string, the patterns of money,
decimals and dates (the schema's pattern searched, the reader's matched whole), the members of
each enumeration both the schema and the domain know, the most items of each array, ``true`` or
``false`` where a boolean is due, ``null`` only where the schema allows it. The domain objects are
then made from those structures in C too (``msgspec.convert``); the rest of data.json (unit,
settings, points, sign-offs…) is read as :func:`json_limits.load` reads any JSON and goes
through the schema and the reader as before (:func:`data_reader.read_walked`).

What JSON readers disagree on is settled as ``json_limits`` settles it. ``NaN``, ``Infinity``,
invalid UTF-8 and a byte-order mark are not JSON to msgspec either. A key given twice, or a key
the typed parts do not know, would be dropped silently by a typed decoder: so the keys outside
strings in the text (one colon each) are counted and must equal the keys decoded; any
difference sends the document the checked way, which refuses the repeated key and accepts the
unknown one if the schema does.

Like the walk, this path only ever accepts. At anything it does not expect — a value the types
refuse, a count that differs, a schema this module cannot express — :func:`decode` answers
``None`` and the caller reads data.json the checked way (:func:`json_limits.load`, then
:func:`data_reader.read_data`), which refuses it with its own code and sentence, or accepts it.
So what is accepted, what is refused and every message stay the same; only valid packages
verify faster.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from operator import attrgetter
from typing import Annotated, Any, Literal

import msgspec

from unionperf.domain.budget import BudgetLine, FundingLine, Project, TargetSet
from unionperf.domain.evaluation import Evaluation, IndicatorResult
from unionperf.domain.indicators import Indicator
from unionperf.domain.monitoring import DeviationReason, IndicatorProgress, MonitoringEntry
from unionperf.domain.revenue import RevenueArrival
from unionperf.exchange import json_limits, schemas
from unionperf.exchange.data_walk import PARTS, Walked
from unionperf.exchange.walk_rules import ITEMS, LAYOUT, UnexpectedError, WalkRules, rules

__all__ = ["Typed", "decode"]

_MONEY = r"-?[0-9]+\.[0-9]{2}"
"""The reader's money (``codec_node._MONEY``), matched whole."""
_DECIMAL = r"-?[0-9]+(?:\.[0-9]+)?"
"""The reader's decimal (``codec_node._DECIMAL``), matched whole."""
_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
"""The reader's date (``codec_node._DATE``), matched whole, then read as a calendar date."""

_DOMAIN: dict[str, type] = {
    "project": Project,
    "funding_line": FundingLine,
    "targets": TargetSet,
    "indicator": Indicator,
    "entry": MonitoringEntry,
    "progress": IndicatorProgress,
    "reason": DeviationReason,
    "evaluation": Evaluation,
    "result": IndicatorResult,
    "budget_line": BudgetLine,
    "arrival": RevenueArrival,
}
"""The domain class each definition is read into (the walk's; the same field names)."""
_ITEMS = {
    ("entry", "progress"): ("progress", "progress_max"),
    ("progress", "reasons"): ("reason", "reasons_max"),
    ("project", "funding"): ("funding_line", "funding_max"),
    ("targets", "indicators"): ("indicator", "indicators_max"),
    ("evaluation", "results"): ("result", "results_max"),
}
"""Each array property's items (their definition) and the :class:`WalkRules` attribute of
its most items."""
_MATCHED_MOST = 100_000
"""Most texts kept as known to match (about 10 MB); the set starts again when it is full."""
_TOP_ITEMS = {
    "projects": ("project", "projects_max"),
    "monitoring": ("entry", "entries_max"),
    "evaluations": ("evaluation", "evaluations_max"),
    "budget": ("budget_line", "budget_max"),
    "arrivals": ("arrival", "arrivals_max"),
}
"""The walked arrays of the top level: their items' definition and their most items."""
_ABSENT: dict[tuple[str, str], Any] = {
    ("project", "clear_out"): False,
    ("project", "clear_out_reason"): "",
    ("indicator", "target_upper"): None,
}
"""What the reader takes for a property the schema lets a document leave out (added in a later
layout version). Any other optional property switches the typed path off."""


@dataclass(frozen=True, slots=True)
class Typed:
    """data.json read by type: the walked parts as domain objects, the rest as JSON values."""

    rest: dict[str, Any]
    """Every other top-level member, as ``json_limits.load`` reads it; each walked part that
    is present stands here as ``None`` (they are read in ``walked``)."""
    walked: Walked


class _Types:
    """The typed structures of the schema's definitions, and the decoder of the whole file."""

    def __init__(self, checked: WalkRules, schema: dict[str, Any]) -> None:
        self.rules = checked
        text = Annotated[str, msgspec.Meta(max_length=checked.text_max)]
        money = Annotated[str, msgspec.Meta(max_length=checked.money_max)]
        decimal = Annotated[str, msgspec.Meta(max_length=checked.decimal_max)]
        day = Annotated[str, msgspec.Meta(max_length=checked.date_max)]
        # Their patterns are checked once per distinct text after decoding (:func:`_patterned`):
        # a pattern in the type would cost a regular-expression call for every value.
        self.patterns = {
            "money": (checked.money_pattern.search, re.compile(_MONEY).fullmatch),
            "decimal": (checked.decimal_pattern.search, re.compile(_DECIMAL).fullmatch),
            "date": (checked.date_pattern.search, re.compile(_DATE).fullmatch),
        }
        self.matched: dict[str, set[str]] = {kind: set() for kind in self.patterns}
        """Texts found to match, by kind: packages repeat their amounts and dates."""
        self._kinds = {
            "money": "money",
            "money_or_null": "money",
            "decimal": "decimal",
            "decimal_or_null": "decimal",
            "date_or_null": "date",
        }

        def choice(members: dict[str, Any]) -> Any:
            return Literal[tuple(members)]  # the values both the schema and the domain know

        self._scalars: dict[str, Any] = {
            "uid": Annotated[str, msgspec.Meta(max_length=checked.uid_max)],
            "text": text,
            "code": Annotated[str, msgspec.Meta(max_length=checked.code_max)],
            "money": money,
            "money_or_null": money | None,
            "decimal": decimal,
            "decimal_or_null": decimal | None,
            "date_or_null": day | None,
            "suspension": choice(checked.suspension),
            "tier": choice(checked.tier),
            "likelihood": choice(checked.likelihood),
            "reason_category": choice(checked.category),
            "project_attribute": choice(checked.attribute),
            "funding_source": choice(checked.source),
            "operator": choice(checked.operator),
            "basis": choice(checked.basis),
            "period": choice(checked.period),
        }
        self.optional: dict[str, tuple[str, ...]] = {}
        self.patterned: dict[str, list[tuple[str, str]]] = {}
        """Each definition's properties whose texts must match a pattern, with its kind."""
        self.fields: dict[str, int] = {}
        self.structs: dict[str, type[msgspec.Struct]] = {}
        for name in ("reason", "progress", "entry", "funding_line", "indicator", "targets"):
            self.structs[name] = self._struct(name)
        for name in ("project", "result", "evaluation", "budget_line", "arrival"):
            self.structs[name] = self._struct(name)
        self.top = self._top(schema)
        self.decoder = msgspec.json.Decoder(self.top)
        self.domain = {name: list[kind] for name, kind in _DOMAIN.items()}  # type: ignore[valid-type]

    def _struct(self, name: str) -> type[msgspec.Struct]:
        required, most = getattr(self.rules, _SHAPES.get(name, name))
        layout = LAYOUT[name]
        if most < len(layout):
            raise UnexpectedError  # a whole object would break maxProperties: not expressed
        fields: list[tuple[str, Any] | tuple[str, Any, Any]] = []
        optional = []
        self.patterned[name] = []
        for key, expected in layout.items():
            kind = self._type(name, key, expected)
            scalar = _scalar_name(expected)
            if scalar in self._kinds:
                self.patterned[name].append((key, self._kinds[scalar]))
            if key in required:
                fields.append((key, kind))
            elif (name, key) in _ABSENT:
                fields.append((key, kind | msgspec.UnsetType, msgspec.UNSET))
                optional.append(key)
            else:
                raise UnexpectedError
        self.optional[name] = tuple(optional)
        self.fields[name] = len(layout) - len(optional)
        return msgspec.defstruct(f"Typed_{name}", fields, kw_only=True, forbid_unknown_fields=True)

    def _type(self, owner: str, key: str, expected: Any) -> Any:
        if expected == ITEMS:
            items, most = _ITEMS[(owner, key)]
            return self._array(items, most)
        if expected == {"type": "boolean"}:
            return bool
        if "anyOf" in expected:  # _nullable(name): the definition or null
            return self._scalars[_scalar_name(expected)] | None
        name = _target(expected)
        if name == "targets":
            return self.structs["targets"]
        return self._scalars[name]

    def _array(self, items: str, most: str) -> Any:
        """A list of the ``items`` structure, at most as many as the rules' ``most`` says."""
        limit = msgspec.Meta(max_length=getattr(self.rules, most))
        return Annotated[list[self.structs[items]], limit]  # type: ignore[name-defined]

    def _top(self, schema: dict[str, Any]) -> type[msgspec.Struct]:
        required = set(schema["required"])
        properties = schema["properties"]
        if schema.get("maxProperties", len(properties)) < len(properties):
            raise UnexpectedError
        fields: list[tuple[str, Any] | tuple[str, Any, Any]] = []
        for key in properties:
            if key == "unit_targets":
                kind: Any = self.structs["targets"]
            elif key in _TOP_ITEMS:
                kind = self._array(*_TOP_ITEMS[key])
            else:
                kind = msgspec.Raw
            if key in required:
                fields.append((key, kind))
            elif key in PARTS and key != "arrivals":
                raise UnexpectedError  # the walk reads these as required
            else:
                fields.append((key, kind | msgspec.UnsetType, msgspec.UNSET))
        return msgspec.defstruct("TypedData", fields, kw_only=True, forbid_unknown_fields=True)


_SHAPES = {"funding_line": "funding"}
"""The :class:`WalkRules` attribute of a definition's shape, where it is not the name."""


def _target(reference: dict[str, Any]) -> str:
    return str(reference["$ref"]).rsplit("/", 1)[-1]


def _scalar_name(expected: Any) -> str:
    """The definition a property refers to (``_nullable``'s first choice); ``""``: none."""
    if not isinstance(expected, dict):
        return ""
    if "anyOf" in expected:
        return _target(expected["anyOf"][0])
    return _target(expected) if "$ref" in expected else ""


@cache
def _types() -> _Types | None:
    """The typed structures of the packaged schema (``None``: it holds what they cannot say)."""
    try:
        return _Types(rules(), schemas.schema("data"))
    except (UnexpectedError, KeyError, TypeError):
        return None


def decode(data: bytes) -> Typed | None:
    """data.json read by type, when every typed value is as the schema and the reader want.

    ``data`` passed :func:`json_limits.check` (size and depth) already. ``None``: read it the
    checked way.
    """
    types = _types()
    try:
        if types is None:
            raise UnexpectedError
        document = types.decoder.decode(data)
        present = [
            key for key in document.__struct_fields__ if getattr(document, key) is not msgspec.UNSET
        ]
        raw = [key for key in present if type(getattr(document, key)) is msgspec.Raw]
        rest_text = b"{%s}" % b",".join(
            b'"%s":%s' % (key.encode(), bytes(getattr(document, key))) for key in raw
        )
        rest = json_limits.parse(rest_text)  # as json_limits.load reads any JSON
        objects = _objects(document)
        keys = len(present) - len(raw) + _keys(types, objects)
        if json_limits.keys_in(data) - json_limits.keys_in(rest_text) != keys:
            raise UnexpectedError  # a key given twice, or one the typed parts do not know
        if not _patterned(types, objects):
            raise UnexpectedError
        walked = _walked(types, document, objects)
    except (UnexpectedError, msgspec.MsgspecError, ValueError, TypeError, ArithmeticError):
        return None  # UnicodeDecodeError is a ValueError; RecursionError: not past check()
    for key in present:
        rest.setdefault(key, None)
    return Typed(rest=rest, walked=walked)


def _objects(document: Any) -> dict[str, list[Any]]:
    """Every typed object of the document, by definition."""
    projects = document.projects
    targets = [document.unit_targets, *(project.targets for project in projects)]
    progress = [record for entry in document.monitoring for record in entry.progress]
    return {
        "project": projects,
        "funding_line": [line for project in projects for line in project.funding],
        "targets": targets,
        "indicator": [indicator for item in targets for indicator in item.indicators],
        "entry": document.monitoring,
        "progress": progress,
        "reason": [reason for record in progress for reason in record.reasons],
        "evaluation": document.evaluations,
        "result": [result for item in document.evaluations for result in item.results],
        "budget_line": document.budget,
        "arrival": document.arrivals if document.arrivals is not msgspec.UNSET else [],
    }


def _keys(types: _Types, objects: dict[str, list[Any]]) -> int:
    """The keys decoded in the typed parts (the absent optional properties not counted)."""
    total = 0
    for name, items in objects.items():
        total += types.fields[name] * len(items)
        for key in types.optional[name]:
            total += len(items) - list(map(attrgetter(key), items)).count(msgspec.UNSET)
    return total


def _patterned(types: _Types, objects: dict[str, list[Any]]) -> bool:
    """Whether every money, decimal and date text matches the schema's and the reader's pattern.

    Each distinct text is checked once (a year repeats most of its numbers), and a text found
    to match is not checked again for the next package (up to :data:`_MATCHED_MOST` texts).
    """
    texts: dict[str, set[Any]] = {kind: set() for kind in types.patterns}
    for name, items in objects.items():
        for key, kind in types.patterned[name]:
            texts[kind].update(map(attrgetter(key), items))
    for kind, found in texts.items():
        search, whole = types.patterns[kind]
        matched = types.matched[kind]
        found.discard(None)
        found.discard(msgspec.UNSET)
        found.difference_update(matched)
        if not all(search(text) and whole(text) for text in found):
            return False
        if len(matched) + len(found) > _MATCHED_MOST:
            matched.clear()
        matched |= found
    return True


def _walked(types: _Types, document: Any, objects: dict[str, list[Any]]) -> Walked:
    """The domain objects of the typed parts (what :func:`data_walk.walk` would make)."""
    for name, items in objects.items():
        for key in types.optional[name]:
            absent = _ABSENT[(name, key)]
            for item in items:
                if getattr(item, key) is msgspec.UNSET:
                    setattr(item, key, absent)
    domain = types.domain

    def made(name: str, items: Any) -> tuple[Any, ...]:
        return tuple(msgspec.convert(items, domain[name], from_attributes=True))

    arrivals = document.arrivals
    return Walked(
        projects=made("project", document.projects),
        unit_targets=msgspec.convert(document.unit_targets, TargetSet, from_attributes=True),
        monitoring=made("entry", document.monitoring),
        evaluations=made("evaluation", document.evaluations),
        budget=made("budget_line", document.budget),
        arrivals=() if arrivals is msgspec.UNSET else made("arrival", arrivals),
    )
