"""The network picture of a region: steering network, operative networks, coordination and the
offer's audiences, with partners present (solid) and missing (red, dashed).

Two renderings of one model: Mermaid (for Markdown) and a self-contained SVG (also wrapped in HTML).
Every name is escaped for its target: Mermaid entity codes in labels, XML escapes in SVG.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from nq_advisor.i18n import pick
from nq_advisor.output.markup import render_html, trusted_svg
from nq_advisor.region.texts import tr

AUDIENCES = ("multipliers", "companies", "target_group")


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    state: str          # present | missing | flawed | optional | neutral (see legend())


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
    steering_state = ("present" if goals is not False else "flawed") if has_steering else "missing"
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
        # partisan coordination is the most urgent flaw of a network: never drawn in neutral grey
        coordination=Node("coord", coord_label, {"neutral": "present", "partisan": "flawed"}.get(coordination, "missing")),
        steering=Node("steering", steering_label, steering_state),
        steering_partners=partners,
        operative=Node("operative", tr("diagram.operative" if operative else "diagram.no_operative", lang),
                       "present" if operative else "missing"),
        operative_members=members,
        offer=Node("offer", offer_label, "present" if offer_value == "established" else
                   "flawed" if offer_value == "planned" else "missing"),
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
              "  classDef flawed fill:#fff3e0,stroke:#e65100,stroke-width:4px,color:#bf360c",
              "  classDef neutral fill:#e3f2fd,stroke:#1565c0,color:#0d47a1",
              "  classDef heading fill:none,stroke:none,font-weight:bold"]
    groups: dict[str, list[str]] = {}
    for node in [picture.coordination, picture.steering, picture.operative, picture.offer,
                 *picture.steering_partners, *picture.operative_members, *picture.audiences]:
        groups.setdefault(node.state, []).append(node.id)
    lines += [f"  class {','.join(ids)} {state}" for state, ids in groups.items()]
    lines.append("  class title heading")
    lines += [f"  %% {entry['name']}: {entry['meaning']}" for entry in legend(lang)]
    return "\n".join(lines) + "\n"


# --- SVG ----------------------------------------------------------------------------------------
_STYLE = {   # fill, stroke, dash, text colour, stroke width
    "present": ("#e8f5e9", "#2e7d32", "", "#1b5e20", 2),
    "missing": ("#ffebee", "#c62828", "6 4", "#b71c1c", 2),
    "flawed": ("#fff3e0", "#e65100", "", "#bf360c", 4),
    "optional": ("#f5f5f5", "#9e9e9e", "3 3", "#616161", 2),
    "neutral": ("#e3f2fd", "#1565c0", "", "#0d47a1", 2),
}
LEGEND_ORDER = ("present", "flawed", "missing", "optional", "neutral")
WIDTH = 1000


def legend(lang: str = "de") -> list[dict]:
    """Every style the diagram uses, with what it means (boxes and lines)."""
    entries = [{"state": state, "name": tr(f"legend.{state}.name", lang), "meaning": tr(f"legend.{state}", lang)}
               for state in LEGEND_ORDER]
    entries.append({"state": "line_missing", "name": tr("legend.line_missing.name", lang),
                    "meaning": tr("legend.line_missing", lang)})
    return entries


def _esc(text: str) -> str:
    return html.escape(str(text), quote=True)


def wrap(text: str, limit: int) -> list[str]:
    """Words on lines of at most ``limit`` characters; a longer word gets a line of its own (never cut)."""
    lines: list[str] = []
    for word in str(text).split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _lines_needed(node: Node, w: float, font: int) -> int:
    return len(wrap(node.label, max(4, int((w - 12) / (font * 0.56)))))


def _box(x, y, w, h, node: Node, rx=8, font=13) -> str:
    fill, stroke, dash, color, width = _STYLE[node.state]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    lines = wrap(node.label, max(4, int((w - 12) / (font * 0.56))))   # rough width of a character
    line_h = font + 3
    first = y + h / 2 - (len(lines) - 1) * line_h / 2 + font * 0.35
    spans = "".join(f'<tspan x="{x + w / 2}" y="{first + i * line_h:.1f}">{_esc(line)}</tspan>'
                    for i, line in enumerate(lines))
    return (f'<g class="node {node.state}"><title>{_esc(node.label)}</title>'
            f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{rx}" fill="{fill}" stroke="{stroke}" '
            f'stroke-width="{width}"{dash_attr}/>'
            f'<text text-anchor="middle" font-size="{font}" fill="{color}">{spans}</text></g>')


def _line(x1, y1, x2, y2, dashed=False, color="#555") -> str:
    dash = ' stroke-dasharray="6 4"' if dashed else ""
    return f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{color}" stroke-width="2"{dash} marker-end="url(#arrow)"/>'


def _container(x, y, w, h, node: Node) -> str:
    fill, stroke, dash, color, width = _STYLE[node.state]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<g class="group {node.state}"><rect x="{x}" y="{y}" width="{w}" height="{h}" rx="12" fill="white" '
            f'stroke="{stroke}" stroke-width="{width}"{dash_attr}/>'
            f'<text x="{x + 14}" y="{y + 22}" font-size="15" font-weight="bold" fill="{color}">{_esc(node.label)}</text></g>')


def to_svg(picture: NetworkPicture, lang: str = "de") -> str:
    """A self-contained SVG (no scripts, no external resources); labels wrap instead of being cut."""
    parts = []
    title_lines = wrap(picture.title, 70)
    for i, line in enumerate(title_lines):
        parts.append(f'<text x="{WIDTH / 2}" y="{34 + i * 24}" text-anchor="middle" font-size="20" '
                     f'font-weight="bold">{_esc(line)}</text>')
    coord_y = 40 + 24 * len(title_lines)
    coord_h = 22 + 17 * _lines_needed(picture.coordination, 420, 14)
    parts.append(_box(WIDTH / 2 - 210, coord_y, 420, coord_h, picture.coordination, rx=22, font=14))
    steer_y, cols, bw, gap = coord_y + coord_h + 40, 5, 176, 10
    bh = 20 + 16 * max([_lines_needed(n, bw, 13) for n in picture.steering_partners + picture.operative_members] or [1])
    rows = (len(picture.steering_partners) + cols - 1) // cols
    steer_h = 40 + rows * (bh + gap) + 10
    parts.append(_line(WIDTH / 2, coord_y + coord_h, WIDTH / 2, steer_y - 2))
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
    offer_h = 22 + 17 * _lines_needed(picture.offer, 420, 14)
    parts.append(_line(WIDTH / 2, op_y + op_h, WIDTH / 2, offer_y - 2))
    parts.append(_box(WIDTH / 2 - 210, offer_y, 420, offer_h, picture.offer, font=14))
    aud_y = offer_y + offer_h + 66
    for index, node in enumerate(picture.audiences):
        x = 100 + index * 290
        parts.append(_line(WIDTH / 2, offer_y + offer_h, x + 110, aud_y - 2, dashed=node.state != "present",
                           color="#c62828" if node.state != "present" else "#2e7d32"))
        parts.append(_box(x, aud_y, 220, 44, node, rx=20))
    legend_y = aud_y + 80
    parts.append(f'<text x="20" y="{legend_y - 10}" font-size="14" font-weight="bold">{_esc(tr("legend.title", lang))}</text>')
    for index, entry in enumerate(legend(lang)):
        y = legend_y + index * 30
        if entry["state"] == "line_missing":
            parts.append(f'<line x1="24" y1="{y + 11}" x2="150" y2="{y + 11}" stroke="#c62828" stroke-width="2" '
                         f'stroke-dasharray="6 4"/>')
        else:
            fill, stroke, dash, color, width = _STYLE[entry["state"]]
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(f'<rect x="20" y="{y}" width="130" height="22" rx="6" fill="{fill}" stroke="{stroke}" '
                         f'stroke-width="{width}"{dash_attr}/><text x="85" y="{y + 15}" text-anchor="middle" '
                         f'font-size="12" fill="{color}">{_esc(entry["name"])}</text>')
        parts.append(f'<text x="164" y="{y + 15}" font-size="12" fill="#333">{_esc(entry["meaning"])}</text>')
    height = legend_y + 30 * len(legend(lang)) + 10
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
            f'font-family="Helvetica, Arial, sans-serif" role="img" aria-label="{_esc(picture.title)}">'
            '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>'
            f'<rect width="{WIDTH}" height="{height}" fill="white"/>' + "".join(parts) + "</svg>\n")


def to_html(picture: NetworkPicture, lang: str = "de") -> str:
    """The diagram page: the SVG and its legend in the shared layout and print stylesheet."""
    return render_html("diagram.html", lang=lang, title=picture.title, subtitle="", date_line="", disclaimer="",
                       svg=trusted_svg(to_svg(picture, lang)), legend=legend(lang),
                       legend_title=tr("legend.title", lang))
