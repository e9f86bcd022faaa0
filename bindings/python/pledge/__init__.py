# SPDX-License-Identifier: MIT
"""libpledge for Python: citizen pledges (medborgarlöften) as validated data.

    >>> import pledge
    >>> doc = pledge.load("examples/ale-2024.yaml")
    >>> doc.activity("tryggare-trafikmiljo")
    <Activity tryggare-trafikmiljo>

Documents are read-only views of what libpledge validated: every object
handed out keeps its document alive, so nothing needs freeing or closing.
See docs/python.md for a tutorial and docs/format.md for the fields.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import functools
import json as _json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeAlias, Union


def _import_core() -> Any:
    """The C module, or an ImportError that says which Python it was built for.

    A C extension is built for one Python version: another Python does not
    even see a file named for another ABI (_core.cpython-311-...so under
    Python 3.12), and its own error, "cannot import name '_core' ...
    (most likely due to a circular import)", would mislead: it is replaced,
    not chained.
    """
    try:
        from . import _core as core
        return core
    except ImportError as error:
        import importlib.machinery
        import platform
        import sys

        here = os.path.dirname(os.path.abspath(__file__))
        try:
            built = sorted(n for n in os.listdir(here) if n.startswith("_core.")
                           and n.endswith((".so", ".pyd")))
        except OSError:
            built = []
        running = (f"{platform.python_implementation()} "
                   f"{sys.version_info[0]}.{sys.version_info[1]}")
        usable = [n for n in built
                  if any(n == "_core" + s for s in importlib.machinery.EXTENSION_SUFFIXES)]
        if built and not usable:
            tags = []
            for name in built:
                m = re.match(r"_core\.(cpython|pypy)-?(\d)(\d+)", name)
                tags.append(f"{'CPython' if m.group(1) == 'cpython' else 'PyPy'} "
                            f"{m.group(2)}.{m.group(3)}" if m else name)
            raise ImportError(
                f"pledge's C module was built for {', '.join(tags)} ({', '.join(built)} in "
                f"{here}), not for this {running} ({sys.executable}): install pledge for "
                f"this Python (pip install . from the source, or build with CMake's "
                f"-DPython3_EXECUTABLE={sys.executable}; see docs/python.md)",
                name=__name__, path=here) from None
        if not built:
            raise ImportError(
                f"pledge's C module (_core) is missing from {here}: build and install "
                f"the package (see docs/python.md)", name=__name__, path=here) from None
        raise


_core = _import_core()

__all__ = [
    "__version__",
    "Error", "ValidationError", "SchemaError", "Diagnostic",
    "load", "loads", "load_all", "from_dict", "validate", "read", "FileResult", "Schema",
    "Document", "Pledge", "FollowUp",
    "Period", "Area", "Agreement", "FollowUpPlan",
    "Party", "Identifier", "Situation", "Source", "Problem", "Theme",
    "Activity", "ActivityTarget", "Goal", "Indicator", "IndicatorValue",
    "Channel", "Contact", "Entry", "Evidence", "Measurement",
    "Progress", "IndicatorProgress", "Observation",
    # format 1.1
    "Municipality", "PartialDate", "Signing", "Signatory", "Place", "Output", "Event",
    "OtherWork",
]

__version__: str = _core.version()

StrPath: TypeAlias = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]


# ---- diagnostics and errors ---------------------------------------------------

@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem, with the fields of pledge-validate's JSON output.

    ``line`` and ``column`` are 1-based (columns in code points), 0 when the
    problem has no position (an unreadable file, data given by from_dict).
    """

    severity: str       #: "error" or "warning"
    code: str           #: stable code: "required", "yaml.syntax", "pledge.unknown-reference"...
    message: str        #: one sentence in plain English
    file: str           #: the source's name
    document: int       #: 0-based index of the document in its stream
    line: int
    column: int
    instance_path: str  #: JSON Pointer into the document, "" for the root
    schema_path: str    #: the failing keyword's location, "" when not a schema error

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        return f"{where}: {self.severity}: {self.message} [{self.code}]"

    def __repr__(self) -> str:
        return f"<Diagnostic {self}>"


def _summary(diagnostics: list[Diagnostic], what: str) -> str:
    """A message naming the source and listing the first few errors."""
    errors = [d for d in diagnostics if d.severity == "error"] or diagnostics
    if not errors:
        return what
    files = {d.file for d in errors}
    if len(files) == 1:
        what = f"{files.pop()}: {what}"
    shown = 5
    noun = "error" if len(errors) == 1 else "errors"
    lines = [f"{what} ({len(errors)} {noun})"]
    lines += [f"  {d}" for d in errors[:shown]]
    if len(errors) > shown:
        lines.append(f"  … and {len(errors) - shown} more")
    return "\n".join(lines)


class Error(Exception):
    """Base class of libpledge's errors (unreadable files raise OSError)."""


class ValidationError(Error):
    """The data is invalid; ``diagnostics`` lists every problem found."""

    diagnostics: list[Diagnostic]

    def __init__(self, diagnostics: Iterable[Diagnostic], message: str | None = None) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__(message or _summary(self.diagnostics, "invalid data"))


class SchemaError(Error):
    """A schema that is not a valid JSON Schema 2020-12; ``diagnostics`` says why."""

    diagnostics: list[Diagnostic]

    def __init__(self, diagnostics: Iterable[Diagnostic], message: str | None = None) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__(message or _summary(self.diagnostics, "invalid schema"))


# The C typemaps raise and build these.
_core.py_register(Error, ValidationError, Diagnostic)


# ---- small conversions ---------------------------------------------------------

_PRECISION = {1: "year", 2: "month", 3: "day"}


def _first_day(parts: tuple[int, int, int, int] | None) -> _dt.date | None:
    """A (year, month, day, precision) date from the C layer as its first day."""
    if parts is None:
        return None
    year, month, day, _ = parts
    return _dt.date(year, month or 1, day or 1)


def _float(value: int | float | None) -> float | None:
    return None if value is None else float(value)


def _check_key(found: Any, key: str) -> Any:
    """``found``, or KeyError(key) when the C lookup found nothing."""
    if found is None:
        raise KeyError(key)
    return found


# ---- value objects -----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Period:
    """When a pledge applies, or the time a follow-up reports on.

    A year or month given as a partial date gives its first day in
    ``start`` and ``end``; the precisions say what was written, and
    ``last_day`` is the last day an end stands for (2026 → 2026-12-31).
    """

    start: _dt.date
    end: _dt.date | None            #: None when open-ended ("tillsvidare")
    start_precision: str            #: "year", "month" or "day"
    end_precision: str | None
    planned_years: int | None = None
    label: str | None = None

    @property
    def last_day(self) -> _dt.date | None:
        if self.end is None:
            return None
        if self.end_precision == "year":
            return _dt.date(self.end.year, 12, 31)
        if self.end_precision == "month":
            return _dt.date(self.end.year, self.end.month,
                            calendar.monthrange(self.end.year, self.end.month)[1])
        return self.end


@dataclass(frozen=True, slots=True)
class Municipality:
    """One municipality of a pledge over several (1.1)."""

    name: str
    code: str | None  #: SCB's kommunkod


@dataclass(frozen=True, slots=True)
class Area:
    """A pledge's "area"."""

    municipality: str | None
    municipality_code: str | None  #: SCB's kommunkod, e.g. "1440"
    police_area: str | None
    region: str | None
    municipalities: list[Municipality] = field(default_factory=list)  #: 1.1
    districts: list[str] = field(default_factory=list)  #: 1.1, in the document's language


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date written as precisely as it is known (1.1): its first day and
    what was written ("year", "month" or "day")."""

    date: _dt.date
    precision: str


@dataclass(frozen=True, slots=True)
class Signatory:
    """One who signed the pledge (1.1)."""

    name: str | None
    role: str | None
    party: Party | None


@dataclass(frozen=True, slots=True)
class Signing:
    """The signing of a pledge (1.1)."""

    date: PartialDate | None
    place: str | None
    signatories: list[Signatory]


@dataclass(frozen=True, slots=True)
class Output:
    """A count a follow-up states (1.1): "drygt 200 kontroller"."""

    value: float
    unit: str
    qualifier: str       #: "exactly" (also when absent), "about", "at_least", "more_than", "at_most"
    per: str | None      #: "day", "week", "month", "term", "year", "period"
    label: str | None


@dataclass(frozen=True, slots=True)
class Event:
    """A dated line of a follow-up (1.1)."""

    date: PartialDate
    text: str


@dataclass(frozen=True, slots=True)
class OtherWork:
    """A result a follow-up gives that belongs to no promise (1.1)."""

    text: str
    outputs: list[Output]
    events: list[Event]
    comment: str | None


@dataclass(frozen=True, slots=True)
class Agreement:
    """The samverkansöverenskommelse a pledge belongs to."""

    name: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class FollowUpPlan:
    """A pledge's "follow_up": how it is followed up."""

    methods: list[str]        #: source kinds, e.g. ["safety_survey", "citizen_dialogue"]
    frequency: str | None     #: "continuous", "tertial", "half_year", "annual", "end_of_period"
    description: str | None


@dataclass(frozen=True, slots=True)
class Identifier:
    """One of a party's official identifiers."""

    scheme: str   #: e.g. "scb-kommunkod", "orgnr"
    value: str


@dataclass(frozen=True, slots=True)
class ActivityTarget:
    """An activity's "target": how much is promised."""

    quantity: int | None
    comparator: str | None  #: "at_least", "exactly", "at_most"
    unit: str | None
    per: str | None         #: "period", "year", "term", "month", "week", "day"


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """An indicator's baseline or target."""

    value: float
    date: _dt.date | None


@dataclass(frozen=True, slots=True)
class Observation:
    """One measurement of an indicator as progress sees it."""

    date: _dt.date
    value: float | None  #: None for a measurement without value (unit "text")
    report: int          #: index of its follow-up in the order given to progress()


# ---- elements of a document ------------------------------------------------------------

class _Element:
    """An object of a document: keeps the document alive, compares equal to
    the same object of an equal document."""

    __slots__ = ("_doc", "_p", "_key")
    _texts: ClassVar[dict[str, Callable[[Any, str | None], str | None]]] = {}

    def __init__(self, doc: Document, p: Any, key: tuple[Any, ...]) -> None:
        self._doc = doc
        self._p = p
        self._key = key

    @property
    def document(self) -> Document:
        """The document this object belongs to."""
        return self._doc

    def localized(self, key: str, lang: str | None = None) -> str | None:
        """The text field ``key`` in language ``lang`` (None: the document's
        language); None when the text is absent or has no such language."""
        read = self._texts.get(key)
        if read is not None:
            return read(self._p, lang)
        data = self.data
        if key not in data and key not in self._KEYS:
            raise KeyError(f"{type(self).__name__} has no text {key!r}")
        return _text_of(data.get(key), lang, self._doc)

    _KEYS: ClassVar[frozenset[str]] = frozenset()
    _node: ClassVar[Callable[[Any], Any] | None] = None

    @property
    def data(self) -> dict[str, Any]:
        """This object's own mapping as plain data, every key of the source
        (format 1.1 keys and x- keys too): generic access by key."""
        node = type(self)._node
        if node is None:
            raise AttributeError(f"{type(self).__name__} has no data")
        return node(self._p)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, _Element)
        return self._key == other._key and (self._doc is other._doc or self._doc == other._doc)

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._key))

    def __copy__(self) -> _Element:
        return self  # immutable

    def __deepcopy__(self, memo: dict[int, Any]) -> _Element:
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        # By position in its document, which pickles as its data.
        return (_element_at, (self._doc, self._key))

    def _label(self) -> str:
        return ""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._label()}>"


def _text_of(value: Any, lang: str | None, doc: Document) -> str | None:
    """A text value (a string, or a mapping by language) in ``lang`` (None:
    the document's language, else a plain string as is)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value if lang is None or lang == (doc.language or lang) else None
    if isinstance(value, dict):
        want = lang or doc.language
        if want is None:
            return next(iter(value.values()), None)
        found = value.get(want)
        return found if isinstance(found, str) else None
    return None


def _partial(parts: tuple[int, int, int, int] | None) -> PartialDate | None:
    if parts is None:
        return None
    first = _first_day(parts)
    assert first is not None
    return PartialDate(first, _PRECISION[parts[3]])


def _output(doc: Document, o: Any) -> Output:
    return Output(value=float(_core.output_value(o)), unit=_core.output_unit(o, None),
                  qualifier=_core.qualifier_name(_core.output_qualifier(o)),
                  per=_core.per_name(_core.output_per(o)), label=_core.output_label(o, None))


def _events(doc: Document, items: Any) -> list[Event]:
    events = []
    for e in items or []:
        events.append(Event(_partial_from_value(e.get("date")),
                            _text_of(e.get("text"), None, doc) or ""))
    return events


def _partial_from_value(value: Any) -> PartialDate:
    """A partial date from its plain value (2018, "2018-02", "2018-02-10")."""
    text = str(value)
    if len(text) == 4:
        return PartialDate(_dt.date(int(text), 1, 1), "year")
    if len(text) == 7:
        return PartialDate(_dt.date(int(text[:4]), int(text[5:7]), 1), "month")
    return PartialDate(_dt.date.fromisoformat(text), "day")


def _index_in(p: Any, count: int, at: Callable[[int], Any]) -> int:
    """Position of the borrowed pointer ``p`` in a document list (SWIG's
    pointer objects compare by address)."""
    for i in range(count):
        if at(i) == p:
            return i
    return -1


class Party(_Element):
    """A party to the pledge (kommun, polis, …)."""

    __slots__ = ()
    _texts = {"name": _core.party_name}
    _node = _core.party_node

    @property
    def role(self) -> str:
        """"pledging" (also when absent) or "partner" (1.1): a partner takes
        part without making the pledge."""
        return _core.party_role_name(_core.party_role_of(self._p))

    @property
    def id(self) -> str:
        return _core.party_id(self._p)

    @property
    def name(self) -> str:
        return _core.party_name(self._p, None)

    @property
    def kind(self) -> str:
        return _core.party_kind_name(_core.party_kind_of(self._p))

    @property
    def url(self) -> str | None:
        return _core.party_url(self._p)

    @property
    def identifiers(self) -> list[Identifier]:
        p = self._p
        return [Identifier(_core.party_identifier_scheme(p, i), _core.party_identifier_value(p, i))
                for i in range(_core.party_identifier_count(p))]

    @property
    def activities(self) -> list[Activity]:
        """The activities this party is responsible for, in document order."""
        assert isinstance(self._doc, Pledge)
        return [a for a in self._doc.activities if self in a.responsible]

    def _label(self) -> str:
        return self.id


def _party(doc: Document, p: Any) -> Party | None:
    return None if p is None else Party(doc, p, ("party", _core.party_index(p)))


class Source(_Element):
    """A source of knowledge: of the lägesbild, an indicator or a measurement."""

    __slots__ = ()
    _texts = {"title": _core.source_title}

    @property
    def id(self) -> str | None:
        return _core.source_id(self._p)

    @property
    def kind(self) -> str:
        return _core.source_kind_name(_core.source_kind_of(self._p))

    @property
    def title(self) -> str | None:
        return _core.source_title(self._p, None)

    @property
    def year(self) -> int | None:
        return _core.source_year(self._p) or None

    @property
    def url(self) -> str | None:
        return _core.source_url(self._p)

    def _label(self) -> str:
        return self.id or self.kind


def _situation_source(doc: Document, p: Any) -> Source:
    h = doc._h
    i = _index_in(p, _core.doc_source_count(h), lambda k: _core.doc_source_at(h, k))
    return Source(doc, p, ("source", i))


class Problem(_Element):
    """A problem area (problemområde) of the lägesbild."""

    __slots__ = ()
    _texts = {"title": _core.problem_title, "description": _core.problem_description}

    @property
    def id(self) -> str:
        return _core.problem_id(self._p)

    @property
    def title(self) -> str | None:
        return _core.problem_title(self._p, None)

    @property
    def description(self) -> str | None:
        return _core.problem_description(self._p, None)

    @property
    def sources(self) -> list[Source]:
        p = self._p
        return [_situation_source(self._doc, _core.problem_source_at(p, i))
                for i in range(_core.problem_source_count(p))]

    def _label(self) -> str:
        return self.id


def _problem(doc: Document, p: Any) -> Problem:
    h = doc._h
    i = _index_in(p, _core.doc_problem_count(h), lambda k: _core.doc_problem_at(h, k))
    return Problem(doc, p, ("problem", i))


class Situation:
    """The lägesbild of a pledge: its description, sources and problems."""

    __slots__ = ("_doc",)

    def __init__(self, doc: Pledge) -> None:
        self._doc = doc

    @property
    def description(self) -> str | None:
        return _core.doc_situation(self._doc._h, None)

    @property
    def sources(self) -> list[Source]:
        h = self._doc._h
        return [Source(self._doc, _core.doc_source_at(h, i), ("source", i))
                for i in range(_core.doc_source_count(h))]

    def source(self, id: str) -> Source:
        """The source with this id; KeyError if there is none."""
        p = _check_key(_core.doc_source(self._doc._h, id), id)
        return _situation_source(self._doc, p)

    @property
    def problems(self) -> list[Problem]:
        h = self._doc._h
        return [Problem(self._doc, _core.doc_problem_at(h, i), ("problem", i))
                for i in range(_core.doc_problem_count(h))]

    def problem(self, id: str) -> Problem:
        """The problem with this id; KeyError if there is none."""
        return _problem(self._doc, _check_key(_core.doc_problem(self._doc._h, id), id))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Situation):
            return NotImplemented
        return self._doc == other._doc

    def __hash__(self) -> int:
        return hash(("Situation", self._doc))

    def __repr__(self) -> str:
        return f"<Situation of {self._doc.id}>"


class Theme(_Element):
    """A theme ("Det här lovar vi") and its activities."""

    __slots__ = ()
    _texts = {"title": _core.theme_title, "description": _core.theme_description}

    @property
    def id(self) -> str:
        return _core.theme_id(self._p)

    @property
    def title(self) -> str:
        return _core.theme_title(self._p, None)

    @property
    def description(self) -> str | None:
        return _core.theme_description(self._p, None)

    @property
    def activities(self) -> list[Activity]:
        p = self._p
        return [_activity(self._doc, _core.theme_activity_at(p, i))
                for i in range(_core.theme_activity_count(p))]

    def _label(self) -> str:
        return self.id


def _theme(doc: Document, p: Any) -> Theme:
    return Theme(doc, p, ("theme", _core.theme_index(p)))


class Activity(_Element):
    """One promised activity."""

    __slots__ = ()
    _texts = {"text": _core.activity_text, "target_group": _core.activity_target_group,
              "target.unit": _core.activity_target_unit}
    _node = _core.activity_node
    _KEYS = frozenset({"when", "condition"})

    @property
    def partners(self) -> list[Party]:
        """Parties that take part without being responsible (1.1)."""
        p = self._p
        return [Party(self._doc, q, ("party", _core.party_index(q)))
                for q in (_core.activity_partner_at(p, i)
                          for i in range(_core.activity_partner_count(p)))]

    @property
    def places(self) -> list[Place]:
        """The places it concerns (1.1)."""
        p = self._p
        return [Place(self._doc, q, ("place", _core.place_index(q)))
                for q in (_core.activity_place_at(p, i)
                          for i in range(_core.activity_place_count(p)))]

    @property
    def when(self) -> str | None:
        """Its time window (1.1), e.g. "fredag- och lördagskvällar"."""
        return self.localized("when")

    @property
    def condition(self) -> str | None:
        """What it depends on (1.1), e.g. "om det uppkommer önskemål"."""
        return self.localized("condition")

    @property
    def id(self) -> str:
        return _core.activity_id(self._p)

    @property
    def text(self) -> str:
        """What is promised, in the document's language."""
        return _core.activity_text(self._p, None)

    @property
    def theme(self) -> Theme | None:
        """Its theme; None for one of the flat "activities" list (1.1)."""
        t = _core.activity_theme(self._p)
        return None if t is None else _theme(self._doc, t)

    @property
    def responsible(self) -> list[Party]:
        """Who is responsible; empty when the pledge does not say (1.1:
        never a guessed party)."""
        p = self._p
        return [Party(self._doc, q, ("party", _core.party_index(q)))
                for q in (_core.activity_responsible_at(p, i)
                          for i in range(_core.activity_responsible_count(p)))]

    @property
    def addresses(self) -> list[Problem]:
        """The problems of the lägesbild it addresses."""
        p = self._p
        return [_problem(self._doc, _core.activity_problem_at(p, i))
                for i in range(_core.activity_problem_count(p))]

    @property
    def goals(self) -> list[Goal]:
        p = self._p
        return [_goal(self._doc, _core.activity_goal_at(p, i))
                for i in range(_core.activity_goal_count(p))]

    @property
    def target_group(self) -> str | None:
        return _core.activity_target_group(self._p, None)

    @property
    def recurrence(self) -> str | None:
        """"once", "yearly", "continuous", "daily", "weekly", "monthly", or None."""
        return _core.recurrence_name(_core.activity_recurrence(self._p))

    @property
    def target(self) -> ActivityTarget | None:
        p = self._p
        if not _core.activity_has_target(p):
            return None
        quantity = _core.activity_target_quantity(p)
        return ActivityTarget(
            quantity=None if quantity < 0 else quantity,
            comparator=_core.comparator_name(_core.activity_target_comparator(p)),
            unit=_core.activity_target_unit(p, None),
            per=_core.per_name(_core.activity_target_per(p)))

    def _label(self) -> str:
        return self.id


def _activity(doc: Document, p: Any) -> Activity:
    return Activity(doc, p, ("activity", _core.activity_index(p)))


class Place(_Element):
    """A named place the pledge concerns (1.1)."""

    __slots__ = ()
    _texts = {"name": _core.place_name}
    _node = _core.place_node
    _KEYS = frozenset({"description"})

    @property
    def id(self) -> str:
        return _core.place_id(self._p)

    @property
    def name(self) -> str:
        return _core.place_name(self._p, None)

    @property
    def kind(self) -> str | None:
        """"road", "street", "square", "station", "school", "park", "tunnel",
        "residential_area", "town", "other", or None."""
        return _core.place_kind_name(_core.place_kind_of(self._p))

    @property
    def description(self) -> str | None:
        return self.localized("description")

    @property
    def activities(self) -> list[Activity]:
        """The activities that name this place."""
        return [a for a in self._doc.activities if self in a.places]  # type: ignore[attr-defined]

    def _label(self) -> str:
        return self.id


class Goal(_Element):
    """A goal ("Det här ska vi åstadkomma tillsammans") and its indicators."""

    __slots__ = ()
    _texts = {"text": _core.goal_text}

    @property
    def id(self) -> str:
        return _core.goal_id(self._p)

    @property
    def text(self) -> str:
        return _core.goal_text(self._p, None)

    @property
    def level(self) -> str | None:
        """"impact", "outcome", "output", or None."""
        return _core.goal_level_name(_core.goal_level_of(self._p))

    @property
    def indicators(self) -> list[Indicator]:
        p = self._p
        return [_indicator(self._doc, _core.goal_indicator_at(p, i))
                for i in range(_core.goal_indicator_count(p))]

    @property
    def activities(self) -> list[Activity]:
        """The activities that name this goal in their "goals"."""
        assert isinstance(self._doc, Pledge)
        return [a for a in self._doc.activities if self in a.goals]

    def _label(self) -> str:
        return self.id


def _goal(doc: Document, p: Any) -> Goal:
    return Goal(doc, p, ("goal", _core.goal_index(p)))


class Indicator(_Element):
    """How a goal is measured."""

    __slots__ = ()
    _texts = {"text": _core.indicator_text}

    @property
    def id(self) -> str:
        return _core.indicator_id(self._p)

    @property
    def text(self) -> str:
        return _core.indicator_text(self._p, None)

    @property
    def unit(self) -> str:
        """"percent", "count", "rate", "index" or "text"."""
        return _core.unit_name(_core.indicator_unit(self._p))

    @property
    def direction(self) -> str | None:
        """"increase", "decrease", "maintain", or None (unit "text")."""
        return _core.direction_name(_core.indicator_direction(self._p))

    @property
    def source(self) -> Source | None:
        p = _core.indicator_source(self._p)
        return None if p is None else Source(self._doc, p, ("indicator-source", self._key[1]))

    @property
    def goal(self) -> Goal:
        return _goal(self._doc, _core.indicator_goal(self._p))

    @property
    def baseline(self) -> IndicatorValue | None:
        p = self._p
        if not _core.indicator_has_baseline(p):
            return None
        return IndicatorValue(float(_core.indicator_baseline_value(p)),
                              _first_day(_core.indicator_baseline_date(p)))

    @property
    def target(self) -> IndicatorValue | None:
        p = self._p
        if not _core.indicator_has_target(p):
            return None
        return IndicatorValue(float(_core.indicator_target_value(p)),
                              _first_day(_core.indicator_target_date(p)))

    def _label(self) -> str:
        return self.id


def _indicator(doc: Document, p: Any) -> Indicator:
    return Indicator(doc, p, ("indicator", _core.indicator_index(p)))


class Channel(_Element):
    """Where residents can follow the pledge."""

    __slots__ = ()
    _texts = {"name": _core.channel_name}

    @property
    def kind(self) -> str:
        return _core.channel_kind_name(_core.channel_kind_of(self._p))

    @property
    def url(self) -> str | None:
        return _core.channel_url(self._p)

    @property
    def name(self) -> str | None:
        return _core.channel_name(self._p, None)

    @property
    def owner(self) -> Party | None:
        return _party(self._doc, _core.channel_owner(self._p))

    def _label(self) -> str:
        return f"{self.kind} {self.url or self.name}"


class Contact(_Element):
    """Who residents can turn to."""

    __slots__ = ()
    _texts = {"role": _core.contact_role, "note": _core.contact_note}

    @property
    def party(self) -> Party:
        party = _party(self._doc, _core.contact_party(self._p))
        assert party is not None
        return party

    @property
    def name(self) -> str | None:
        return _core.contact_name(self._p)

    @property
    def role(self) -> str | None:
        return _core.contact_role(self._p, None)

    @property
    def note(self) -> str | None:
        return _core.contact_note(self._p, None)

    @property
    def phone(self) -> str | None:
        return _core.contact_phone(self._p)

    @property
    def email(self) -> str | None:
        return _core.contact_email(self._p)

    def _label(self) -> str:
        return " ".join(x for x in (self.party.id, self.name) if x)


class Evidence(_Element):
    """A published trace of the work reported in an entry."""

    __slots__ = ()
    _texts = {"title": _core.evidence_title}

    @property
    def url(self) -> str:
        return _core.evidence_url(self._p)

    @property
    def title(self) -> str | None:
        return _core.evidence_title(self._p, None)

    @property
    def date(self) -> _dt.date | None:
        return _first_day(_core.evidence_date(self._p))

    def _label(self) -> str:
        return self.url


class Entry(_Element):
    """A follow-up's report on one activity of the pledge."""

    __slots__ = ()
    _texts = {"comment": _core.entry_comment}
    _node = _core.entry_node

    @property
    def activity_id(self) -> str:
        """The id of the pledge's activity (the "activity" key)."""
        return _core.entry_activity_id(self._p)

    @property
    def status(self) -> str:
        """"not_started", "in_progress", "stalled", "partially_done", "done",
        "cancelled" or "not_assessable"."""
        return _core.status_name(_core.entry_status(self._p))

    @property
    def status_label(self) -> str:
        """The status in Swedish, as published: "pågår", "genomförd", …"""
        return _core.status_label_sv(_core.entry_status(self._p))

    @property
    def done(self) -> int | None:
        done = _core.entry_done(self._p)
        return None if done < 0 else done

    @property
    def comment(self) -> str | None:
        return _core.entry_comment(self._p, None)

    @property
    def outputs(self) -> list[Output]:
        """Counts as the report states them (1.1)."""
        p = self._p
        return [_output(self._doc, _core.entry_output_at(p, i))
                for i in range(_core.entry_output_count(p))]

    @property
    def events(self) -> list[Event]:
        """Dated lines of the report (1.1)."""
        return _events(self._doc, self.data.get("events"))

    @property
    def evidence(self) -> list[Evidence]:
        p = self._p
        return [Evidence(self._doc, _core.entry_evidence_at(p, i), ("evidence", self._key[1], i))
                for i in range(_core.entry_evidence_count(p))]

    def _label(self) -> str:
        return f"{self.activity_id} {self.status}"


class Measurement(_Element):
    """A follow-up's value of one indicator of the pledge."""

    __slots__ = ()
    _texts = {"comment": _core.measurement_comment}

    @property
    def indicator_id(self) -> str:
        """The id of the pledge's indicator (the "indicator" key)."""
        return _core.measurement_indicator_id(self._p)

    @property
    def value(self) -> float | None:
        if not _core.measurement_has_value(self._p):
            return None
        return float(_core.measurement_value(self._p))

    @property
    def date(self) -> _dt.date:
        date = _first_day(_core.measurement_date(self._p))
        assert date is not None
        return date

    @property
    def source(self) -> Source | None:
        p = _core.measurement_source(self._p)
        return None if p is None else Source(self._doc, p, ("measurement-source", self._key[1]))

    @property
    def comment(self) -> str | None:
        return _core.measurement_comment(self._p, None)

    def _label(self) -> str:
        value = "" if self.value is None else f" {self.value:g}"
        return f"{self.indicator_id} {self.date.isoformat()}{value}"


def _element_at(doc: Any, key: tuple[Any, ...]) -> _Element:
    """The object at ``key`` (see the _key of each class) of ``doc``."""
    kind, *at = key
    if kind == "evidence":
        return doc.entries[at[0]].evidence[at[1]]
    if kind == "indicator-source":
        return doc.indicators[at[0]].source
    if kind == "measurement-source":
        return doc.measurements[at[0]].source
    if kind in ("source", "problem"):
        return getattr(doc.situation, kind + "s")[at[0]]
    return getattr(doc, _LISTS[kind])[at[0]]


_LISTS = {"party": "parties", "place": "places", "theme": "themes", "activity": "activities",
          "goal": "goals",
          "indicator": "indicators", "channel": "channels", "contact": "contacts",
          "entry": "entries", "measurement": "measurements"}


# ---- documents -----------------------------------------------------------------------

class Document:
    """A validated pledge or follow-up report: read-only; two documents are
    equal when they hold equal data (positions and key order ignored)."""

    __slots__ = ("_h", "_warnings", "__weakref__")
    format: ClassVar[str] = ""

    def __init__(self) -> None:
        raise TypeError("documents come from pledge.load(), loads(), load_all() or from_dict()")

    @classmethod
    def _new(cls, h: Any, warnings: list[Diagnostic]) -> Document:
        self = object.__new__(cls)
        self._h = h
        self._warnings = warnings
        return self

    @property
    def warnings(self) -> list[Diagnostic]:
        """The warnings found when the document was loaded."""
        return list(self._warnings)

    @property
    def file(self) -> str:
        """The name of the source it was read from."""
        return _core.doc_file(self._h)

    @property
    def index(self) -> int:
        """0-based index of the document in its stream."""
        return _core.doc_index(self._h)

    @property
    def id(self) -> str | None:
        return _core.doc_id(self._h)

    @property
    def language(self) -> str | None:
        """The language tag of its texts (None for a follow-up without one:
        its language is its pledge's)."""
        return _core.doc_language(self._h)

    @property
    def summary(self) -> str | None:
        return _core.doc_summary(self._h, None)

    def text(self, key: str, lang: str | None = None) -> str | None:
        """The top-level text ``key`` ("title", "focus", "summary") in
        ``lang`` (None: the document's language), or None."""
        if key.startswith("/"):
            return _text_of(self.get(key), lang, self)
        return _core.doc_text(self._h, key, lang)

    def get(self, pointer: str) -> Any:
        """The plain data at JSON Pointer ``pointer`` ("/signing/place",
        "/area/districts/0"; "" for the whole document), or None when
        absent: generic access to any key, 1.1 keys included."""
        return _core.doc_get(self._h, pointer)

    @property
    def period(self) -> Period | None:
        """The period; None only for a follow-up without one (1.1)."""
        h = self._h
        start = _core.doc_period_start(h)
        end = _core.doc_period_end(h)
        if start is None:
            return None
        years = _core.doc_period_planned_years(h)
        first = _first_day(start)
        assert first is not None
        return Period(start=first, end=_first_day(end),
                      start_precision=_PRECISION[start[3]],
                      end_precision=None if end is None else _PRECISION[end[3]],
                      planned_years=years or None,
                      label=self.text("/period/label"))

    def to_dict(self) -> dict[str, Any]:
        """The document as plain data: exactly the keys of its source (x-
        keys too), no defaults filled in."""
        return _core.doc_root(self._h)

    def to_json(self, *, pretty: bool = False) -> str:
        """The document as JSON (RFC 8259), keys in source order; Error when
        it holds a number JSON cannot represent (.inf or .nan in an x- key)."""
        flags = _core.PLEDGE_SUP_JSON | (_core.PLEDGE_SUP_PRETTY if pretty else 0)
        try:
            return _core.sup_write(self._h, flags)[2]
        except Error:
            raise Error(f"{self.file}: cannot be written as JSON: it holds an infinite "
                        "or NaN number") from None

    def to_yaml(self) -> str:
        """The document as YAML 1.2 (comments of the source are not kept)."""
        return _core.sup_write(self._h, 0)[2]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return self is other or bool(_core.doc_equal(self._h, other._h))

    def __hash__(self) -> int:
        return hash((self.format, self.id))

    def __copy__(self) -> Document:
        return self  # immutable

    def __deepcopy__(self, memo: dict[int, Any]) -> Document:
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        # As YAML text (which keeps every value, .inf and .nan included),
        # its source name and its warnings: for pickle and multiprocessing.
        return (_unpickle_document, (self.to_yaml(), self.file, self._warnings))

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id}>"


class Pledge(Document):
    """A citizen pledge (format: pledge/1)."""

    __slots__ = ()
    format = "pledge/1"

    @property
    def title(self) -> str:
        return _core.doc_title(self._h, None)

    @property
    def status(self) -> str:
        """"active" (also when absent), "draft", "ended" or "superseded"."""
        return _core.doc_status_name(_core.doc_status_of(self._h))

    @property
    def supersedes(self) -> str | None:
        return _core.doc_supersedes(self._h)

    @property
    def focus(self) -> str | None:
        return _core.doc_focus(self._h, None)

    @property
    def area(self) -> Area | None:
        h = self._h
        if not _core.sup_doc_has(h, "/area"):
            return None
        return Area(_core.doc_municipality(h), _core.doc_municipality_code(h),
                    _core.doc_police_area(h), _core.doc_region(h),
                    [Municipality(m["name"], m.get("code"))
                     for m in self.get("/area/municipalities") or []],
                    [_text_of(d, None, self) or "" for d in self.get("/area/districts") or []])

    @property
    def published(self) -> PartialDate | None:
        """When the pledge was published or adopted (1.1)."""
        return _partial(_core.doc_published(self._h))

    @property
    def signing(self) -> Signing | None:
        """Who signed, when and where (1.1), or None."""
        h = self._h
        data = self.get("/signing")
        if data is None:
            return None
        signatories = []
        for i, s in enumerate(data.get("signatories") or []):
            party = _core.doc_signatory_party(h, i)
            signatories.append(Signatory(s.get("name"), _text_of(s.get("role"), None, self),
                                         None if party is None else _party(self, party)))
        return Signing(_partial(_core.doc_signing_date(h)), data.get("place"), signatories)

    @property
    def places(self) -> list[Place]:
        """The named places (1.1)."""
        h = self._h
        return [Place(self, _core.doc_place_at(h, i), ("place", i))
                for i in range(_core.doc_place_count(h))]

    def place(self, id: str) -> Place:
        """The place with this id; KeyError if there is none."""
        p = _check_key(_core.doc_place(self._h, id), id)
        return Place(self, p, ("place", _core.place_index(p)))

    @property
    def agreement(self) -> Agreement | None:
        h = self._h
        if not _core.sup_doc_has(h, "/agreement"):
            return None
        return Agreement(_core.doc_agreement_name(h, None), _core.doc_agreement_url(h))

    @property
    def parties(self) -> list[Party]:
        h = self._h
        return [Party(self, _core.doc_party_at(h, i), ("party", i))
                for i in range(_core.doc_party_count(h))]

    def party(self, id: str) -> Party:
        """The party with this id; KeyError if there is none."""
        party = _party(self, _core.doc_party(self._h, id))
        return _check_key(party, id)

    @property
    def situation(self) -> Situation | None:
        if not _core.sup_doc_has(self._h, "/situation"):
            return None
        return Situation(self)

    @property
    def themes(self) -> list[Theme]:
        h = self._h
        return [Theme(self, _core.doc_theme_at(h, i), ("theme", i))
                for i in range(_core.doc_theme_count(h))]

    def theme(self, id: str) -> Theme:
        """The theme with this id; KeyError if there is none."""
        return _theme(self, _check_key(_core.doc_theme(self._h, id), id))

    @property
    def activities(self) -> list[Activity]:
        """Every activity: the flat "activities" list first (1.1), then
        every theme's, in document order."""
        h = self._h
        return [Activity(self, _core.doc_activity_at(h, i), ("activity", i))
                for i in range(_core.doc_activity_count(h))]

    def activity(self, id: str) -> Activity:
        """The activity with this id; KeyError if there is none."""
        return _activity(self, _check_key(_core.doc_activity(self._h, id), id))

    @property
    def goals(self) -> list[Goal]:
        h = self._h
        return [Goal(self, _core.doc_goal_at(h, i), ("goal", i))
                for i in range(_core.doc_goal_count(h))]

    def goal(self, id: str) -> Goal:
        """The goal with this id; KeyError if there is none."""
        return _goal(self, _check_key(_core.doc_goal(self._h, id), id))

    @property
    def indicators(self) -> list[Indicator]:
        """Every indicator of every goal, in document order."""
        h = self._h
        return [Indicator(self, _core.doc_indicator_at(h, i), ("indicator", i))
                for i in range(_core.doc_indicator_count(h))]

    def indicator(self, id: str) -> Indicator:
        """The indicator with this id; KeyError if there is none."""
        return _indicator(self, _check_key(_core.doc_indicator(self._h, id), id))

    @property
    def follow_up(self) -> FollowUpPlan | None:
        """The follow-up plan ("follow_up"), or None."""
        h = self._h
        if not _core.sup_doc_has(h, "/follow_up"):
            return None
        methods = [_core.source_kind_name(_core.doc_follow_up_method_at(h, i))
                   for i in range(_core.doc_follow_up_method_count(h))]
        return FollowUpPlan(methods,
                            _core.frequency_name(_core.doc_follow_up_frequency(h)),
                            _core.doc_follow_up_description(h, None))

    @property
    def channels(self) -> list[Channel]:
        h = self._h
        return [Channel(self, _core.doc_channel_at(h, i), ("channel", i))
                for i in range(_core.doc_channel_count(h))]

    @property
    def contacts(self) -> list[Contact]:
        h = self._h
        return [Contact(self, _core.doc_contact_at(h, i), ("contact", i))
                for i in range(_core.doc_contact_count(h))]

    def progress(self, follow_ups: FollowUp | Iterable[FollowUp] = ()) -> Progress:
        """The progress of this pledge by its follow-ups (in publication or
        load order: it breaks ties). A follow-up of another pledge raises
        ValidationError (follow-up.unknown-pledge)."""
        reports = [follow_ups] if isinstance(follow_ups, FollowUp) else list(follow_ups)
        for report in reports:
            if not isinstance(report, FollowUp):
                raise TypeError(f"expected FollowUp documents, got {type(report).__name__}")
        result = _core.sup_progress(self._h, [r._h for r in reports])
        return Progress._new(result[1])


class FollowUp(Document):
    """A follow-up report on a pledge (format: follow-up/1)."""

    __slots__ = ()
    format = "follow-up/1"

    @property
    def pledge_id(self) -> str:
        """The id of the pledge reported on (the "pledge" key)."""
        return _core.doc_pledge_id(self._h)

    @property
    def date(self) -> _dt.date | None:
        """When the report was published (the first day of a month or year
        given alone, see date_precision); None without a date (1.1)."""
        return _first_day(_core.doc_date(self._h))

    @property
    def date_precision(self) -> str | None:
        """"year", "month" or "day" as the date was written; None without one."""
        parts = _core.doc_date(self._h)
        return None if parts is None else _PRECISION[parts[3]]

    @property
    def reported_by(self) -> list[str]:
        """The ids of the parties whose report it is (1.1)."""
        h = self._h
        return [_core.doc_reported_by_at(h, i) for i in range(_core.doc_reported_by_count(h))]

    @property
    def author(self) -> str | None:
        """Who wrote it, as published (1.1)."""
        return self.get("/author")

    @property
    def other_work(self) -> list[OtherWork]:
        """Results tied to no promise (1.1)."""
        h = self._h
        work = []
        for i, w in enumerate(self.get("/other_work") or []):
            outputs = [_output(self, _core.doc_other_work_output_at(h, i, j))
                       for j in range(_core.doc_other_work_output_count(h, i))]
            work.append(OtherWork(_text_of(w.get("text"), None, self) or "", outputs,
                                  _events(self, w.get("events")),
                                  _text_of(w.get("comment"), None, self)))
        return work

    @property
    def entries(self) -> list[Entry]:
        """The reports on activities ("activities"), in document order."""
        h = self._h
        return [Entry(self, _core.doc_entry_at(h, i), ("entry", i))
                for i in range(_core.doc_entry_count(h))]

    def entry(self, activity_id: str) -> Entry:
        """The report on this activity; KeyError if there is none."""
        p = _check_key(_core.doc_entry(self._h, activity_id), activity_id)
        h = self._h
        i = _index_in(p, _core.doc_entry_count(h), lambda k: _core.doc_entry_at(h, k))
        return Entry(self, p, ("entry", i))

    @property
    def measurements(self) -> list[Measurement]:
        """The indicator values ("indicators"), in document order."""
        h = self._h
        return [Measurement(self, _core.doc_measurement_at(h, i), ("measurement", i))
                for i in range(_core.doc_measurement_count(h))]

    def __repr__(self) -> str:
        when = self.date or (self.period.start if self.period else None)
        return f"<FollowUp {self.id or self.pledge_id + ' ' + (when.isoformat() if when else '')}>"


def _documents(result: tuple[list[Any], Any, Any, list[Diagnostic]]) -> list[Document]:
    handles, _, _, diagnostics = result
    docs: list[Document] = []
    for h in handles:
        index = _core.doc_index(h)
        warnings = [d for d in diagnostics if d.document == index]
        cls = Pledge if _core.doc_kind_of(h) == _core.PLEDGE_DOC_PLEDGE else FollowUp
        docs.append(cls._new(h, warnings))
    return docs


def _unpickle_document(text: str, name: str, warnings: list[Diagnostic]) -> Document:
    doc = loads(text, name=name)
    doc._warnings = list(warnings)
    return doc


def _one(docs: list[Document], source: str) -> Pledge | FollowUp:
    if len(docs) != 1:
        found = "no document" if not docs else f"{len(docs)} documents"
        raise Error(f"{source}: expected exactly one document, found {found} "
                    "(pledge.load_all reads streams)")
    doc = docs[0]
    assert isinstance(doc, (Pledge, FollowUp))
    return doc


# ---- reading and validating -------------------------------------------------------------------

def load(path: StrPath) -> Pledge | FollowUp:
    """Load the one document of the YAML or JSON (.json) file at ``path``.

    Raises ValidationError when it is invalid, Error when the file holds
    no document or several, OSError when it cannot be read.
    """
    return _one(_documents(_core.sup_load_file(path, 0)), os.fsdecode(path))


def loads(text: str | bytes, name: str = "<string>") -> Pledge | FollowUp:
    """As load(), from YAML (or JSON) text; ``name`` names it in diagnostics."""
    return _one(_documents(_core.sup_load_buffer(name, text, 0)), name)


def load_all(path: StrPath) -> list[Pledge | FollowUp]:
    """Every document of the stream in the file at ``path``, checked
    together (a follow-up against a pledge of the same stream). Raises
    ValidationError listing every problem if any document is invalid."""
    return _documents(_core.sup_load_file(path, 0))  # type: ignore[return-value]


def _json_default(value: Any) -> Any:
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, (set, frozenset)):
        raise TypeError("sets have no order: use a list")
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not plain data "
                    "(dict, list, str, int, float, bool, None or datetime.date)")


def from_dict(data: Mapping[str, Any]) -> Pledge | FollowUp:
    """Build a document from plain data, validated as a file would be
    (its diagnostics have line and column 0). datetime.date values are
    taken as their ISO text."""
    if not isinstance(data, Mapping):
        raise TypeError(f"expected a mapping, got {type(data).__name__}")
    text, flags = _serialise(data)
    flags |= _core.PLEDGE_SUP_NO_POSITIONS
    return _one(_documents(_core.sup_load_buffer("<dict>", text, flags)), "<dict>")


# JSON's non-finite extensions outside strings, and strings to skip over.
_NON_FINITE = re.compile(r'"(?:[^"\\]|\\.)*"|-?Infinity|NaN')
_YAML_NON_FINITE = {"Infinity": ".inf", "-Infinity": "-.inf", "NaN": ".nan"}


def _serialise(data: Mapping[str, Any]) -> tuple[str, int]:
    """Text the library reads back as ``data``, and the flags to read it.

    JSON, unless the data holds an infinite or NaN float (a YAML file may,
    in an x- key): JSON has no such numbers, so then the JSON text goes as
    YAML 1.2 (a superset of JSON) with .inf / .nan in their place."""
    dump = functools.partial(_json.dumps, data, ensure_ascii=False, default=_json_default)
    try:
        return dump(allow_nan=False), _core.PLEDGE_SUP_JSON
    except ValueError:
        text = _NON_FINITE.sub(lambda m: _YAML_NON_FINITE.get(m[0], m[0]), dump(allow_nan=True))
        return text, 0


def validate(*paths: StrPath, resolve: bool = False) -> list[Diagnostic]:
    """Validate files and folders as pledge-validate does (folders: every
    *.yaml / *.yml below, sorted; .json files as JSON; "-" for standard
    input) and return every diagnostic. Invalid data and unreadable files
    are diagnostics (io.error), never exceptions. With ``resolve``, a
    follow-up whose pledge is not among the files is an error."""
    if not paths:
        raise TypeError("validate() needs at least one path")
    flags = _core.PLEDGE_SUP_RESOLVE if resolve else 0
    return _core.sup_validate(list(paths), flags)[3]


@dataclass(frozen=True, slots=True)
class FileResult:
    """One file of read(): its path (as given, or as found in a folder),
    its diagnostics in reading order, and its documents in stream order,
    each a Pledge or FollowUp when valid, None when invalid."""

    path: str
    diagnostics: list[Diagnostic]
    documents: list[Pledge | FollowUp | None]


def read(*paths: StrPath, resolve: bool = False) -> list[FileResult]:
    """Validate files and folders as validate() does, and hand back each
    file, in load order, with its diagnostics and its documents (None for
    an invalid one, so a stream with some invalid documents still gives its
    valid ones). Each file is read and parsed once."""
    if not paths:
        raise TypeError("read() needs at least one path")
    flags = _core.PLEDGE_SUP_RESOLVE if resolve else 0
    handles, files, _, diagnostics = _core.sup_read(list(paths), flags)
    out: list[FileResult] = []
    at_doc = at_diag = 0
    for name, ndocs, ndiags in files:
        diags = diagnostics[at_diag:at_diag + ndiags]
        docs: list[Pledge | FollowUp | None] = []
        for index, h in enumerate(handles[at_doc:at_doc + ndocs]):
            if h is None:
                docs.append(None)
                continue
            warnings = [d for d in diags if d.document == index]
            cls = Pledge if _core.doc_kind_of(h) == _core.PLEDGE_DOC_PLEDGE else FollowUp
            docs.append(cls._new(h, warnings))
        out.append(FileResult(name, diags, docs))
        at_doc += ndocs
        at_diag += ndiags
    return out


# ---- generic JSON Schema ---------------------------------------------------------------------

class Schema:
    """A compiled JSON Schema (draft 2020-12), for data of any format.

    Thread-safe: one schema may validate from many threads at once.
    """

    __slots__ = ("_h", "_name", "__weakref__")

    def __init__(self) -> None:
        raise TypeError("schemas come from Schema.from_file() or Schema.from_string()")

    @classmethod
    def _compile(cls, compile: Callable[[], Any], name: str) -> Schema:
        try:
            result = compile()
        except ValidationError as e:
            raise SchemaError(e.diagnostics) from None
        self = object.__new__(cls)
        self._h = result[1]
        self._name = name
        return self

    @staticmethod
    def _flags(assert_formats: bool) -> int:
        return _core.PLEDGE_SUP_ASSERT_FORMATS if assert_formats else 0

    @staticmethod
    def _ref_dirs(ref_dirs: Mapping[str, StrPath] | None) -> list[Any]:
        pairs: list[Any] = []
        if ref_dirs is not None and not isinstance(ref_dirs, Mapping):
            raise TypeError("ref_dirs must be a mapping of URI prefixes to folders, not "
                            + type(ref_dirs).__name__)
        for prefix, folder in (ref_dirs or {}).items():
            pairs += [prefix, folder]
        return pairs

    @classmethod
    def from_file(cls, path: StrPath, *, assert_formats: bool = False,
                  ref_dirs: Mapping[str, StrPath] | None = None) -> Schema:
        """Compile the schema in a JSON (.json) or YAML file. ``ref_dirs``
        maps URI prefixes to local folders for $ref (pledge-validate's
        --ref-dir). Raises SchemaError, or OSError when unreadable."""
        flags, pairs = cls._flags(assert_formats), cls._ref_dirs(ref_dirs)
        return cls._compile(lambda: _core.sup_schema_file(path, flags, pairs), os.fsdecode(path))

    @classmethod
    def from_string(cls, text: str | bytes, name: str = "<string>", *,
                    assert_formats: bool = False,
                    ref_dirs: Mapping[str, StrPath] | None = None) -> Schema:
        """Compile a schema from JSON or YAML text named ``name``."""
        flags, pairs = cls._flags(assert_formats), cls._ref_dirs(ref_dirs)
        return cls._compile(lambda: _core.sup_schema_buffer(name, text, flags, pairs), name)

    def validate_file(self, path: StrPath) -> list[Diagnostic]:
        """Every problem of every document of the file (reading problems,
        an unreadable file included, are diagnostics too)."""
        return _core.sup_schema_validate_file(self._h, path, 0)[3]

    def validate_string(self, text: str | bytes, name: str = "<string>") -> list[Diagnostic]:
        """Every problem of every document of the YAML or JSON text."""
        return _core.sup_schema_validate_buffer(self._h, name, text, 0)[3]

    def __reduce__(self) -> tuple[Any, ...]:
        raise TypeError("a compiled Schema cannot be pickled: compile it again where needed")

    def __repr__(self) -> str:
        return f"<Schema {self._name}>"


# ---- progress ---------------------------------------------------------------------------------

_TRACK = {1: True, 2: False}


class IndicatorProgress:
    """How one indicator of the pledge has moved."""

    __slots__ = ("_progress", "_p")

    def __init__(self, progress: Progress, p: Any) -> None:
        self._progress = progress  # the progress owns what _p points into
        self._p = p

    @property
    def id(self) -> str:
        return _core.indicator_progress_id(self._p)

    @property
    def unit(self) -> str:
        return _core.unit_name(_core.indicator_progress_unit(self._p))

    @staticmethod
    def _observation(raw: tuple[Any, Any, int] | None) -> Observation | None:
        if raw is None:
            return None
        date = _first_day(raw[0])
        assert date is not None
        return Observation(date, _float(raw[1]), raw[2])

    @property
    def measurements(self) -> list[Observation]:
        """Every value reported, in date order (ties: load order)."""
        p = self._p
        out = []
        for i in range(_core.indicator_progress_measurement_count(p)):
            obs = self._observation(_core.indicator_progress_measurement_at(p, i))
            assert obs is not None
            out.append(obs)
        return out

    @property
    def latest(self) -> Observation | None:
        return self._observation(_core.indicator_progress_latest(self._p))

    @property
    def change(self) -> float | None:
        """Latest value minus baseline (percentage points for percent)."""
        return _core.indicator_progress_change(self._p)

    @property
    def expected(self) -> float | None:
        """The value expected at the latest measurement's date."""
        return _core.indicator_progress_expected(self._p)

    @property
    def on_track(self) -> bool | None:
        """True or False; None when unknown (no measurement or no target)."""
        return _TRACK.get(_core.indicator_progress_on_track(self._p))

    def __reduce__(self) -> tuple[Any, ...]:
        raise TypeError("an IndicatorProgress cannot be pickled: pickle its documents instead")

    def __repr__(self) -> str:
        return f"<IndicatorProgress {self.id}>"


class Progress:
    """The progress of one pledge by its follow-ups (docs/format.md);
    independent of the documents it was computed from."""

    __slots__ = ("_h", "__weakref__")

    def __init__(self) -> None:
        raise TypeError("progress comes from Pledge.progress()")

    @classmethod
    def _new(cls, h: Any) -> Progress:
        self = object.__new__(cls)
        self._h = h
        return self

    @property
    def pledge_id(self) -> str:
        return _core.progress_pledge_id(self._h)

    @property
    def report_count(self) -> int:
        """How many follow-ups reported on the pledge."""
        return _core.progress_report_count(self._h)

    @property
    def status_counts(self) -> dict[str, int]:
        """Activities per latest status, "not_reported" included (the
        counts add up to the number of activities)."""
        return {_core.status_name(s): _core.progress_status_count(self._h, s)
                for s in range(_core.PLEDGE_STATUS_COUNT)}

    @property
    def status_counts_by_party(self) -> dict[str | None, dict[str, int]]:
        """The status counts of the activities each party is responsible
        for, by party id in document order (an activity with several
        responsible parties counts for each); under None, those of the
        activities with no responsible party (1.1)."""
        h = self._h
        n = _core.progress_party_count(h)
        ids: list[str | None] = [_core.progress_party_id(h, i) for i in range(n)]
        ids.append(None)
        return {pid: {_core.status_name(s): _core.progress_party_status_count(h, i, s)
                      for s in range(_core.PLEDGE_STATUS_COUNT)}
                for i, pid in enumerate(ids)}

    @property
    def target_met(self) -> dict[str, bool | None]:
        """For every activity in document order, whether it meets its
        target: True, False, or None when unknown (no target, no "done",
        or a target per year, term, month, week or day) (1.1)."""
        h = self._h
        met = {_core.PLEDGE_TARGET_MET: True, _core.PLEDGE_TARGET_NOT_MET: False}
        return {_core.progress_activity_id(h, i):
                met.get(_core.progress_activity_target_met(h, i))
                for i in range(_core.progress_activity_count(h))}

    @property
    def done_counts(self) -> dict[str, int | None]:
        """For every activity, "done" of the latest report that gives one,
        or None (1.1)."""
        h = self._h
        out: dict[str, int | None] = {}
        for i in range(_core.progress_activity_count(h)):
            done = _core.progress_activity_done(h, i)
            out[_core.progress_activity_id(h, i)] = None if done < 0 else done
        return out

    @property
    def share_done(self) -> float:
        """Activities done / activities not cancelled (0 when none)."""
        return _core.progress_share_done(self._h)

    def activity_status(self, id: str) -> str:
        """The latest status of an activity ("not_reported" when no
        follow-up mentions it); KeyError for an id the pledge lacks."""
        status = _core.progress_activity_status(self._h, id)
        if status < 0:
            raise KeyError(id)
        return _core.status_name(status)

    @property
    def activity_statuses(self) -> dict[str, str]:
        """Every activity's latest status, in document order."""
        h = self._h
        return {_core.progress_activity_id(h, i):
                _core.status_name(_core.progress_activity_status_at(h, i))
                for i in range(_core.progress_activity_count(h))}

    @property
    def indicators(self) -> list[IndicatorProgress]:
        h = self._h
        return [IndicatorProgress(self, _core.progress_indicator_at(h, i))
                for i in range(_core.progress_indicator_count(h))]

    def indicator(self, id: str) -> IndicatorProgress:
        """The progress of the indicator with this id; KeyError if none."""
        p = _check_key(_core.progress_indicator(self._h, id), id)
        return IndicatorProgress(self, p)

    def __reduce__(self) -> tuple[Any, ...]:
        raise TypeError("a Progress cannot be pickled: pickle its documents instead")

    def __repr__(self) -> str:
        return f"<Progress {self.pledge_id}: {self.share_done:.0%} done>"
