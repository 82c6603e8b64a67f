"""CI runs pinned tools: every tool of the `test` and `dev` extras has one exact version in
.ci/constraints.txt, that version is one the extra accepts, and .ci/run installs with the file."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parent.parent


def tool_requirements() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    return [Requirement(line) for group in ("test", "dev") for line in extras[group]]


def pins() -> dict[str, str]:
    found: dict[str, str] = {}
    for line in (REPO / ".ci" / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        req = Requirement(line)
        [spec] = req.specifier  # one specifier, and it must be an exact version
        assert spec.operator == "==" and "*" not in spec.version, line
        name = canonicalize_name(req.name)
        assert name not in found, f"{name} is pinned twice"
        found[name] = spec.version
    return found


def test_every_tool_is_pinned_to_a_version_its_extra_accepts() -> None:
    pinned = pins()
    for req in tool_requirements():
        name = canonicalize_name(req.name)
        assert name in pinned, f"{req.name} is not pinned in .ci/constraints.txt"
        assert req.specifier.contains(pinned[name]), f"{req.name}=={pinned[name]} is outside {req}"


def test_ci_installs_with_the_constraints_and_checks_the_format() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r'^export PIP_CONSTRAINT="\$PWD/\.ci/constraints\.txt"$', ci, re.M)
    assert re.search(r"^export CI=true$", ci, re.M)  # a missing tool then fails a test instead of skipping it
    assert re.search(r"/ruff format --check catalogue gui tests bench$", ci, re.M)
    assert "desktop-file-utils" in ci and "poppler-utils" in ci
