"""A region's network in Chromium: the interview, two snapshots, the report with chart and diagram."""
from __future__ import annotations

import re

import pytest
import yaml

from tests.browser.conftest import REPO, axe_check, snap
from tests.browser.driver import answer_all, cli, fill_answer

pytestmark = pytest.mark.browser


def _example(name: str) -> dict:
    return yaml.safe_load((REPO / "examples" / name).read_text(encoding="utf-8"))["region"]


def _answers(page, server, sid: str) -> dict:
    """The answers as the server stored them (the API), to give the command line the very same facts."""
    return page.request.get(f"{server.url}/api/interviews/{sid}").json()["answers"]


def test_region_from_first_snapshot_to_report(page, server, shots, tmp_path):
    first, second = _example("region_1_start.yaml"), _example("region_2_aufbau.yaml")
    page.goto(server.url + "/")
    card = page.locator("section.card:has(input[name=subject][value=region])")
    card.get_by_label("Name der Region").fill(first["name"])
    card.get_by_label("Stichtag").fill("2026-01-15")
    card.get_by_role("button").click()
    given = {"name": first["name"], **answer_all(page, first)}
    sid = page.url.split("/s/")[1].split("/")[0]
    snapshot_1 = _answers(page, server, sid)

    page.goto(f"{server.url}/s/{sid}/region")
    assert first["name"] in page.locator("h1").inner_text()
    steps = [a.get_attribute("data-ref") for a in page.locator("article.rec").all()]
    assert steps, "open steps are listed"
    assert page.locator("article.rec").first.locator("details[open]").count() == 1
    assert page.locator("figure svg").count() == 1
    snap(page, shots, "region")
    page.locator("details").evaluate_all("all => all.forEach(d => d.open = true)")
    axe_check(page, "region page")
    page.get_by_label("Datum des Stands").fill("2026-01-15")
    page.get_by_role("button", name="Stand speichern").click()
    assert "Stand vom 2026-01-15 gespeichert (1 Stände)" in page.locator(".notice").inner_text()

    # the network grows: change what changed, one answer at a time, then the next snapshot
    for field, value in second.items():
        if given.get(field) != value and field != "name":
            page.goto(f"{server.url}/s/{sid}/question/{field}?return_to=answers")
            fill_answer(page, value)
            page.get_by_role("button", name="Speichern", exact=True).click()
            page.wait_for_url("**/answers")
            given[field] = value
    page.goto(f"{server.url}/s/{sid}/")
    given.update(answer_all(page, second))
    page.goto(f"{server.url}/s/{sid}/region")
    # a date before the last snapshot is refused, as `region track` refuses it
    page.get_by_label("Datum des Stands").fill("2025-12-31")
    page.get_by_role("button", name="Stand speichern").click()
    assert page.locator(".error-summary").is_visible()
    page.get_by_label("Datum des Stands").fill("2026-06-15")
    page.get_by_role("button", name="Stand speichern").click()
    page.wait_for_url("**/report**")
    axe_check(page, "report page")
    snap(page, shots, "report")

    # the same numbers as the command line on the same snapshots
    history = tmp_path / "verlauf.yaml"
    snapshots = {"2026-01-15": snapshot_1, "2026-06-15": _answers(page, server, sid)}
    bars = [int(t) for t in re.findall(r": (\d+)/13", page.locator("#chart").inner_html())]
    for day, facts in snapshots.items():
        case = tmp_path / f"region-{day}.yaml"
        case.write_text(yaml.safe_dump({"region": facts}, allow_unicode=True), encoding="utf-8")
        cli("region", "track", str(case), "--history", str(history), "--date", day)
    report = cli("region", "report", str(history))
    done = [int(m) for m in re.findall(r"^\| (?:\d{4}-\d\d-\d\d|\d\d\.\d\d\.\d{4}) \| (\d+) \|", report, re.M)]
    assert bars == done and done[1] > done[0]
    assert page.locator("#network svg").count() == 1
    assert "Handwerkskammer" in page.locator("#network").inner_text()
    # the full report is the command line's `region report --format html`
    html = page.request.get(f"{server.url}/s/{sid}/report.html").text()
    assert html == cli("region", "report", str(history), "--format", "html")
    markdown = page.request.get(f"{server.url}/s/{sid}/report.md")
    assert markdown.text() == report and "attachment" in markdown.headers["content-disposition"]
