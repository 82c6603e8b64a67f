"""How long `exportref check` takes on broken data, and how long loading generated data takes.

    python bench/check_bench.py [--reps N] [--json FILE]

The tests (tests/test_broken_data.py, tests/test_data_fuzz.py) check what `check` and the loader
say, under memory and CPU limits and a generous timeout; they assert no time, since a shared machine
makes any clock noise. The times are measured here instead, by hand:

- `exportref check` in a fresh process (as a user or a CI job runs it) on every folder under
  tests/fixtures/broken/, and on faults made in a copy of `valid-base` (a 10 MB field, a 1 MB
  field): median of N runs each;
- `load_catalogue` in this process on each broken folder (no interpreter start-up).

Budget: a check that takes more than CHECK_BUDGET_S (start-up is ~0.3 s) points to a loader that
expands, recurses or reads more than it should; such cases are flagged and the exit status is 1.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
BROKEN = REPO / "tests" / "fixtures" / "broken"
M = "instruments/cn-mofcom-2023-23.yaml"
SUMMARY = "summary: {en: Licence requirement for gallium and germanium items.}"
CHECK_BUDGET_S = 5.0


def made_faults(workdir: Path) -> dict[str, Path]:
    """Faults too big to commit, written into copies of valid-base."""
    faults = {
        "10 MB field": "summary: {en: " + "x" * 10_000_000 + "}",
        "1 MB field": "summary: {zh: " + "镓" * 1_000_000 + "}",
    }
    folders: dict[str, Path] = {}
    for name, replacement in faults.items():
        data = workdir / name.replace(" ", "-")
        shutil.copytree(BROKEN / "valid-base", data)
        path = data / M
        path.write_text(path.read_text(encoding="utf-8").replace(SUMMARY, replacement), encoding="utf-8")
        folders[name] = data
    return folders


def time_check(data: Path, reps: int, cwd: Path) -> float:
    env = dict(os.environ, PYTHONPATH=str(REPO), LANG="C.UTF-8")
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "gui.cli", "check", str(data)], capture_output=True, cwd=cwd, env=env, timeout=300
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def time_load(data: Path, reps: int) -> float:
    from catalogue.load import load_catalogue

    times = []
    for _ in range(reps):
        start = time.perf_counter()
        load_catalogue(data)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=3, help="runs per case (median reported)")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        cases = {p.name: p for p in sorted(BROKEN.iterdir()) if p.is_dir()}
        cases.update(made_faults(workdir))
        rows = []
        for name, data in cases.items():
            check_s = time_check(data, args.reps, workdir)
            load_s = time_load(data, args.reps)
            rows.append({"case": name, "check_s": check_s, "load_s": load_s, "over_budget": check_s > CHECK_BUDGET_S})
            flag = "  OVER BUDGET" if check_s > CHECK_BUDGET_S else ""
            print(f"{name:28} check {check_s * 1000:7.0f} ms   load in-process {load_s * 1000:7.1f} ms{flag}")
    worst = max(rows, key=lambda r: r["check_s"])
    print(f"slowest check: {worst['case']} {worst['check_s']:.2f} s (budget {CHECK_BUDGET_S:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 1 if any(r["over_budget"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
