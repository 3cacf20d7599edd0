"""Content problems, each tied to a file and line."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One validation problem: `file:line: message`."""

    file: str
    line: int
    message: str
    warning: bool = False

    def __str__(self) -> str:
        """Render as `file:line: message` (warnings say so)."""
        prefix = "warning: " if self.warning else ""
        return f"{self.file}:{self.line}: {prefix}{self.message}"


@dataclass
class Problems:
    """Collects problems while loading; errors and warnings are kept apart."""

    items: list[Problem] = field(default_factory=list)

    def add(self, file: str, line: int, message: str) -> None:
        """Record an error."""
        self.items.append(Problem(file, line, message))

    def warn(self, file: str, line: int, message: str) -> None:
        """Record a warning (content still loads)."""
        self.items.append(Problem(file, line, message, warning=True))

    @property
    def errors(self) -> list[Problem]:
        """Problems that make the content invalid."""
        return sorted(p for p in self.items if not p.warning)

    @property
    def warnings(self) -> list[Problem]:
        """Problems that are reported but do not block."""
        return sorted(p for p in self.items if p.warning)
