"""Server-rendered radar chart (SVG) of readiness per skill group — pure."""

from __future__ import annotations

import math
from html import escape

from markupsafe import Markup

SIZE = 320
CENTER = SIZE / 2
RADIUS = 110


def point(index: int, count: int, fraction: float) -> tuple[float, float]:
    """Coordinates of axis `index` at `fraction` of the radius (first axis points up)."""
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return (
        CENTER + RADIUS * fraction * math.cos(angle),
        CENTER + RADIUS * fraction * math.sin(angle),
    )


def polygon(values: list[float]) -> str:
    """SVG points for a closed shape through the values."""
    return " ".join(
        f"{x:.1f},{y:.1f}" for x, y in (point(i, len(values), v) for i, v in enumerate(values))
    )


def radar_svg(labels: list[str], values: list[float], title: str, description: str) -> Markup:
    """An accessible SVG: a title, a description, grid rings, the target and the learner shape."""
    count = len(labels)
    if count < 3:
        return Markup("")  # safe: an empty string
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-90 -10 {SIZE + 180} {SIZE + 20}" '
        # direction="ltr": in an RTL page the start/end anchors would flip and labels overlap.
        f'role="img" aria-labelledby="radar-title radar-desc" class="radar" direction="ltr">',
        f'<title id="radar-title">{escape(title)}</title>',
        f'<desc id="radar-desc">{escape(description)}</desc>',
    ]
    for ring in (0.25, 0.5, 0.75, 1.0):
        parts.append(f'<polygon class="grid" points="{polygon([ring] * count)}"/>')
    for i in range(count):
        x, y = point(i, count, 1.0)
        parts.append(f'<line class="axis" x1="{CENTER}" y1="{CENTER}" x2="{x:.1f}" y2="{y:.1f}"/>')
    parts.append(
        f'<polygon class="learner" points="{polygon([min(1.0, max(0.0, v)) for v in values])}"/>'
    )
    for i, text in enumerate(labels):
        x, y = point(i, count, 1.18)
        anchor = "middle" if abs(x - CENTER) < 10 else ("start" if x > CENTER else "end")
        parts.append(f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{escape(text)}</text>')
    parts.append("</svg>")
    # Every label went through escape() above; the rest is markup built here.
    return Markup("".join(parts))  # safe: labels escaped above  # noqa: S704  # nosec B704
