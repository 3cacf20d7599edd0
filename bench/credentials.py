"""Benchmark the credential proof layer: median ms to sign and to verify one OpenBadgeCredential.

Run `python bench/credentials.py`; pure (no app, no database). The verify figure is the
signature check only; the structure, schema and expansion checks a verification page also runs
are timed separately.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.credentials.domain import keys, proof, structure  # noqa: E402
from app.credentials.domain.credential import (  # noqa: E402
    NarrativeEvidence,
    UrlEvidence,
    build_credential,
    hashed_identity,
)
from app.credentials.domain.status import status_entry  # noqa: E402

RUNS = 50  # timings per figure; the first (warm-up, context parsing) run is discarded
BASE = "https://tawasul.example"
KEY_ID = f"{BASE}/credentials/issuer#key-1"
OPTIONS = {
    "type": "DataIntegrityProof",
    "cryptosuite": "eddsa-rdfc-2022",
    "created": "2025-03-01T09:00:00Z",
    "verificationMethod": KEY_ID,
    "proofPurpose": "assertionMethod",
}


def sample_credential() -> dict:
    """A skill credential shaped like the ones the app issues (two evidence items, a status)."""
    return build_credential(
        base_url=BASE,
        credential_id="/credentials/8f14e45f",
        name="ممارس: كتابة المحتوى",
        issuer_id="/credentials/issuer",
        issuer_name="تواصل",
        issuer_url="/",
        valid_from="2025-03-01T09:00:00Z",
        valid_until="2027-03-01T09:00:00Z",
        identity=hashed_identity("learner@example.com", "s4lt"),
        achievement_id="/credentials/achievements/skill-copywriting-3",
        achievement_name="كتابة المحتوى — المستوى 3",
        achievement_description="يكتب منشورات تناسب كل منصة.",
        criteria_narrative="بلوغ المستوى 3 بأدلة من تمارين مصححة.",
        image_url="/static/badges/skill.png",
        in_language="ar",
        evidence=[
            UrlEvidence(f"{BASE}/p/learner/case-studies/1", "دراسة حالة"),
            NarrativeEvidence("تمرين الخطاف", "النسخة ب · 86٪ · 2025-02-20"),
        ],
        credential_status=status_entry(f"{BASE}/credentials/status/1", 94567),
    )


def median_ms(action: Callable[[], object]) -> float:
    """Median wall-clock ms of `action` over RUNS, after one warm-up call."""
    action()
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def measure() -> dict[str, float]:
    """Median ms to sign, to verify the signature, and to run the structure checks."""
    pair = keys.generate_key_pair()
    secret = keys.private_key(pair.secret_multibase)
    credential = sample_credential()
    signed = proof.sign(credential, secret, OPTIONS)
    assert proof.verify(signed, lambda method: pair.public_multibase).ok
    return {
        "sign": median_ms(lambda: proof.sign(credential, secret, OPTIONS)),
        "verify": median_ms(lambda: proof.verify(signed, lambda method: pair.public_multibase)),
        "checks": median_ms(lambda: structure.check(signed)),
    }


if __name__ == "__main__":
    figures = measure()
    print(f"credentials: sign one credential   {figures['sign']:7.2f} ms (median of {RUNS})")
    print(f"credentials: verify its signature  {figures['verify']:7.2f} ms")
    print(f"credentials: structure+schema+expansion checks {figures['checks']:7.2f} ms")
