#!/usr/bin/env bash
# Regenerates docs/worked-examples.md's output blocks (run from the repository root).
set -e
NQ=.venv/bin/nq-advisor
emit() {  # title, file, review
  echo "## $1"
  echo
  echo '```sh'
  echo "nq-advisor advise $2 --as-of 2026-11-23"
  echo '```'
  echo
  echo '```'
  $NQ advise "$2" --as-of 2026-11-23
  echo '```'
  echo
  echo "$3"
  echo
}
{
cat <<'HEAD'
# Worked examples: eight persons and a region, reviewed as a counsellor would

Output of `nq-advisor advise FILE --as-of 2026-11-23` (table format, German) for the eight bundled
example persons in `examples/` and the mature example region. "Nicht empfohlen" shows one line per
item: the deciding reason and, where waiting closes the gap, when it will hold; `nq-advisor explain
FILE REF` gives every reason with rules, dates and sources. The handout (`--format html`) says the
same to the client ("Sie haben ...") on at most three A4 pages. Regenerate this file with
`bash docs/worked-examples.sh > docs/worked-examples.md`.

HEAD
emit "1. Lagerhelfer, 38, fünf Jahre im Lager (NRW)" examples/person_lagerhelfer.yaml \
"**Review (2026-12-03, new wording).** 60 months in a 36-month BBiG occupation exceed 1.5 × 36 = 54 (§ 45 Abs. 2 BBiG): Externenprüfung first, the Validierung (since 2025, from 25) as the alternative for someone who fears the written exam. Funding: Bildungsgutschein (entitlement, § 81 Abs. 2) and the up-to-100 % wage subsidy for the employer (§ 82 Abs. 3). Part-time only: Teilzeit and childcare costs. The why-not now reads as a counsellor would say it, one line each: no degree, so no recognition and no AFBG; 38 years old, so no apprenticeship route; 60 months of experience, so Teilqualifikation and Umschulung are meant for less experienced people; German B1 is beyond the Integrationskurs. Nothing repeats. The NRW Bildungsscheck stays open until the income is known. Reads right."
emit "2. Pflegehelferin, 41, will Pflegefachfrau werden (Bayern)" examples/person_pflegehelferin.yaml \
"**Review (2026-12-03).** Pflegefachfrau/-mann is regulated by the PflBG, not BBiG/HwO: the table now says exactly that for the Externenprüfung and the Validierung ('… ist nach PflBG geregelt; das gilt nur für Berufe nach BBiG oder HwO'). The adult route is the Umschulung at full duration where the PflBG prevents shortening (§ 180 Abs. 4 Satz 2 SGB III). 'Deutsch ist die Muttersprache der Person' for the Berufssprachkurs is plain. Bavaria: ESF-Plus courses via providers only. Reads right."
emit "3. Elektriker mit ausländischem Abschluss, Deutsch A2, Grundsicherung (Berlin)" examples/person_zugewandert.yaml \
"**Review.** Recognition first (BQFG), with the IQ counselling; the Externenprüfung is a parallel route because § 45 Abs. 2 Satz 4 BBiG counts work abroad. German A2: the Integrationskurs is left open until his residence status and a possible obligation are known (entitlement with a first residence permit for one year, § 44 Abs. 1; obligation by the Jobcenter, § 44a; admission within free places, § 44 Abs. 4, stopped in 2026); the Berufssprachkurs is recommended. Berlin: the advice says that no state programme was found. Reads right; the counsellor asks for the residence document next."
emit "4. Junger Erwachsener, 22, arbeitslos mit Arbeitslosengeld (Sachsen)" examples/person_junger_erwachsener.yaml \
"**Review (2026-12-03).** Under 25 the regular apprenticeship is the default route; the Bildungsgutschein appears at priority 3 with the § 81 Abs. 2 Satz 2 condition as a requirement. The why-not gives dates where time helps and none where it does not: Umschulung 'erreichbar etwa November 2029' (at 25), the Externenprüfung 'erreichbar etwa August 2031, wenn die Person weiter in diesem Bereich arbeitet'; the Validierung needs both age and experience, so no single date is promised. 'Für Kraftfahrzeugmechatroniker/-in sind keine Teilqualifikationen bekannt' is the honest reason for the TQ line. Reads right."
emit "5. Küchenhilfe, 47, zwei Teilqualifikationen, Grundbildungsbedarf, nur Teilzeit (Hamburg)" examples/person_gastro_tq.yaml \
"**Review (2026-12-03).** Basic skills first (§ 81 Abs. 3a SGB III), then the next partial qualifications towards the Fachkraft Gastronomie; Externenprüfung and Validierung both 'erreichbar etwa September 2027' (26 of 36 months), and the handout lists them under 'Was später möglich wird' instead of among the things that do not fit. Small firm: the Agentur's further-training counselling, and Hamburg's Weiterbildungsbonus PLUS (marked as not fully verified). The printed handout has three pages with the next steps on page 1. Reads right."
emit "6. Lagerhelfer mit Duldung, 28, Deutsch A2 (Niedersachsen)" examples/person_duldung.yaml \
"**Review.** See docs/knowledge-review.md: no Integrationskurs in 2026 (Duldung falls under § 44 Abs. 4, admissions stopped; no obligation), the Berufssprachkurs instead; TQ or Umschulung towards the Fachkraft für Lagerlogistik with the employer's wage subsidy. Whether the Ausländerbehörde permits the training and what the Duldung means for SGB III funding is not modelled and must be asked."
emit "7. Lagerhelferin mit Behinderung, 23 (Hessen)" examples/person_behinderung.yaml \
"**Review.** See docs/knowledge-review.md: rehabilitation counselling first; the Validierung is open at 23 because § 50d BBiG has no age limit for persons with disabilities; Fachpraktiker training as the alternative to the full apprenticeship."
emit "8. Friseurin mit sechs Jahren Kindererziehung, 41, Grundsicherung (Nordrhein-Westfalen)" examples/person_erziehungszeiten.yaml \
"**Review.** See docs/knowledge-review.md: 2 years of unskilled work plus 6 years of child-raising exceed four years (§ 81 Abs. 2 Satz 3 SGB III), so her old degree does not block the entitlement; the Bildungsgutschein, Weiterbildungsgeld and premiums follow. With only 2 years of child-raising they all fall away (whatif)."
emit "9. Region Musterkreis Nord, reifes Netzwerk (Niedersachsen)" examples/region_3_reif.yaml \
"**Review (2026-12-03).** The mature network from the README's Musterkreis example: twelve of thirteen strategy items are in place and are listed under 'Erledigt' in the order of the five-step strategy (JSON: done), not as 'nicht empfohlen'. What is left is step 5 (changed framework conditions) with its three actions, the validation procedure now that the company counselling is established, and the sector offers, each naming its target occupations, whether Teilqualifikationen exist and the routes that suit the sector's unskilled workers (care: only the Umschulung, because the PflBG occupations have no Externenprüfung). 'Nicht nötig' lists the repairs that are not needed, with the reason in one sentence ('Das Steuerungsnetzwerk hat die Handwerkskammer als Partner'). Two low-confidence items are flagged. Reads right."
}
