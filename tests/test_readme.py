"""The README's quick start must stay what CI actually runs."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def quick_start_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [m.group(1) for m in re.finditer(r"^    (python3 .+)$", section, re.M)]


def test_quick_start_has_exactly_two_commands() -> None:
    cmds = quick_start_commands()
    assert len(cmds) == 2
    assert cmds[0].endswith("exportref")
    assert "pytest" in cmds[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    test_cmd = quick_start_commands()[1]
    # CI adds -q to pip and pipes pytest through tee; the command itself must be the same.
    assert test_cmd.replace("pip install -e", "pip install -q -e") in ci


def test_readme_states_disclaimer() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "not legal advice" in readme
    assert "official Chinese text prevails" in readme
