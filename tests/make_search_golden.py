"""Write tests/fixtures/search_golden.json: the engine's answers to tests/search_golden.py's table.

    python tests/make_search_golden.py

Run it only from a commit whose search answers are known to be right (the recorded file was made
from the engine as it was before the search was made faster, and the speed work was checked
against it). Regenerating it from the engine under test would record whatever that engine says,
and tests/test_search_golden.py would then prove nothing.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]  # this checkout's engine, whatever is installed

from search_golden import GOLDEN, QUERIES, SIZES, answer, dumps, golden_catalogue  # noqa: E402

from catalogue.search.engine import SearchEngine  # noqa: E402


def main() -> int:
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], capture_output=True, text=True, check=False
    ).stdout.strip()
    recorded: dict[str, object] = {"made_by": "tests/make_search_golden.py", "engine_commit": commit, "sizes": {}}
    with tempfile.TemporaryDirectory() as cache:
        for n in SIZES:
            started = time.perf_counter()
            with SearchEngine(golden_catalogue(n), Path(cache) / str(n)) as engine:
                stats = engine.ensure_index()
                answers = [{"query": spec, **answer(engine, spec)} for spec in QUERIES]
            recorded["sizes"][str(n)] = {"documents": stats.documents, "answers": answers}  # type: ignore[index]
            print(f"{n} entries, {stats.documents} documents: {time.perf_counter() - started:.1f} s", flush=True)
    GOLDEN.write_text(dumps(recorded), encoding="utf-8")
    print(f"{len(QUERIES)} queries written to {GOLDEN} by {sys.modules[SearchEngine.__module__].__file__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
