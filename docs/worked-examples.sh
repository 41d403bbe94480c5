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
  $NQ advise "$2" --as-of 2026-11-23 | awk '/^Nicht empfohlen/{skip=1} /^Noch offen/{skip=0} /^Hinweise/{skip=0} !skip'
  echo '```'
  echo
  echo "$3"
  echo
}
{
cat <<'HEAD'
# Worked examples: eight persons, reviewed as a counsellor would

Output of `nq-advisor advise FILE --as-of 2026-11-23` (table format, German) for the eight bundled
example persons in `examples/`. The "Nicht empfohlen" (why not) part is left out here for length;
run the command to see it, or `nq-advisor explain FILE REF` for one item. Regenerate this file with
`bash docs/worked-examples.sh > docs/worked-examples.md`.

HEAD
emit "1. Lagerhelfer, 38, fünf Jahre im Lager (NRW)" examples/person_lagerhelfer.yaml \
"**Review.** 60 months in a 36-month BBiG occupation exceed 1.5 × 36 = 54 (§ 45 Abs. 2 BBiG), so the Externenprüfung comes first; the Validierung (from 2025, age ≥ 25) is the alternative for someone who fears the written exam. Funding: Bildungsgutschein (entitlement under § 81 Abs. 2) and, because he is employed without a degree, the up-to-100 % wage subsidy for the employer (§ 82 Abs. 3). Part-time only: Teilzeit and childcare costs are added. The NRW Bildungsscheck stays open until the income is known. Reads right."
emit "2. Pflegehelferin, 41, will Pflegefachfrau werden (Bayern)" examples/person_pflegehelferin.yaml \
"**Review.** Pflegefachfrau/-mann is regulated by the PflBG, not BBiG/HwO: no Externenprüfung and no Validierung (both appear under 'Nicht empfohlen' with the law as the unmet condition). The adult route is the Umschulung; where the PflBG prevents shortening by a third, the full duration is fundable (§ 180 Abs. 4 Satz 2 SGB III). Bavaria has no individual voucher, only ESF-Plus courses via providers. Reads right."
emit "3. Elektriker mit ausländischem Abschluss, Deutsch A2, Grundsicherung (Berlin)" examples/person_zugewandert.yaml \
"**Review.** Recognition first (BQFG), with the IQ counselling; the Externenprüfung is a parallel route because § 45 Abs. 2 Satz 4 BBiG counts work abroad. German A2: the Integrationskurs is left open until his residence status and a possible obligation are known (entitlement with a first residence permit for one year, § 44 Abs. 1; obligation by the Jobcenter, § 44a; admission within free places, § 44 Abs. 4, stopped in 2026); the Berufssprachkurs is recommended. Berlin: the advice says that no state programme was found. Reads right; the counsellor asks for the residence document next."
emit "4. Junger Erwachsener, 22, arbeitslos mit Arbeitslosengeld (Sachsen)" examples/person_junger_erwachsener.yaml \
"**Review.** Under 25 the regular apprenticeship is the default route (validation starts at 25; § 81 Abs. 2 Satz 2 funds people without a degree and under three years of work only if an apprenticeship is impossible or unreasonable, or for a shortage occupation): the Bildungsgutschein is shown at priority 3 with exactly that condition as a requirement. Reads right."
emit "5. Küchenhilfe, 47, zwei Teilqualifikationen, Grundbildungsbedarf, nur Teilzeit (Hamburg)" examples/person_gastro_tq.yaml \
"**Review.** Basic skills first (§ 81 Abs. 3a SGB III), then the next partial qualifications towards the Fachkraft Gastronomie (24 months; 26 months of experience are below 1.5 × 24 = 36, so no Externenprüfung yet: the why-not says 'noch 10 Monate nötig'). Small firm: the further-training counselling of the Agentur is added, and Hamburg's Weiterbildungsbonus PLUS. Reads right."
emit "6. Lagerhelfer mit Duldung, 28, Deutsch A2 (Niedersachsen)" examples/person_duldung.yaml \
"**Review.** See docs/knowledge-review.md: no Integrationskurs in 2026 (Duldung falls under § 44 Abs. 4, admissions stopped; no obligation), the Berufssprachkurs instead; TQ or Umschulung towards the Fachkraft für Lagerlogistik with the employer's wage subsidy. Whether the Ausländerbehörde permits the training and what the Duldung means for SGB III funding is not modelled and must be asked."
emit "7. Lagerhelferin mit Behinderung, 23 (Hessen)" examples/person_behinderung.yaml \
"**Review.** See docs/knowledge-review.md: rehabilitation counselling first; the Validierung is open at 23 because § 50d BBiG has no age limit for persons with disabilities; Fachpraktiker training as the alternative to the full apprenticeship."
emit "8. Friseurin mit sechs Jahren Kindererziehung, 41, Grundsicherung (Nordrhein-Westfalen)" examples/person_erziehungszeiten.yaml \
"**Review.** See docs/knowledge-review.md: 2 years of unskilled work plus 6 years of child-raising exceed four years (§ 81 Abs. 2 Satz 3 SGB III), so her old degree does not block the entitlement; the Bildungsgutschein, Weiterbildungsgeld and premiums follow. With only 2 years of child-raising they all fall away (whatif)."
} 
