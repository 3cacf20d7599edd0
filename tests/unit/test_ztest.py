"""The A/B test's two-proportion z-test: sandbox.md's worked examples and our own cases."""

from __future__ import annotations

import pytest

from app.sandbox.domain.ztest import CountError, z_test


@pytest.mark.parametrize(
    ("counts", "alternative", "pooled", "se", "z", "p", "call"),
    [
        # 1 Stat Trek: cold drug, 38/100 women vs 102/200 men.
        ((38, 100, 102, 200), "two-sided", 0.466667, 0.061101, -2.1276, 0.0334, "b"),
        # 2 Prentice Hall TI-83 guide: 44/200 vs 54/300, "do not reject".
        ((44, 200, 54, 300), "two-sided", 0.196000, 0.036238, 1.1038, 0.2697, "inconclusive"),
        # 3 Statistics For Dummies: 26/374 vs 8/210, one-sided H1 p1 > p2, marginal.
        ((26, 374, 8, 210), "a-better", 0.058219, 0.020192, 1.5563, 0.0598, "inconclusive"),
        # 4 Boxplot donation pages: 20,000/100,000 vs 15,000/80,000, a small lift, significant.
        ((20000, 100000, 15000, 80000), "two-sided", 0.194444, 0.0018773, 6.6585, 0.0, "a"),
    ],
)
def test_the_worked_examples_of_sandbox_md_are_reproduced(
    counts, alternative, pooled, se, z, p, call
):
    """z to 1e-3 and p to 1e-4 from the counts, and the call at 95%."""
    result = z_test(*counts, alternative)
    assert result.pooled == pytest.approx(pooled, abs=1e-6)
    assert result.se == pytest.approx(se, abs=1e-6)
    assert result.z == pytest.approx(z, abs=1e-3)
    assert result.p == pytest.approx(p, abs=1e-4)
    assert result.call == call


def test_example_four_p_value_is_tiny_but_not_zero():
    """≈ 2.8 × 10⁻¹¹: the call rests on a real p, not on rounding."""
    assert 1e-11 < z_test(20000, 100000, 15000, 80000).p < 1e-10


@pytest.mark.parametrize(
    ("counts", "alternative", "z", "p", "call"),
    [
        # Reference values from the formula with statistics.NormalDist (an implementation
        # independent of ours); the first checked by hand: pooled .075, SE .011779, z -2.5469.
        # B clearly better: 6% against 9% of 1,000 each.
        ((60, 1000, 90, 1000), "two-sided", -2.5469, 0.0109, "b"),
        # The same counts, one-sided in the direction declared beforehand: p halves.
        ((60, 1000, 90, 1000), "b-better", -2.5469, 0.0054, "b"),
        # The wrong direction declared beforehand: B's lead cannot make a winner.
        ((60, 1000, 90, 1000), "a-better", -2.5469, 0.9946, "inconclusive"),
        # An unequal split of reach: raw clicks favour A (80 to 45) but the rates are 4% and 4.5%.
        ((80, 2000, 45, 1000), "two-sided", -0.6461, 0.5182, "inconclusive"),
        # 5.0% against 5.4% of 20,000 each: not significant two-sided...
        ((1000, 20000, 1080, 20000), "two-sided", -1.8016, 0.0716, "inconclusive"),
        # ...significant when "B is better" was declared before the results were seen...
        ((1000, 20000, 1080, 20000), "b-better", -1.8016, 0.0358, "b"),
        # ...and significant two-sided on twice the sample.
        ((2000, 40000, 2200, 40000), "two-sided", -3.1704, 0.0015, "b"),
    ],
)
def test_our_own_cases_including_unequal_splits_and_directions(counts, alternative, z, p, call):
    """Cases of our own, checked against the formula by hand."""
    result = z_test(*counts, alternative)
    assert result.z == pytest.approx(z, abs=1e-3)
    assert result.p == pytest.approx(p, abs=1e-4)
    assert result.call == call


@pytest.mark.parametrize(
    "counts",
    [
        (5, 400, 20, 400),  # A has 5 clicks: n·p is 5, not above it
        (3, 20, 9, 20),  # small groups
        (396, 400, 380, 400),  # B fails only 20 times but A only 4: n·(1 − p) too small
        (0, 500, 0, 500),  # nobody clicked: no spread to test
    ],
)
def test_too_little_data_is_its_own_call_without_a_z(counts):
    """n·p or n·(1 − p) of 5 or less in either group: "too little data", no z shown."""
    result = z_test(*counts)
    assert (result.call, result.z, result.p) == ("too-little-data", None, None)


def test_six_of_each_is_enough_data():
    """Just above the rule's bound the test runs."""
    assert z_test(6, 12, 6, 12).call == "inconclusive"


@pytest.mark.parametrize("counts", [(11, 10, 5, 10), (-1, 10, 5, 10), (0, 0, 5, 10)])
def test_counts_that_are_not_proportions_are_refused(counts):
    """x > n, a negative count or an empty group is an error, not a result."""
    with pytest.raises(CountError):
        z_test(*counts)
