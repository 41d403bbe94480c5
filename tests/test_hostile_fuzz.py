"""Fuzzing facts, session and history documents (issue 11): the only errors ever seen are InputError/UsageError.

Documents are random trees (texts, huge and negative integers, NaN and infinities, dates and
datetimes, lists, mappings) around the real field names, written as YAML and as JSON, and also
random byte strings; each goes through the same readers the command line uses.  The number of
examples is bounded so that the whole file runs in a few seconds.
"""
import datetime
import json
import math

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nq_advisor.errors import InputError, UsageError
from nq_advisor.interview.resume import session_from_document
from nq_advisor.interview.session import FORMAT_KEY, FORMAT_VERSION
from nq_advisor.load.inputs import parse_bytes, parse_document
from nq_advisor.region.history import load_history

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])
ALLOWED = (InputError, UsageError)

scalars = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-(10 ** 30), max_value=10 ** 30),
    st.sampled_from([10 ** 200, -(10 ** 4000), 0, -1, 2 ** 63]),  # (hypothesis cannot print more digits)
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["", "²", "ja", "none", "german", "employed", "fachkraft_lagerlogistik", "NW", "2026-11-23"]),
    st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)),
    st.datetimes(min_value=datetime.datetime(1900, 1, 1), max_value=datetime.datetime(2100, 1, 1)),
)


def trees(keys):
    return st.recursive(scalars, lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(keys, children, max_size=4)), max_leaves=12)


def field_names(advisor, subject):
    return st.one_of(st.sampled_from(sorted(advisor.kb.fields[subject])), st.text(max_size=8))


def as_yaml(document) -> str:
    return yaml.safe_dump(document, allow_unicode=True)


def as_json(document) -> str | None:
    try:
        return json.dumps(document, default=str)
    except (ValueError, TypeError):
        return None


def parses_or_refuses(call):
    try:
        call()
    except ALLOWED:
        pass


def _documents(text_document):
    """The document as YAML text and as JSON text (when JSON can hold it)."""
    yield as_yaml(text_document), "fuzz.yaml"
    text = as_json(text_document)
    if text is not None:
        yield text, "fuzz.json"


@FUZZ
@given(data=st.data())
def test_facts_documents_never_crash(advisor, data):
    subject = data.draw(st.sampled_from(["person", "region"]))
    facts = data.draw(st.one_of(st.dictionaries(field_names(advisor, subject), trees(st.text(max_size=5)),
                                                max_size=6), trees(st.text(max_size=5))))
    document = {subject: facts} if data.draw(st.booleans()) else facts
    for text, name in _documents(document):
        def check():
            parsed = parse_document(text, name)
            subject_, parsed_facts = advisor.parse(parsed)
            advisor.advise_facts(subject_, parsed_facts, datetime.date(2026, 11, 23), "de")
        parses_or_refuses(check)


@settings(FUZZ, max_examples=30)
@given(data=st.data())
def test_session_documents_never_crash(advisor, data):
    fields = field_names(advisor, "person")
    document = {FORMAT_KEY: FORMAT_VERSION}
    document.update(data.draw(st.fixed_dictionaries({}, optional={
        "subject": st.one_of(st.just("person"), trees(st.text(max_size=3))),
        "as_of": st.one_of(st.just("2026-11-23"), scalars, trees(st.text(max_size=3))),
        "lang": st.one_of(st.just("de"), scalars),
        "facts": st.one_of(st.dictionaries(fields, trees(st.text(max_size=3)), max_size=4), trees(fields)),
        "skipped": st.one_of(st.lists(fields, max_size=3), trees(fields)),
        "history": st.lists(st.one_of(
            st.fixed_dictionaries({"field": st.one_of(fields, trees(fields)),
                                   "action": st.sampled_from(["answer", "skip", "x"]) | scalars,
                                   "value": trees(st.text(max_size=3))}),
            trees(st.text(max_size=3))), max_size=3),
    })))
    for text, name in _documents(document):
        def check():
            session = session_from_document(advisor, parse_document(text, name), name)
            session.advice()
        parses_or_refuses(check)


@FUZZ
@given(data=st.data())
def test_history_documents_never_crash(advisor, data, tmp_path_factory):
    snapshot = st.fixed_dictionaries({"date": st.one_of(st.dates(), scalars),
                                      "region": st.one_of(st.dictionaries(field_names(advisor, "region"),
                                                                          trees(st.text(max_size=3)), max_size=4),
                                                          trees(st.text(max_size=3)))})
    document = data.draw(st.fixed_dictionaries({}, optional={
        "format": st.one_of(st.just("nq-advisor-region-history/1"), scalars),
        "snapshots": st.one_of(st.lists(snapshot, max_size=3), trees(st.text(max_size=3))),
        "extra": scalars}))
    text = as_yaml(document)
    if data.draw(st.booleans()):
        text += "# end of history: %d snapshots\n" % data.draw(st.integers(0, 3))
    cut = data.draw(st.integers(0, len(text)))
    path = tmp_path_factory.mktemp("history") / "h.yaml"
    path.write_text(text[:cut] if data.draw(st.booleans()) else text, encoding="utf-8")
    parses_or_refuses(lambda: load_history(path, advisor))


@FUZZ
@given(raw=st.binary(max_size=200), prefix=st.sampled_from([b"", b"person:\n  ", b'{"person": ', b"- ", b"&a "]))
def test_random_bytes_never_crash(advisor, raw, prefix):
    def check():
        document = parse_bytes(prefix + raw, "fuzz")
        advisor.parse(document)
    parses_or_refuses(check)


def test_the_strategies_produce_the_hostile_values():
    """The fuzzer can reach what the issue names: huge integers, NaN and datetimes."""
    examples = [10 ** 4000, float("nan"), datetime.datetime(2026, 1, 1)]
    assert math.isnan(examples[1]) and len(str(10 ** 200)) > 100
