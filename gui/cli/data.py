"""`exportref data …`: data packs from the command line.

    exportref data pack DIR -o FILE.zip [--publisher TEXT] [--changelog FILE] [--since TEXT] [--name NAME]
                                        [--sign KEYFILE]
    exportref data verify FILE.zip
    exportref data install FILE.zip [--yes]
    exportref data list
    exportref data use NAME|shipped
    exportref data keygen -o KEYFILE
    exportref data trust PUBKEY_FILE_OR_HEX --name TEXT

Exit status 0 when the command did what it says, 1 when a pack or a key was refused (with the
reason), 2 for a usage error. The work is done in catalogue.datapacks; this module parses and prints.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from catalogue.datapacks import DataProblems, PackError
from catalogue.datapacks.manifest import SHIPPED


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "data",
        help="data packs: newer or firm-made data, verified before use",
        description="Make, check, install and switch data packs (docs/data-packs.md).",
    )
    data = p.add_subparsers(dest="data_command", metavar="ACTION", required=True)

    q = data.add_parser("pack", help="pack a data folder into one verified file (refuses data that fails `check`)")
    q.add_argument("dir", type=Path, help="the data folder (dataset.yaml, sources*.yaml, topics.yaml, instruments/)")
    q.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.zip", help="the pack to write")
    q.add_argument("--publisher", help="who made it, as lawyers should see it (default: your login name)")
    q.add_argument("--changelog", type=Path, metavar="FILE", help="a UTF-8 text file: what changed")
    q.add_argument("--since", metavar="TEXT", help="the earlier pack the changelog counts from (e.g. shipped)")
    q.add_argument("--name", help="the pack's name (default: the output file's name without .zip)")
    q.add_argument("--sign", type=Path, metavar="KEYFILE", help="sign with this private key (`data keygen`)")
    q.set_defaults(func=cmd_pack)

    q = data.add_parser("verify", help="check a pack: every hash, the manifest, the signature and the data")
    q.add_argument("file", type=Path, metavar="FILE.zip")
    q.set_defaults(func=cmd_verify)

    q = data.add_parser("install", help="verify a pack, install it and make it the active data")
    q.add_argument("file", type=Path, metavar="FILE.zip")
    q.add_argument("--yes", action="store_true", help="install an unsigned or unknown-key pack without asking")
    q.set_defaults(func=cmd_install)

    q = data.add_parser("list", help="the shipped data and the installed packs; which is active")
    q.set_defaults(func=cmd_list)

    q = data.add_parser("use", help="make a pack (by name) or the shipped data the active data")
    q.add_argument("name", metavar="NAME|shipped")
    q.set_defaults(func=cmd_use)

    q = data.add_parser("keygen", help="make a publisher key pair for signing packs")
    q.add_argument(
        "-o", "--output", type=Path, required=True, metavar="KEYFILE", help="private key (public: KEYFILE.pub)"
    )
    q.set_defaults(func=cmd_keygen)

    q = data.add_parser("trust", help="trust a publisher's public key, so its packs install without asking")
    q.add_argument("key", metavar="PUBKEY_FILE_OR_HEX", help="the publisher's KEYFILE.pub, or its 64 hex digits")
    q.add_argument("--name", required=True, help="the publisher's name, shown beside its packs")
    q.set_defaults(func=cmd_trust)


def _refused(what: str, exc: PackError) -> int:
    if isinstance(exc, DataProblems):
        for problem in exc.problems:
            print(problem.format())
    print(f"exportref: {what}: {exc.message}", file=sys.stderr)
    return 1


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n / 1000:.0f} KB"


def cmd_pack(args: argparse.Namespace) -> int:
    from catalogue.datapacks.make import make_pack

    changelog = ""
    if args.changelog is not None:
        try:
            changelog = args.changelog.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"exportref: cannot read the changelog {args.changelog}: {exc}", file=sys.stderr)
            return 1
    try:
        made = make_pack(
            args.dir,
            args.output,
            name=args.name,
            publisher=args.publisher,
            changelog=changelog,
            since=args.since,
            key_file=args.sign,
        )
    except PackError as exc:
        return _refused(f"{args.dir} not packed", exc)
    m = made.manifest
    print(f"wrote {made.path}")
    print(f"  pack {m.name}: {len(m.files)} files ({_size(m.total_size)}), made {m.created} by {m.publisher}")
    print(f"  data verified to {m.verified_to}; fingerprint {m.fingerprint}")
    print(f"  {'signed with key ' + made.signed_by if made.signed_by else 'not signed'}")
    return 0


def _describe(verified: object) -> list[str]:
    from catalogue.datapacks.verify import Verified

    assert isinstance(verified, Verified)
    m = verified.manifest
    lines = [
        f"  pack {m.name} (format {m.format}), made {m.created} by {m.publisher} with {m.tool}",
        f"  data verified to {m.verified_to}; fingerprint {m.fingerprint}; "
        f"{verified.files} files ({_size(m.total_size)}), every SHA-256 matches",
        f"  signature: {verified.trust_words()}",
    ]
    since = f" since {m.changelog.since}" if m.changelog.since else ""
    if m.changelog.text.strip():
        lines.append(f"  changes{since}:")
        lines += [f"    {line}" for line in m.changelog.text.strip().splitlines()]
    else:
        lines.append(f"  changes{since}: (no changelog)")
    return lines


def cmd_verify(args: argparse.Namespace) -> int:
    import tempfile

    from catalogue.datapacks.signing import trusted_keys
    from catalogue.datapacks.store import datapacks_dir
    from catalogue.datapacks.verify import unpack_verified

    with tempfile.TemporaryDirectory(prefix="exportref-verify-") as scratch:
        try:
            verified = unpack_verified(args.file, Path(scratch) / "pack", trusted_keys(datapacks_dir()))
        except PackError as exc:
            return _refused(f"{args.file}: refused", exc)
        print(f"OK: {args.file}")
        for line in _describe(verified):
            print(line)
    return 0


def _confirm(question: str) -> bool:
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def cmd_install(args: argparse.Namespace) -> int:
    from catalogue.datapacks import store

    try:
        staged = store.stage(args.file)
    except PackError as exc:
        return _refused(f"{args.file}: refused; the active data is unchanged", exc)
    with staged:
        print(f"verified: {args.file}")
        for line in _describe(staged.verified):
            print(line)
        confirmed = False
        if staged.needs_confirmation:
            words = staged.verified.trust_words()
            if args.yes:
                confirmed = True
                print(f"installing although the pack is {words} (--yes)")
            elif sys.stdin.isatty():
                confirmed = _confirm(f"The pack is {words}. Install it and make it the active data?")
                if not confirmed:
                    print("not installed; the active data is unchanged", file=sys.stderr)
                    return 1
            else:
                print(
                    f"exportref: {args.file}: the pack is {words}, and there is no terminal to ask you. "
                    "Run again with --yes to install it anyway, or trust the publisher's key first "
                    "(`exportref data trust KEY --name NAME`). The active data is unchanged.",
                    file=sys.stderr,
                )
                return 1
        try:
            installed = store.commit(staged, confirmed=confirmed)
        except (PackError, OSError) as exc:
            message = exc.message if isinstance(exc, PackError) else str(exc)
            print(f"exportref: {args.file}: not installed ({message}); the active data is unchanged", file=sys.stderr)
            return 1
    print(f"installed and active: {installed.label}")
    _print_orphans(installed.data_dir)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    import os

    from catalogue.datapacks import store
    from catalogue.datapacks.signing import key_id, trusted_keys

    active = store.resolve_active()
    rows = [store.shipped_data_set(), *store.installed_packs(check_data=True)]
    table = [("", "NAME", "VERIFIED TO", "FINGERPRINT", "PUBLISHER", "SIGNATURE")]
    names = [ds.name for ds in rows]
    for ds in rows:
        # Two packs of one name only after an interrupted install: then the folder name tells them apart.
        name = ds.ident if names.count(ds.name) > 1 else ds.name
        mark = "*" if ds.ident == active.ident else ""
        verified = ds.verified_to.isoformat() if ds.verified_to else "?"
        signature = ds.signature_words if not ds.problem else f"UNUSABLE: {ds.problem}"
        table.append((mark, name, verified, ds.fingerprint, ds.publisher, signature))
    widths = [max(len(row[i]) for row in table) for i in range(5)]
    for row in table:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:5])) + "  " + row[5])
    print("(* = active)")
    if active.warning:
        print(f"warning: {active.warning}")
    if os.environ.get("EXPORTREF_DATA_DIR"):
        print(f"note: EXPORTREF_DATA_DIR is set, so ExportRef uses {os.environ['EXPORTREF_DATA_DIR']} instead")
    keys = trusted_keys(store.datapacks_dir())
    if keys:
        print("trusted publisher keys:")
        for key in keys.values():
            print(f"  {key_id(key.public_key)}  {key.name}  (added {key.added})")
    return 0


def cmd_use(args: argparse.Namespace) -> int:
    import os

    from catalogue.datapacks import store

    try:
        chosen = store.use(args.name)
    except PackError as exc:
        return _refused(f"cannot use {args.name!r}; the active data is unchanged", exc)
    except OSError as exc:
        print(f"exportref: cannot record the active data: {exc}", file=sys.stderr)
        return 1
    print(f"active data: {chosen.label}")
    print(f"  verified to {chosen.verified_to}; fingerprint {chosen.fingerprint}")
    if os.environ.get("EXPORTREF_DATA_DIR"):
        print("note: EXPORTREF_DATA_DIR is set and wins until it is unset")
    _print_orphans(chosen.data_dir)
    return 0


def _print_orphans(data_dir: Path) -> None:
    from catalogue.datapacks.orphans import find_orphans
    from catalogue.load import load_cached
    from catalogue.userdata import UserData, UserDataError

    try:
        userdata = UserData()
    except (UserDataError, OSError) as exc:
        print(f"note: your notes and bookmarks could not be read to compare ({exc})", file=sys.stderr)
        return
    orphans = find_orphans(load_cached(data_dir).catalogue, userdata)
    if orphans:
        print(f"note: {orphans.summary()}")


def cmd_keygen(args: argparse.Namespace) -> int:
    from catalogue.datapacks.signing import generate_key, public_key_path

    try:
        public = generate_key(args.output)
    except PackError as exc:
        return _refused("no key made", exc)
    except OSError as exc:
        print(f"exportref: cannot write {args.output}: {exc}", file=sys.stderr)
        return 1
    print(f"private key: {args.output} (keep it secret; only you can read it)")
    print(f"public key:  {public_key_path(args.output)}")
    print(f"  {public}")
    print("Give the public key to your lawyers: exportref data trust FILE.pub --name 'YOUR FIRM'")
    return 0


def cmd_trust(args: argparse.Namespace) -> int:
    from catalogue.datapacks.signing import parse_public_key, trust_key
    from catalogue.datapacks.store import datapacks_dir

    text = args.key
    candidate = Path(args.key)
    if candidate.is_file():
        try:
            text = candidate.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"exportref: cannot read {candidate}: {exc}", file=sys.stderr)
            return 1
    try:
        key = trust_key(datapacks_dir(), parse_public_key(text), args.name)
    except PackError as exc:
        return _refused("key not trusted", exc)
    except OSError as exc:
        print(f"exportref: cannot record the key: {exc}", file=sys.stderr)
        return 1
    print(f"trusted: {key.public_key} as “{key.name}”")
    return 0


def version_lines(data_dir: Path) -> list[str]:
    """The data set in `data_dir` for `exportref --version`: its name and, for a pack, who published it."""
    from catalogue.datapacks.store import describe_data_dir

    data_set = describe_data_dir(data_dir)
    if data_set.kind == "shipped":
        return [f"data set: {SHIPPED} (the data installed with ExportRef)"]
    if data_set.kind == "folder":
        return [f"data set: the folder {data_set.data_dir} (not a pack)"]
    return [
        f"data set: {data_set.name} (data pack)",
        f"data publisher: {data_set.publisher}; {data_set.signature_words}",
    ]
