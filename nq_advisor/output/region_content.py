"""What a region's handout shows besides the shared parts: steps done, the next steps in order with
actions, partners and their roles, and for sector offers the occupations, whether Teilqualifikationen
(TQ) exist for them, and the routes that suit the sector's unskilled workers.

The routes follow from the occupations' data as the person rules read it: the Externenprüfung and
the Validierung need an occupation under BBiG or HwO (rules/person_routes.yaml), Teilqualifikationen
need ``tq_available``, and an Umschulung (§ 81 Abs. 2 SGB III) fits every recognised occupation.
"""
from __future__ import annotations

from nq_advisor.advice.result import Advice, Recommendation
from nq_advisor.advice.why_not import reasons_for, wording_for
from nq_advisor.i18n import pick, t
from nq_advisor.advice.wording import amount_words, join_and

_EXAM_LAWS = ("BBiG", "HwO")


def region_context(advice: Advice, kb) -> dict:
    wording = wording_for(advice, kb, "client")
    return {
        "done": [d.title for d in advice.done],
        "later": [],
        "next": [region_entry(number, rec, advice, kb, wording)
                 for number, rec in enumerate(advice.recommendations, 1)],
    }


def region_entry(number: int, rec: Recommendation, advice: Advice, kb, wording=None) -> dict:
    lang = advice.lang
    item = kb.items[rec.ref]
    reasons = reasons_for(rec, advice, kb, "client", wording)
    partner_titles = partner_names(kb, lang)
    roles = item.get("partner_roles") or {}
    flaw = item.kind == "action" and bool(item.get("strategy_step")) and not item.get("sector") \
        and item.get("strategy_step") != "s5_framework_changes"
    return {
        "number": number, "title": rec.title, "kind": t(f"kind.{rec.kind}", lang), "priority": rec.priority,
        "because": reasons[0] if reasons else "", "facts": reasons[1:3],
        "summary": item.text("summary", lang),
        "actions": [pick(a, lang) for a in item.get("actions") or item.get("next_steps") or []],
        "partners": [{"name": partner_titles.get(p, p), "role": pick(roles.get(p), lang)}
                     for p in item.get("partners") or []],
        "sector": sector_offer(item, kb, lang) if item.get("sector") else None,
        "done_when": item.text("done_when", lang),
        "css": "urgent" if rec.priority == 1 else "flaw" if flaw else "",
    }


def partner_names(kb, lang: str) -> dict[str, str]:
    field = kb.fields.get("region", {}).get("steering_partners")
    titles = (field.value_titles or {}) if field else {}
    return {k: pick(v, lang) for k, v in titles.items()}


def sector_offer(item, kb, lang: str) -> dict:
    """Occupations of a sector offer with duration and TQ, and the routes that suit them."""
    occupations = [kb.items[o] for o in item.get("occupations") or [] if o in kb.items]
    rows = [{"title": o.title(lang), "duration": amount_words(o.get("duration_months"), "months", lang),
             "tq": bool(o.get("tq_available"))} for o in occupations]
    routes = []
    if any(o.get("tq_available") for o in occupations):
        routes.append("teilqualifikation")
    if any(o.get("law") in _EXAM_LAWS for o in occupations):
        routes += ["externenpruefung", "validierung"]
    routes.append("umschulung")
    route_titles = [kb.items[r].title(lang) for r in routes if r in kb.items]
    return {"occupations": rows, "routes": join_and(route_titles, lang),
            "tq_any": any(r["tq"] for r in rows)}
