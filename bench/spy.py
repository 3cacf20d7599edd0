"""Where a page's CPU goes in the real server: py-spy samples gunicorn's workers under wrk load.

`make bench-profile` (SQLite) and `make bench-profile-pg` (PostgreSQL + Redis) seed and serve
exactly as the bench does (bench/run.py --profile), then, for each page, run wrk for the
given seconds while `py-spy record` samples every worker. The samples are read back in
collapsed form and summed three ways:

- by layer: each sample counts once, for the innermost frame that belongs to a known layer
  (a standard-library call made by SQLAlchemy counts as SQLAlchemy);
- by app function: the share of samples with that function of app/ anywhere on the stack;
- by innermost function, in any library: where the time itself is spent.

The report goes to the screen and to bench/results/, each page's samples in collapsed form
(for a flame graph) to a folder beside it. A profiled run's requests/s are not figures: the
sampler slows the workers down; `make bench` gives those.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"

# (layer, path fragments), first match from the innermost frame outwards wins.
LAYERS = (
    ("database driver (psycopg, sqlite3)", ("/psycopg/", "/psycopg_", "sqlite3/", "_sqlite3")),
    ("SQLAlchemy ORM", ("/sqlalchemy/orm/",)),
    ("SQLAlchemy Core and pool", ("/sqlalchemy/",)),
    ("templates (Jinja, MarkupSafe)", ("/jinja2/", "/markupsafe/", "templates/", ".html")),
    ("Redis client", ("/redis/",)),
    (
        "Flask, Werkzeug, sessions, CSRF, i18n",
        ("/flask", "/werkzeug/", "/itsdangerous/", "/babel/", "/wtforms/", "/limits/"),
    ),
    ("gunicorn (HTTP parsing, sockets)", ("/gunicorn/",)),
    ("app code", ("/app/",)),
)
OTHER = "other (standard library)"


def ensure_py_spy() -> str:
    """Path to py-spy (in the dev extra), installing it into this Python's environment when
    it is missing."""
    found = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
    if not found:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "py-spy"], check=False)
        found = shutil.which("py-spy", path=str(Path(sys.executable).parent))
    if not found:
        sys.exit("py-spy is not installed and could not be installed (pip install py-spy)")
    return found


def record(
    spy: str, master: int, seconds: int, load: Callable[[], dict[str, float]]
) -> list[tuple[list[str], int]]:
    """Samples of the master's workers while `load()` runs: (frames root first, count)."""
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "samples.txt"
        command = [spy, "record", "--pid", str(master), "--subprocesses", "--full-filenames"]
        command += ["--format", "raw", "--rate", "250", "--duration", str(seconds + 1)]
        sampler = subprocess.Popen(
            [*command, "--output", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        load()
        sampler.wait(seconds + 60)
        text = out.read_text() if out.exists() else ""
    samples = []
    for line in text.splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            samples.append((stack.split(";"), int(count)))
    return samples


def layer_of(frames: Sequence[str]) -> str:
    """The layer of the innermost frame that belongs to one."""
    for frame in reversed(frames):
        for name, fragments in LAYERS:
            if any(fragment in frame for fragment in fragments):
                return name
    return OTHER


def in_request(frames: Sequence[str]) -> bool:
    """Whether a sample is of a worker at work (not the master, nor a worker waiting)."""
    return any("handle_request" in frame for frame in frames)


def summary(label: str, samples: list[tuple[list[str], int]], top: int = 15) -> list[str]:
    """The page's report: samples by layer, then the app functions that hold the most."""
    busy = [(frames, count) for frames, count in samples if in_request(frames)]
    total = sum(count for _, count in busy)
    lines = [f"\n{label}: {total} samples of workers handling requests"]
    if not total:
        return [*lines, "  (no samples: is py-spy allowed to trace processes here?)"]
    layers: Counter[str] = Counter()
    functions: Counter[str] = Counter()
    for frames, count in busy:
        layers[layer_of(frames)] += count
        for frame in {
            function_of(f) for f in frames if "/app/" in f and "/site-packages/" not in f
        }:
            functions[frame] += count
    lines.append("  by layer (innermost frame):")
    lines += [f"    {share(n, total)}  {name}" for name, n in layers.most_common()]
    lines.append("  app functions on the stack (inclusive):")
    lines += [f"    {share(n, total)}  {name}" for name, n in functions.most_common(top)]
    innermost: Counter[str] = Counter()
    for frames, count in busy:
        innermost[short(frames[-1])] += count
    lines.append("  innermost functions (self time, any library):")
    lines += [f"    {share(n, total)}  {name}" for name, n in innermost.most_common(top)]
    return lines


def short(frame: str) -> str:
    """A frame as function (file), the file from site-packages, app/ or the library root."""
    name, _, where = frame.partition(" (")
    path = where.rsplit(":", 1)[0]
    for marker in ("/site-packages/", "/app/", "/lib/python3"):
        if marker in path:
            path = path.rsplit(marker, 1)[1]
            break
    return f"{name} ({path})"


def function_of(frame: str) -> str:
    """A frame's function and file under app/, without the line it was on."""
    name, _, where = frame.partition(" (")
    return f"{name} ({where.rsplit('/app/', 1)[-1].rsplit(':', 1)[0]})"


def share(part: int, whole: int) -> str:
    """A percentage, right-aligned."""
    return f"{100 * part / whole:5.1f}%"


def profile_pages(
    pages: Sequence[Any],
    master: int,
    seconds: int,
    load: Callable[[str, str], dict[str, float]],
    cookies: dict[str, str],
) -> list[str]:
    """Every page's report, one after another (load(path, cookie) is one wrk run)."""
    spy = ensure_py_spy()
    lines: list[str] = []
    stacks = RESULTS / f"{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}-stacks"
    stacks.mkdir(parents=True, exist_ok=True)
    for page in pages:
        cookie = cookies.get(page.who, "")
        samples = record(spy, master, seconds, lambda p=page, c=cookie: load(p.path, c))
        # The samples in collapsed form, for a flame graph (speedscope, flamegraph.pl).
        folded = stacks / (re.sub(r"[^A-Za-z0-9]+", "-", page.label).strip("-") + ".folded")
        folded.write_text("".join(f"{';'.join(f)} {n}\n" for f, n in samples), encoding="utf-8")
        report = summary(page.label, samples)
        print("\n".join(report), flush=True)
        lines += report
    return lines
