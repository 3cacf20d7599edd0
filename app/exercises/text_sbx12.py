"""sbx-12 "Run and read an A/B test" messages: every reason and step error code, worded."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.sandbox.labels_ab import ATTRIBUTE_NAMES, CALL_NAMES, DIRECTION_NAMES, METRIC_NAMES

ACTION_NAMES = {
    "roll-out-a": _l("Use A from now on"),
    "roll-out-b": _l("Use B from now on"),
    "retest-larger": _l("Run the test again with more people or more days"),
    "test-other": _l("Keep the current post and test another attribute"),
}
NAMES = {
    "attribute": ATTRIBUTE_NAMES,
    "found": ATTRIBUTE_NAMES,
    "call": CALL_NAMES,
    "verdict": CALL_NAMES,
    "action": ACTION_NAMES,
    "metric": METRIC_NAMES,
    "direction": DIRECTION_NAMES,
}
MESSAGES = {
    # one attribute
    "diff.exact": _l("The drafts differ in %(attribute)s only, the attribute you declared."),
    "diff.other": _l(
        "The drafts differ in one attribute, %(found)s, but you declared %(attribute)s: half "
        "the points."
    ),
    "diff.many": _l(
        "The drafts differ in several attributes (%(found)s), so a winner could not say which "
        "change made the difference."
    ),
    "diff.none": _l("The two drafts are identical: there is nothing to test."),
    "diff.undeclared": _l("No test was declared, so there are no drafts to compare."),
    # declared before the results
    "declared.duration": _l("The duration (%(value)s days) was set before the results."),
    "declared.no-duration": _l(
        "No duration was set before the results, so the simulator used its default."
    ),
    "declared.sample": _l("The sample (%(value)s people per variant) was set before the results."),
    "declared.no-sample": _l(
        "No sample was set before the results, so the simulator used its default."
    ),
    "declared.none": _l("No test was declared."),
    # the call
    "call.right": _l("Your call, %(call)s, matches the z-test at 95%% (p = %(p)s): %(verdict)s."),
    "call.wrong": _l(
        "Your call was %(call)s, but the z-test at 95%% (p = %(p)s) says %(verdict)s."
    ),
    "call.raw-counts": _l(
        "%(call)s has more people who acted only because it reached more people: compare the "
        "rates (people who acted ÷ people reached), not the raw counts."
    ),
    "call.none": _l("No call was made, so it earns nothing."),
    # next step
    "next.consistent": _l("“%(action)s” follows from the call %(call)s."),
    "next.inconsistent": _l("“%(action)s” does not follow from the call %(call)s."),
    "next.written": _l("The next step is written out."),
    "next.short": _l("Write the next step out in at least %(least)s characters."),
    "next.none": _l("No next step was written."),
    # step errors
    "declare.locked": _l("The declaration is locked: it cannot change once the results exist."),
    "declare.hour": _l("Choose an hour from 0 to 23 for each draft."),
    "declare.format": _l("Choose one of the listed post types for each draft."),
    "declare.text": _l("Fill in the first line, the rest of the text and the call to action."),
    "declare.attribute": _l("Choose the attribute you are testing."),
    "declare.metric": _l("Choose the metric."),
    "declare.direction": _l("Choose a direction or none."),
    "declare.duration_days": _l("The duration must be 1 to 28 days, or left empty."),
    "declare.sample": _l("The sample must be 100 to 20,000 people per variant, or left empty."),
    "call.call": _l("Choose A wins, B wins or inconclusive."),
    "call.action": _l("Choose what you will do next."),
    "call.not-declared": _l("Declare the test first: the results do not exist before it."),
    "step.unknown": _l("That step is not part of this exercise."),
}
