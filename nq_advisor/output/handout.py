"""A printable handout for the person or the regional network: Markdown or one self-contained HTML file.

The handout is built once as a small document model (sections of paragraphs, lists,
check lists and entries) from the Advice and the knowledge items it names, then
written as Markdown or as HTML with inline CSS and print rules (no scripts, fonts,
images or style sheets from elsewhere; the only links are the visible source URLs).
Text from the input (e.g. a region's name) is escaped in both formats.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from nq_advisor.advice.result import KIND_ORDER, Advice, Recommendation
from nq_advisor.i18n import pick, t
from nq_advisor.load.model import KnowledgeBase
from nq_advisor.advice.wording import Wording, format_date
from nq_advisor.inference.evaluate import Evaluation


@dataclass
class Block:
    """One piece of a section: kind is p, ul, ol, check, links or entry (a titled group of blocks)."""

    kind: str
    items: list = field(default_factory=list)     # strings, (url, label) pairs, or blocks for an entry
    title: str = ""
    label: str = ""                               # a short lead-in shown before the items


@dataclass
class Section:
    title: str
    blocks: list[Block]


@dataclass
class Handout:
    title: str
    subtitle: str
    date_line: str
    lang: str
    sections: list[Section]
    disclaimer: str


def build(advice: Advice, kb: KnowledgeBase) -> Handout:
    lang = advice.lang
    person = advice.subject == "person"
    name = advice.facts.get("name", "")
    title = t("handout.title.person" if person else "handout.title.region", lang)
    subtitle = name if name else ""
    sections = [Section(t("handout.situation", lang), [Block("ul", _situation(advice, kb))])]
    for kind in KIND_ORDER:
        recs = [r for r in advice.recommendations if r.kind == kind]
        if recs:
            sections.append(Section(t(f"kind.{kind}", lang),
                                    [_entry(i, r, advice, kb) for i, r in enumerate(recs, 1)]))
    if not advice.recommendations:
        sections.append(Section(t("handout.recommendation", lang), [Block("p", [t("handout.none", lang)])]))
    steps = _next_steps(advice, kb)
    if steps:
        sections.append(Section(t("handout.next_steps", lang), steps))
    # only where waiting alone closes the gap: the rule's one unmet condition is a reachable distance
    later = [f"{n.title}: {d.text}" for n in advice.not_recommended for d in n.distance
             if d.reachable_on and len(n.unmet) == 1]
    if later:
        sections.append(Section(t("handout.later", lang), [Block("ul", list(dict.fromkeys(later)))]))
    open_facts = _open_questions(advice, kb)
    if open_facts:
        sections.append(Section(t("handout.open", lang), [Block("p", [t("handout.open_intro", lang)]),
                                                           Block("ul", open_facts)]))
    legal = list(dict.fromkeys(b for r in advice.recommendations for b in r.legal_basis))
    sources = _sources(advice, kb)
    if legal or sources:
        blocks = [Block("p", ["; ".join(legal)], label=t("handout.legal", lang))] if legal else []
        blocks.append(Block("links", sources))
        sections.append(Section(t("handout.legal_and_sources", lang), blocks))
    if advice.warnings:
        sections.append(Section(t("handout.notes", lang), [Block("ul", list(advice.warnings))]))
    return Handout(title=title, subtitle=subtitle,
                   date_line=t("handout.date", lang, date=format_date(advice.as_of, lang)), lang=lang,
                   sections=sections,
                   disclaimer=t("handout.disclaimer.person" if person else "handout.disclaimer.region", lang,
                                date=format_date(advice.as_of, lang)))


def render(advice: Advice, kb: KnowledgeBase, fmt: str) -> str:
    """The handout as ``markdown`` or ``html``."""
    handout = build(advice, kb)
    return to_html(handout) if fmt == "html" else to_markdown(handout)


# --- content -------------------------------------------------------------------------------------

def _situation(advice: Advice, kb: KnowledgeBase) -> list[str]:
    fields = kb.fields[advice.subject]
    wording = Wording(Evaluation(kb, advice.subject, advice.facts, advice.as_of), advice.lang)
    lines = []
    for name, definition in fields.items():
        if name in advice.facts:
            shown = wording.value(advice.facts[name], definition)
            lines.append(f"{pick(definition.title, advice.lang)}: {shown}")
    return lines or [t("handout.no_facts", advice.lang)]


def _entry(number: int, rec: Recommendation, advice: Advice, kb: KnowledgeBase) -> Block:
    lang = advice.lang
    item = kb.items[rec.ref]
    blocks = []
    if item.get("summary"):
        blocks.append(Block("p", [item.text("summary", lang)]))
    blocks.append(Block("ul", list(rec.reasons), label=t("handout.why", lang)))
    if item.get("amounts"):
        blocks.append(Block("p", [item.text("amounts", lang)], label=t("handout.amounts", lang)))
    if item.get("actions"):
        blocks.append(Block("ul", [pick(a, lang) for a in item.get("actions")], label=t("handout.actions", lang)))
    partners = _partners(item, kb, lang)
    if partners:
        blocks.append(Block("ul", partners, label=t("handout.partners", lang)))
    if item.get("done_when"):
        blocks.append(Block("p", [item.text("done_when", lang)], label=t("handout.done_when", lang)))
    if rec.requirements:
        blocks.append(Block("check", list(rec.requirements), label=t("handout.requirements", lang)))
    contacts = [contact_name(c, advice, kb) for c in rec.contact]
    if contacts:
        blocks.append(Block("p", [", ".join(contacts)], label=t("handout.contact", lang)))
    return Block("entry", blocks, title=f"{number}. {rec.title}")


def _partners(item, kb: KnowledgeBase, lang: str) -> list[str]:
    titles = (kb.fields.get("region", {}).get("steering_partners") or None)
    value_titles = titles.value_titles if titles and titles.value_titles else {}
    roles = item.get("partner_roles") or {}
    out = []
    for partner in item.get("partners") or []:
        name = pick(value_titles.get(partner), lang) or partner
        role = pick(roles.get(partner), lang)
        out.append(f"{name}: {role}" if role else name)
    return out


def contact_name(contact: str, advice: Advice, kb: KnowledgeBase) -> str:
    """Whom to contact in words; 'kammer' names the chamber of the target occupation when known."""
    if contact == "kammer":
        occupation = kb.items.get(advice.facts.get("target_occupation") or "")
        chamber = occupation.get("chamber") if occupation else None
        if chamber in ("ihk", "hwk", "lwk"):
            return t(f"contact.{chamber}", advice.lang)
    key = f"contact.{contact}"
    try:
        return t(key, advice.lang)
    except KeyError:
        return contact


def _next_steps(advice: Advice, kb: KnowledgeBase) -> list[Block]:
    """Per recommendation, its next steps as a numbered list, headed by whom to contact."""
    blocks, seen = [], set()
    for rec in advice.recommendations:
        steps = [pick(step, advice.lang) for step in kb.items[rec.ref].get("next_steps") or []]
        steps = [s for s in steps if s not in seen]
        if not steps:
            continue
        seen.update(steps)
        contacts = ", ".join(contact_name(c, advice, kb) for c in rec.contact)
        label = f"{rec.title} – {t('handout.contact', advice.lang)}: {contacts}" if contacts else rec.title
        blocks.append(Block("ol", steps, label=label))
    return blocks


def _open_questions(advice: Advice, kb: KnowledgeBase) -> list[str]:
    fields = kb.fields[advice.subject]
    missing = dict.fromkeys(m for u in advice.undecided for m in u.missing)
    out = []
    for name in missing:
        definition = fields.get(name)
        if definition is None:
            out.append(name)
            continue
        question = pick(definition.question, advice.lang) if definition.question else ""
        out.append(question or pick(definition.title, advice.lang))
    return out


def _sources(advice: Advice, kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(url, label with title and date checked) for every source of the recommendations."""
    found: dict[str, tuple[str, object]] = {}
    for rec in advice.recommendations:
        known = list(kb.items[rec.ref].sources)
        for rule_id in [rec.rule] + list(rec.also_rules):
            known += kb.rules_by_id[rule_id].sources
        for source in known:
            title, checked = found.get(source.url, (source.title, source.checked))
            found[source.url] = (title or source.title, max(checked, source.checked))
    out = []
    for url, (title, checked) in found.items():
        label = t("handout.checked", advice.lang, date=format_date(checked, advice.lang))
        out.append((url, f"{title} ({label})" if title else f"({label})"))
    return out


# --- Markdown ------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|&])")


def md(text: str) -> str:
    """Escape text so that Markdown shows it as written (e.g. a region called 'A<B & C')."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def to_markdown(h: Handout) -> str:
    out = [f"# {md(h.title)}" + (f": {md(h.subtitle)}" if h.subtitle else ""), "", f"*{md(h.date_line)}*", ""]
    for section in h.sections:
        out += [f"## {md(section.title)}", ""]
        for block in section.blocks:
            out += _md_block(block, 3)
    out += ["---", "", f"*{md(h.disclaimer)}*", ""]
    return "\n".join(out)


def _md_block(block: Block, level: int) -> list[str]:
    lead = [f"**{md(block.label)}:**", ""] if block.label and block.kind != "p" else []
    if block.kind == "entry":
        out = [f"{'#' * level} {md(block.title)}", ""]
        for inner in block.items:
            out += _md_block(inner, level + 1)
        return out
    if block.kind == "p":
        prefix = f"**{md(block.label)}:** " if block.label else ""
        return [prefix + " ".join(md(text) for text in block.items), ""]
    if block.kind == "ul":
        return lead + [f"- {md(text)}" for text in block.items] + [""]
    if block.kind == "ol":
        return lead + [f"{i}. {md(text)}" for i, text in enumerate(block.items, 1)] + [""]
    if block.kind == "check":
        return lead + [f"- [ ] {md(text)}" for text in block.items] + [""]
    if block.kind == "links":
        return lead + [f"- <{url}> {md(label)}" for url, label in block.items] + [""]
    raise ValueError(block.kind)


# --- HTML ----------------------------------------------------------------------------------------

_CSS = """
@page { size: A4; margin: 16mm 16mm 18mm 16mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 11pt;
       line-height: 1.45; color: #1a1a1a; max-width: 46em; margin: 2em auto; padding: 0 1.2em; }
header { border-bottom: 3px solid #1f4e79; margin-bottom: 1.2em; padding-bottom: .6em; }
h1 { font-size: 1.7em; color: #1f4e79; margin: 0 0 .2em 0; line-height: 1.2; }
.subtitle { font-size: 1.2em; font-weight: bold; margin: 0; }
.date { color: #444; margin: .3em 0 0 0; }
h2 { font-size: 1.25em; color: #1f4e79; border-bottom: 1px solid #c8d3e0; padding-bottom: .15em;
     margin: 1.4em 0 .6em 0; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 1.08em; margin: 1em 0 .4em 0; break-after: avoid; page-break-after: avoid; }
.entry { border-left: 4px solid #1f4e79; background: #f4f7fb; padding: .5em .9em .6em .9em; margin: 0 0 1em 0;
         break-inside: avoid; page-break-inside: avoid; }
.entry h3 { margin-top: .2em; }
.label { font-weight: bold; }
ul, ol { margin: .2em 0 .7em 0; padding-left: 2em; }
li { margin: .15em 0; }
ul.check { list-style: none; padding-left: .2em; }
ul.check li::before { content: "\\2610\\00a0"; font-size: 1.1em; }
ul.links a { overflow-wrap: anywhere; }
a { color: #1f4e79; }
p { margin: .3em 0 .6em 0; }
footer { margin-top: 2em; border-top: 1px solid #999; padding-top: .6em; font-size: .92em; color: #333; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  .entry { background: none; border-left-color: #555; }
  h1, h2 { color: #000; }
  a { color: #000; text-decoration: none; }
}
"""


def to_html(h: Handout) -> str:
    e = html.escape
    title = h.title + (f": {h.subtitle}" if h.subtitle else "")
    out = ["<!DOCTYPE html>", f'<html lang="{e(h.lang)}">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{e(title)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>", "<header>",
           f"<h1>{e(h.title)}</h1>"]
    if h.subtitle:
        out.append(f'<p class="subtitle">{e(h.subtitle)}</p>')
    out += [f'<p class="date">{e(h.date_line)}</p>', "</header>", "<main>"]
    for section in h.sections:
        out += ["<section>", f"<h2>{e(section.title)}</h2>"]
        for block in section.blocks:
            out += _html_block(block)
        out.append("</section>")
    out += ["</main>", f"<footer><p>{e(h.disclaimer)}</p></footer>", "</body>", "</html>", ""]
    return "\n".join(out)


def _html_block(block: Block) -> list[str]:
    e = html.escape
    lead = f'<p class="label">{e(block.label)}:</p>' if block.label and block.kind != "p" else ""
    if block.kind == "entry":
        out = ['<div class="entry">', f"<h3>{e(block.title)}</h3>"]
        for inner in block.items:
            out += _html_block(inner)
        return out + ["</div>"]
    if block.kind == "p":
        prefix = f'<span class="label">{e(block.label)}:</span> ' if block.label else ""
        return [f"<p>{prefix}{' '.join(e(text) for text in block.items)}</p>"]
    if block.kind in ("ul", "ol", "check", "links"):
        tag = "ol" if block.kind == "ol" else "ul"
        css = f' class="{block.kind}"' if block.kind in ("check", "links") else ""
        if block.kind == "links":
            items = [f'<li><a href="{e(url)}">{e(url)}</a> {e(label)}</li>' for url, label in block.items]
        else:
            items = [f"<li>{e(text)}</li>" for text in block.items]
        return ([lead] if lead else []) + [f"<{tag}{css}>"] + items + [f"</{tag}>"]
    raise ValueError(block.kind)
