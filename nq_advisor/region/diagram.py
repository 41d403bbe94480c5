"""The network picture of a region: steering network, operative networks, coordination and the
offer's audiences, with partners present (solid) and missing (red, dashed).

Two renderings of one model: Mermaid (for Markdown) and a self-contained SVG (also wrapped in HTML).
Every name is escaped for its target: Mermaid entity codes in labels, XML escapes in SVG.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from nq_advisor.i18n import pick
from nq_advisor.region.texts import tr

AUDIENCES = ("multipliers", "companies", "target_group")


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    state: str          # present | missing | optional | neutral


@dataclass
class NetworkPicture:
    title: str
    coordination: Node
    steering: Node
    steering_partners: list[Node]
    operative: Node
    operative_members: list[Node]
    offer: Node
    audiences: list[Node]


def build_picture(kb, facts: dict, lang: str = "de") -> NetworkPicture:
    """The diagram model from region facts; core partners are those of step s3_steering_network."""
    fields = kb.fields["region"]
    partner_titles = fields["steering_partners"].value_titles or {}
    core = set(kb.items["s3_steering_network"].get("partners") or [])
    present = set(facts.get("steering_partners") or ())
    has_steering = facts.get("steering_network")
    partners = []
    for partner in fields["steering_partners"].values:
        label = pick(partner_titles.get(partner), lang) or partner
        if partner in present and has_steering is not False:
            partners.append(Node(f"p_{partner}", label, "present"))
        elif partner in core:
            partners.append(Node(f"p_{partner}", f"{label} ({tr('diagram.missing', lang)})", "missing"))
        else:
            partners.append(Node(f"p_{partner}", label, "optional"))
    goals = facts.get("steering_goals_agreed")
    steering_label = tr("diagram.steering", lang) if has_steering else tr("diagram.no_steering", lang)
    if has_steering and goals is not None:
        steering_label += " – " + tr("diagram.goals" if goals else "diagram.no_goals", lang)
    steering_state = "present" if has_steering and goals is not False else "missing"
    operative = facts.get("operative_networks")
    members = [Node(f"o_{p}", pick(partner_titles.get(p), lang) or p, "neutral" if operative else "missing")
               for p in kb.items["s3_operative_networks"].get("partners") or []]
    coordination = facts.get("coordination")
    coord_titles = fields["coordination"].value_titles or {}
    coord_label = tr("diagram.coordination", lang,
                     value=pick(coord_titles.get(coordination), lang) if coordination else tr("diagram.unknown", lang))
    offer_value = facts.get("company_counselling_offer")
    offer_titles = fields["company_counselling_offer"].value_titles or {}
    offer_label = tr("diagram.offer", lang,
                     value=pick(offer_titles.get(offer_value), lang) if offer_value else tr("diagram.unknown", lang))
    audience_titles = fields["offers_presented_to"].value_titles or {}
    shown = set(facts.get("offers_presented_to") or ())
    audiences = [Node(f"a_{a}", pick(audience_titles.get(a), lang) or a, "present" if a in shown else "missing")
                 for a in AUDIENCES]
    return NetworkPicture(
        title=tr("diagram.title", lang, name=facts.get("name") or tr("diagram.unnamed", lang)),
        coordination=Node("coord", coord_label, {"neutral": "present", "partisan": "optional"}.get(coordination, "missing")),
        steering=Node("steering", steering_label, steering_state),
        steering_partners=partners,
        operative=Node("operative", tr("diagram.operative" if operative else "diagram.no_operative", lang),
                       "present" if operative else "missing"),
        operative_members=members,
        offer=Node("offer", offer_label, "present" if offer_value == "established" else
                   "optional" if offer_value == "planned" else "missing"),
        audiences=audiences)


# --- Mermaid ------------------------------------------------------------------------------------
def mermaid_label(text: str) -> str:
    """A Mermaid node label: quoted, with characters Mermaid would parse replaced by entity codes."""
    out = str(text).replace("\r", " ").replace("\n", " ").replace("#", "#35;")
    for char, code in (('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("&", "#amp;"), ("`", "#96;"),
                       ("[", "#91;"), ("]", "#93;"), ("{", "#123;"), ("}", "#125;"), ("|", "#124;")):
        out = out.replace(char, code)
    return f'"{out}"'


def to_mermaid(picture: NetworkPicture, lang: str = "de") -> str:
    lines = ["flowchart TB", f"  title[{mermaid_label(picture.title)}]", f"  coord([{mermaid_label(picture.coordination.label)}])",
             f"  subgraph steering[{mermaid_label(picture.steering.label)}]", "    direction LR"]
    lines += [f"    {n.id}[{mermaid_label(n.label)}]" for n in picture.steering_partners]
    lines += ["  end", f"  subgraph operative[{mermaid_label(picture.operative.label)}]", "    direction LR"]
    lines += [f"    {n.id}[{mermaid_label(n.label)}]" for n in picture.operative_members]
    lines += ["  end", f"  offer[{mermaid_label(picture.offer.label)}]"]
    lines += [f"  {n.id}([{mermaid_label(n.label)}])" for n in picture.audiences]
    lines += ["  title ~~~ coord", "  coord --- steering", "  steering --> operative", "  operative --> offer"]
    lines += [f"  offer {'-->' if n.state == 'present' else '-.->'} {n.id}" for n in picture.audiences]
    lines += ["  classDef present fill:#e8f5e9,stroke:#2e7d32,color:#1b5e20",
              "  classDef missing fill:#ffebee,stroke:#c62828,stroke-width:2px,stroke-dasharray:6 4,color:#b71c1c",
              "  classDef optional fill:#f5f5f5,stroke:#9e9e9e,stroke-dasharray:3 3,color:#616161",
              "  classDef neutral fill:#e3f2fd,stroke:#1565c0,color:#0d47a1",
              "  classDef heading fill:none,stroke:none,font-weight:bold"]
    groups: dict[str, list[str]] = {}
    for node in [picture.coordination, picture.steering, picture.operative, picture.offer,
                 *picture.steering_partners, *picture.operative_members, *picture.audiences]:
        groups.setdefault(node.state, []).append(node.id)
    lines += [f"  class {','.join(ids)} {state}" for state, ids in groups.items()]
    lines.append("  class title heading")
    lines.append(f"  %% {tr('diagram.legend', lang)}")
    return "\n".join(lines) + "\n"


# --- SVG ----------------------------------------------------------------------------------------
_STYLE = {
    "present": ("#e8f5e9", "#2e7d32", "", "#1b5e20"),
    "missing": ("#ffebee", "#c62828", "6 4", "#b71c1c"),
    "optional": ("#f5f5f5", "#9e9e9e", "3 3", "#616161"),
    "neutral": ("#e3f2fd", "#1565c0", "", "#0d47a1"),
}
WIDTH = 1000


def _esc(text: str) -> str:
    return html.escape(str(text), quote=True)


def _box(x, y, w, h, node: Node, rx=8, font=13) -> str:
    fill, stroke, dash, color = _STYLE[node.state]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    limit = int(w / (font * 0.55))          # rough width of a character in Helvetica
    label = node.label if len(node.label) <= limit else node.label[:limit - 1] + "…"
    return (f'<g class="node {node.state}"><title>{_esc(node.label)}</title>'
            f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{rx}" fill="{fill}" stroke="{stroke}" '
            f'stroke-width="2"{dash_attr}/>'
            f'<text x="{x + w / 2}" y="{y + h / 2 + 4}" text-anchor="middle" font-size="{font}" fill="{color}">'
            f'{_esc(label)}</text></g>')


def _line(x1, y1, x2, y2, dashed=False, color="#555") -> str:
    dash = ' stroke-dasharray="6 4"' if dashed else ""
    return f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{color}" stroke-width="2"{dash} marker-end="url(#arrow)"/>'


def _container(x, y, w, h, node: Node) -> str:
    fill, stroke, dash, color = _STYLE[node.state]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<g class="group {node.state}"><rect x="{x}" y="{y}" width="{w}" height="{h}" rx="12" fill="white" '
            f'stroke="{stroke}" stroke-width="2"{dash_attr}/>'
            f'<text x="{x + 14}" y="{y + 22}" font-size="15" font-weight="bold" fill="{color}">{_esc(node.label)}</text></g>')


def to_svg(picture: NetworkPicture, lang: str = "de") -> str:
    """A self-contained SVG (no scripts, no external resources)."""
    parts = []
    y = 20
    parts.append(f'<text x="{WIDTH / 2}" y="{y + 14}" text-anchor="middle" font-size="20" font-weight="bold">'
                 f'{_esc(picture.title)}</text>')
    coord_y = 60
    parts.append(_box(WIDTH / 2 - 180, coord_y, 360, 44, picture.coordination, rx=22, font=14))
    steer_y, cols, bw, bh, gap = 140, 5, 176, 44, 10
    rows = (len(picture.steering_partners) + cols - 1) // cols
    steer_h = 40 + rows * (bh + gap) + 10
    parts.append(_line(WIDTH / 2, coord_y + 44, WIDTH / 2, steer_y - 2))
    parts.append(_container(20, steer_y, WIDTH - 40, steer_h, picture.steering))
    for index, node in enumerate(picture.steering_partners):
        row, col = divmod(index, cols)
        parts.append(_box(40 + col * (bw + gap), steer_y + 36 + row * (bh + gap), bw, bh, node))
    op_y = steer_y + steer_h + 50
    parts.append(_line(WIDTH / 2, steer_y + steer_h, WIDTH / 2, op_y - 2, dashed=picture.operative.state == "missing"))
    op_h = 40 + bh + 20
    parts.append(_container(20, op_y, WIDTH - 40, op_h, picture.operative))
    for index, node in enumerate(picture.operative_members):
        parts.append(_box(40 + index * (bw + gap), op_y + 36, bw, bh, node))
    offer_y = op_y + op_h + 50
    parts.append(_line(WIDTH / 2, op_y + op_h, WIDTH / 2, offer_y - 2))
    parts.append(_box(WIDTH / 2 - 180, offer_y, 360, 44, picture.offer, font=14))
    aud_y = offer_y + 110
    for index, node in enumerate(picture.audiences):
        x = 120 + index * 280
        parts.append(_line(WIDTH / 2, offer_y + 44, x + 90, aud_y - 2, dashed=node.state != "present",
                           color="#c62828" if node.state != "present" else "#2e7d32"))
        parts.append(_box(x, aud_y, 180, 40, node, rx=20))
    legend_y = aud_y + 80
    parts.append(_box(20, legend_y, 150, 30, Node("l1", tr("diagram.present", lang), "present"), font=12))
    parts.append(_box(180, legend_y, 150, 30, Node("l2", tr("diagram.missing", lang), "missing"), font=12))
    parts.append(f'<text x="350" y="{legend_y + 20}" font-size="12" fill="#555">{_esc(tr("diagram.legend", lang))}</text>')
    height = legend_y + 50
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
            f'font-family="Helvetica, Arial, sans-serif" role="img" aria-label="{_esc(picture.title)}">'
            '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>'
            f'<rect width="{WIDTH}" height="{height}" fill="white"/>' + "".join(parts) + "</svg>\n")


def to_html(picture: NetworkPicture, lang: str = "de") -> str:
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{_esc(picture.title)}</title>'
            '<style>body{font-family:Helvetica,Arial,sans-serif;margin:24px}</style></head><body>\n'
            + to_svg(picture, lang) + "</body></html>\n")
