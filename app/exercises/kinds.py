"""The exercises wired into the engine (scorer, data, form parser, pages), in catalogue order."""

from __future__ import annotations

from app.exercises import (
    kind_sbx02,  # noqa: F401
    kind_sbx05,  # noqa: F401
    kind_sbx06,  # noqa: F401
    kind_sbx07,  # noqa: F401
    kind_sbx08,  # noqa: F401
    kind_sbx09,  # noqa: F401
    kind_sbx11,  # noqa: F401
    kind_sbx12,  # noqa: F401
    kind_sbx13,  # noqa: F401
    kind_sbx14,  # noqa: F401
)
