"""A skipped field stays unknown: rules that need it cannot recommend anything, so their other facts are not asked."""
import datetime

AS_OF = datetime.date(2026, 1, 1)


def asked_fields(session, answers):
    asked = []
    while (question := session.next_question()) is not None:
        asked.append(question.id)
        if question.id in answers:
            session.answer(question.id, answers[question.id])
        else:
            session.skip(question.id)
    return asked


def test_full_time_is_asked_only_while_the_young_adult_rule_can_hold(mini_advisor):
    # training_young needs: no degree, age < 25, and (full_time or not employed); only it reads full_time
    answered = asked_fields(mini_advisor.interview("person", as_of=AS_OF),
                            {"degree": "none", "age": 20, "employment": "employed"})
    assert "full_time" in answered
    skipped_age = asked_fields(mini_advisor.interview("person", as_of=AS_OF),
                               {"degree": "none", "employment": "employed"})
    assert "age" in skipped_age and "full_time" not in skipped_age


def test_possible_follows_three_valued_logic(mini_advisor):
    from nq_advisor.inference.evaluate import Evaluation
    rule = next(r for r in mini_advisor.kb.rules if r.id == "training_young")
    open_case = Evaluation(mini_advisor.kb, "person", {"degree": "none"}, AS_OF)
    assert open_case.possible(rule.condition, True) and open_case.possible(rule.condition, False)
    assert not open_case.possible(rule.condition, True, frozenset({"age"}))
    assert open_case.possible(rule.condition, False, frozenset({"full_time"}))
    decided = Evaluation(mini_advisor.kb, "person", {"degree": "german"}, AS_OF)
    assert not decided.possible(rule.condition, True) and decided.possible(rule.condition, False)
