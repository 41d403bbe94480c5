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
# Worked examples: five persons, reviewed as a counsellor would

Output of `nq-advisor advise FILE --as-of 2026-11-23` (table format, German) for the five bundled
example persons in `examples/` and the mature example region. "Nicht empfohlen" shows one line per
item: the deciding reason and, where waiting closes the gap, when it will hold; `nq-advisor explain
FILE REF` gives every reason with rules, dates and sources. The handout (`--format html`) says the
same to the client ("Sie haben ...") on at most three A4 pages. Regenerate this file with
`bash docs/worked-examples.sh > docs/worked-examples.md`.

HEAD
emit "1. Lagerhelfer, 38, fünf Jahre im Lager (NRW)" examples/person_lagerhelfer.yaml \
"**Review.** 60 months in a 36-month BBiG occupation exceed 1.5 × 36 = 54 (§ 45 Abs. 2 BBiG), so the Externenprüfung comes first; the Validierung (from 2025, age ≥ 25) is the alternative for someone who fears the written exam. Funding: Bildungsgutschein (entitlement under § 81 Abs. 2) and, because he is employed without a degree, the up-to-100 % wage subsidy for the employer (§ 82 Abs. 3). Part-time only: Teilzeit and childcare costs are added. The NRW Bildungsscheck stays open until the income is known. Reads right."
emit "2. Pflegehelferin, 41, will Pflegefachfrau werden (Bayern)" examples/person_pflegehelferin.yaml \
"**Review.** Pflegefachfrau/-mann is regulated by the PflBG, not BBiG/HwO: no Externenprüfung and no Validierung (both appear under 'Nicht empfohlen' with the law as the unmet condition). The adult route is the Umschulung; where the PflBG prevents shortening by a third, the full duration is fundable (§ 180 Abs. 4 Satz 2 SGB III). Bavaria has no individual voucher, only ESF-Plus courses via providers. Reads right."
emit "3. Elektriker mit ausländischem Abschluss, Deutsch A2, Grundsicherung (Berlin)" examples/person_zugewandert.yaml \
"**Review.** Recognition first (BQFG), with the IQ counselling; the Externenprüfung is a parallel route because § 45 Abs. 2 Satz 4 BBiG counts work abroad. German A2: the Integrationskurs comes first, with the 2026 note that the BAMF stopped discretionary admissions (§ 44 Abs. 4 AufenthG) while entitled and obligated persons are unaffected; then a Berufssprachkurs. Berlin: the advice says that no state programme was found. Reads right; whether the Jobcenter obliges him to attend (§ 44a) decides the Integrationskurs in practice."
emit "4. Junger Erwachsener, 22, arbeitslos mit Arbeitslosengeld (Sachsen)" examples/person_junger_erwachsener.yaml \
"**Review.** Under 25 the regular apprenticeship is the default route (validation starts at 25; § 81 Abs. 2 Satz 2 funds people without a degree and under three years of work only if an apprenticeship is impossible or unreasonable, or for a shortage occupation): the Bildungsgutschein is shown at priority 3 with exactly that condition as a requirement. Reads right."
emit "5. Küchenhilfe, 47, zwei Teilqualifikationen, Grundbildungsbedarf, nur Teilzeit (Hamburg)" examples/person_gastro_tq.yaml \
"**Review.** Basic skills first (§ 81 Abs. 3a SGB III), then the next partial qualifications towards the Fachkraft Gastronomie (24 months; 26 months of experience are below 1.5 × 24 = 36, so no Externenprüfung yet: the why-not says 'noch 10 Monate nötig'). Small firm: the further-training counselling of the Agentur is added, and Hamburg's Weiterbildungsbonus PLUS. Reads right."
emit "6. Region Musterkreis Nord, reifes Netzwerk (Niedersachsen)" examples/region_3_reif.yaml \
"REVIEW6"
}
