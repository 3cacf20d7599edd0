"""The sandbox's scenarios and calendars, read once per process and kept on the app.

Services read them through `sandbox_data()` so that they import nothing from Flask: this
module is the one place that knows where the loaded data lives.
"""

from __future__ import annotations

from flask import current_app

from app.sandbox.domain.scenarios import SandboxData, load_sandbox


def sandbox_data() -> SandboxData:
    """Scenarios, calendars and the problems found, loaded on first use."""
    found = current_app.extensions.get("tawasul_sandbox")
    if found is None:
        found = current_app.extensions["tawasul_sandbox"] = load_sandbox()
    return found
