"""The real facts of courses/facts.yaml (id → value) for the ads domain tests; not a conftest,
so it does not shadow the suite's root conftest module."""

from __future__ import annotations

from pathlib import Path

from app.content.library import load_library

ROOT = Path(__file__).resolve().parents[2]
FACTS = {k: f.value for k, f in load_library(ROOT)[0].facts.items()}
