"""Stored factor reasons read back into kinds (the why panel's input)."""

from __future__ import annotations

from app.sandbox.domain.why import KINDS, read_reason


def test_each_stored_reason_reads_back_as_its_kind_and_names():
    """Every code factors.py writes becomes a kind with the ids it names, nothing else."""
    cases = {
        ("time", "online=0.35"): ("time", (), 0.35),
        ("fit", "offers"): ("fit:pillar", ("offers",), 0.0),
        ("calendar", "ramadan-2027@21:00"): ("calendar:window", ("ramadan-2027", "21:00"), 0.0),
        ("calendar", "ramadan-2027"): ("calendar:event", ("ramadan-2027",), 0.0),
        ("calendar", ""): ("calendar:none", (), 0.0),
        ("quality", "ig-alt, x-hashtags"): ("quality:warnings", ("ig-alt", "x-hashtags"), 0.0),
        ("voice", "cheap, calm down"): ("voice:banned", ("cheap", "calm down"), 0.0),
        ("trend", "rainy-riyadh:in-window"): ("trend:in-window", ("rainy-riyadh",), 0.0),
        ("trend", "rainy-riyadh:high-risk"): ("trend:high-risk", ("rainy-riyadh",), 0.0),
        ("fatigue", "2"): ("fatigue:recent", (), 2.0),
        ("fatigue", "0"): ("fatigue:none", (), 0.0),
    }
    for (name, reason), (kind, names, number) in cases.items():
        found = read_reason(name, reason)
        assert (found.kind, found.names, found.number) == (kind, names, number), reason
        assert found.kind in KINDS


def test_an_unrecognised_reason_is_never_a_known_kind():
    """A new factor or reason format reads as unknown, which the panel test refuses."""
    for name, reason in (("time", "share=0.3"), ("trend", "x:sideways"), ("reach_boost", "")):
        assert read_reason(name, reason).kind.startswith("unknown:")
        assert read_reason(name, reason).kind not in KINDS
