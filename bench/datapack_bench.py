"""Time data packs on the shipped data: make, verify, install, and what an active pack costs each start.

    python bench/datapack_bench.py [--reps N]

In-process times (median of N) for `make_pack` (validate, zip, check the written zip), `unpack_verified`,
`stage` + `commit`, and `default_data_dir()` with a pack active (the fingerprint check on every start);
then wall-clock times of the `exportref data …` commands in fresh processes. Everything happens in a
scratch folder: the user's own data packs and caches are not touched.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def timed(fn: Callable[[], object], reps: int) -> str:
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return f"median {statistics.median(times) * 1000:.0f} ms (min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="exportref-datapack-bench-"))
    os.environ["EXPORTREF_USER_DIR"] = str(scratch / "user")
    os.environ["EXPORTREF_CACHE_DIR"] = str(scratch / "cache")
    os.environ.pop("EXPORTREF_DATA_DIR", None)

    from catalogue.datapacks import store
    from catalogue.datapacks.make import make_pack
    from catalogue.datapacks.verify import unpack_verified
    from catalogue.load import default_data_dir, shipped_data_dir

    pack = scratch / "bench.zip"
    print("make_pack (validate, zip, check the zip):", timed(lambda: make_pack(shipped_data_dir(), pack), args.reps))
    print(f"  pack: {pack.stat().st_size:,} bytes")

    def verify() -> None:
        with tempfile.TemporaryDirectory(dir=scratch) as folder:
            unpack_verified(pack, Path(folder) / "p", {})

    print("unpack_verified:", timed(verify, args.reps))
    print("stage + commit:", timed(lambda: store.commit(store.stage(pack), confirmed=True), args.reps))
    print("default_data_dir(), pack active:", timed(default_data_dir, args.reps * 4))
    store.use("shipped")
    print("default_data_dir(), shipped:", timed(default_data_dir, args.reps * 4))

    exe = [sys.executable, "-m", "gui.cli"]
    for argv in (
        ["data", "pack", str(shipped_data_dir()), "-o", str(scratch / "cli.zip")],
        ["data", "verify", str(scratch / "cli.zip")],
        ["data", "install", "--yes", str(scratch / "cli.zip")],
        ["data", "use", "shipped"],
        ["--version"],
    ):
        print(
            f"exportref {' '.join(argv[:2])}:",
            timed(lambda a=argv: subprocess.run([*exe, *a], capture_output=True, check=True), args.reps),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
