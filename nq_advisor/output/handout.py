"""The handout a client (or a regional network) takes home: HTML for print, or Markdown.

Content is gathered here from the Advice and the knowledge items it names; the layout lives in
templates (nq_advisor/output/templates/handout_*.html|md, one layout and one print stylesheet), so
escaping is automatic (see nq_advisor.output.markup). The person's handout puts on page 1 the
situation in one paragraph, the recommended path and the next steps with contacts; then funding and
support; then what was checked (one line per item that does not fit), what becomes possible later and
what is still open; sources in a short appendix. It addresses the client as "Sie" throughout.

Public functions (also used by the web pages): :func:`render_html`, :func:`render_markdown`,
:func:`render` (by format name) and :func:`context` (the content as plain data).
"""
from __future__ import annotations

from nq_advisor.advice.result import Advice, Recommendation
from nq_advisor.advice.why_not import met_sentences, why_not, wording_for
from nq_advisor.i18n import format_date, pick, t
from nq_advisor.load.model import KnowledgeBase
from nq_advisor.output.markup import render_html as _render_html, render_markdown as _render_markdown
from nq_advisor.output.region_content import region_context

AUDIENCE = "client"
SOURCES_PER_ITEM = 1  # the law or the agency page (three pages at most); explain lists every source
DETAIL_PRIORITY = 2   # funding and support up to this priority show amounts and what is still checked


def render(advice: Advice, kb: KnowledgeBase, fmt: str) -> str:
    """The handout as ``markdown`` or ``html``."""
    return render_html(advice, kb) if fmt == "html" else render_markdown(advice, kb)


def render_html(advice: Advice, kb: KnowledgeBase, lang: str | None = None) -> str:
    """A self-contained, printable HTML handout (A4). ``lang`` defaults to the advice's language;
    the advice's texts are in that language, so pass an advice made with the ``lang`` you want."""
    data = context(advice, kb)
    return _render_html(f"handout_{advice.subject}.html", **data)


def render_markdown(advice: Advice, kb: KnowledgeBase, lang: str | None = None) -> str:
    data = context(advice, kb)
    return _render_markdown(f"handout_{advice.subject}.md", **data)


def context(advice: Advice, kb: KnowledgeBase) -> dict:
    """Everything the handout shows, as plain data (strings, lists, dicts)."""
    lang = advice.lang
    person = advice.subject == "person"
    base = {
        "lang": lang, "t": handout_texts(lang),
        "title": t("handout.title.person" if person else "handout.title.region", lang),
        "subtitle": advice.facts.get("name", "") if not person else "",
        "date_line": t("handout.date", lang, date=format_date(advice.as_of, lang)),
        "disclaimer": t("handout.disclaimer.person" if person else "handout.disclaimer.region", lang,
                        date=format_date(advice.as_of, lang)),
        "situation": situation(advice, kb),
        "not_fitting": [{"title": w.title, "reason": w.short} for w in why_not(advice, kb, AUDIENCE)],
        "open": open_questions(advice, kb),
        "notes": list(advice.warnings),
        "legal": list(dict.fromkeys(b for r in advice.recommendations for b in r.legal_basis)),
        "sources": sources(advice, kb),
    }
    if person:
        base.update(_person(advice, kb))
        later_titles = {w["title"] for w in base["later"]}
        base["not_fitting"] = [w for w in base["not_fitting"] if w["title"] not in later_titles]
    else:
        base.update(region_context(advice, kb))
    base["not_fitting"] = _grouped_by_reason(base["not_fitting"])
    return base


def _grouped_by_reason(entries: list[dict]) -> list[dict]:
    """Items that fail for the same reason share one line ("A; B; C: Sie haben noch keinen ...")."""
    grouped: dict[str, list[str]] = {}
    for entry in entries:
        grouped.setdefault(entry["reason"], []).append(entry["title"])
    return [{"title": "; ".join(titles), "reason": reason} for reason, titles in grouped.items()]


# --- person ----------------------------------------------------------------------------------------

def _person(advice: Advice, kb: KnowledgeBase) -> dict:
    lang = advice.lang
    wording = wording_for(advice, kb, AUDIENCE)
    routes = [r for r in advice.recommendations if r.kind == "route"]
    others = [r for r in advice.recommendations if r.kind != "route"]
    seen: set[str] = set()
    steps, number = [], 0
    for rec in routes + [r for r in others if r.kind == "funding"]:
        item = kb.items[rec.ref]
        contacts = ", ".join(contact_name(c, advice, kb) for c in rec.contact)
        texts = [pick(s, lang) for s in item.get("next_steps") or []]
        if not texts and rec.kind == "funding":
            texts = [t("handout.apply_for", lang)]
        group = []
        for text in texts:
            if text and text not in seen:
                seen.add(text)
                number += 1
                group.append({"number": number, "text": text})
        if group:
            steps.append({"for": rec.title, "contact": contacts, "steps": group})
    return {
        "path": [_entry(r, advice, kb, wording) for r in routes],
        "funding": [_entry(r, advice, kb, wording) for r in others if r.kind == "funding"],
        "support": [_entry(r, advice, kb, wording) for r in others if r.kind == "support"],
        "steps": steps,
        "later": later(advice, kb),
    }


def _entry(rec: Recommendation, advice: Advice, kb: KnowledgeBase, wording) -> dict:
    lang = advice.lang
    item = kb.items[rec.ref]
    facts = [s for s in met_sentences(rec, advice, kb, AUDIENCE, wording) if s not in rec.reasons[:1]]
    return {
        "title": rec.title, "priority": rec.priority, "summary": item.text("summary", lang),
        "because": rec.reasons[0] if rec.reasons else "", "facts": facts[:2],
        # details for what comes first; later extras (priority 4 and more) in one paragraph
        "amounts": item.text("amounts", lang) if rec.priority <= DETAIL_PRIORITY else "",
        "requirements": requirement_texts(rec, kb, lang) if rec.priority <= DETAIL_PRIORITY else [],
        "contact": ", ".join(contact_name(c, advice, kb) for c in rec.contact),
        # support items keep their next steps in their entry (page 1 lists the route and funding steps)
        "steps": [pick(s, lang) for s in item.get("next_steps") or []] if rec.kind == "support" else [],
    }


def requirement_texts(rec: Recommendation, kb: KnowledgeBase, lang: str) -> list[str]:
    """What the funding body or chamber still checks, without the legal references (they are in the
    appendix): a client reads 'Beratung durch die Agentur vor Beginn', not a list of paragraphs."""
    found = list(kb.items[rec.ref].get("requirements") or [])
    for rule_id in [rec.rule] + list(rec.also_rules):
        found += kb.rules_by_id[rule_id].requirements
    return list(dict.fromkeys(pick(r.get("text"), lang) for r in found if pick(r.get("text"), lang)))


def later(advice: Advice, kb: KnowledgeBase) -> list[dict]:
    """Items whose one missing condition time closes ("erreichbar etwa November 2028")."""
    out = []
    for w in why_not(advice, kb, AUDIENCE):
        if " – " in w.short and any(d.reachable_on for n in advice.not_recommended if n.ref == w.ref
                                    for d in n.distance):
            out.append({"title": w.title, "reason": w.short})
    return out


# --- shared -----------------------------------------------------------------------------------------

def situation(advice: Advice, kb: KnowledgeBase) -> str:
    """The facts in one paragraph, each in the knowledge base's wording for the reader."""
    wording = wording_for(advice, kb, AUDIENCE)
    sentences = []
    for name, definition in kb.fields[advice.subject].items():
        if name not in advice.facts or name == "name":
            continue
        sentence = wording.statement_of(name, advice.facts[name])
        if sentence:
            sentences.append(sentence)
    if not sentences:
        return t("handout.no_facts", advice.lang)
    return ". ".join(s.rstrip(".") for s in sentences) + "."


def contact_name(contact: str, advice: Advice, kb: KnowledgeBase) -> str:
    """Whom to contact in words; 'kammer' names the chamber of the target occupation when known."""
    if contact == "kammer":
        occupation = kb.items.get(advice.facts.get("target_occupation") or "")
        chamber = occupation.get("chamber") if occupation else None
        if chamber in ("ihk", "hwk", "lwk"):
            return t(f"contact.{chamber}", advice.lang)
    try:
        return t(f"contact.{contact}", advice.lang)
    except KeyError:
        return contact


def open_questions(advice: Advice, kb: KnowledgeBase) -> list[str]:
    """The questions whose answers may open more items; sector offers ask for the sectors once."""
    fields = kb.fields[advice.subject]
    missing = dict.fromkeys(m for u in advice.undecided for m in u.missing)
    out = []
    for name in missing:
        definition = fields.get(name)
        if definition is None:
            continue
        # the client's own question ("Wie alt sind Sie?"); the counsellor's interview question
        # ("Wie alt ist die Person?") only for regions, whose questions address nobody in person
        client = ((definition.says or {}).get("client") or {}).get("question")
        question = pick(client, advice.lang) if client else \
            (pick(definition.question, advice.lang) if definition.question and advice.subject != "person" else "")
        out.append(question or pick(definition.title, advice.lang))
    return list(dict.fromkeys(out))


def sources(advice: Advice, kb: KnowledgeBase) -> list[dict]:
    """The first sources of each recommended item (the law or the agency's page come first in the
    knowledge base), once each, grouped by the date they were checked. Every source of every rule
    is in ``explain``."""
    found: dict[str, tuple[str, object]] = {}
    for rec in advice.recommendations:
        known = (list(kb.items[rec.ref].sources) or kb.rules_by_id[rec.rule].sources)[:SOURCES_PER_ITEM]
        for source in known:
            title, checked = found.get(source.url, (source.title, source.checked))
            found[source.url] = (title or source.title, max(checked, source.checked))
    by_date: dict[object, list[str]] = {}
    for url, (_, checked) in found.items():
        by_date.setdefault(checked, []).append(url)
    return [{"checked": t("handout.checked", advice.lang, date=format_date(day, advice.lang)), "urls": urls}
            for day, urls in sorted(by_date.items(), reverse=True)]


_TEXT_KEYS = ("situation", "situation_region", "path", "next_steps", "funding", "support", "checked_title",
              "not_fitting", "later",
              "open", "open_intro", "open_intro_region", "notes", "appendix", "legal", "why", "amounts", "requirements", "contact",
              "none", "done", "next_region", "not_needed", "actions", "partners", "done_when", "occupations",
              "routes", "tq_yes", "tq_no", "for", "flaw", "urgent")


def handout_texts(lang: str) -> dict:
    """The headings and labels of the handout templates in ``lang`` (shared with the region report)."""
    return {key: t(f"handout.{key}", lang) for key in _TEXT_KEYS}
