"""The `exportref` command line.

`main` (in entry.py) opens the window when there is no argument and otherwise runs a subcommand. Each
command group is one module with `register(subparsers)`: check, show, search (search and index),
changes (diff and timeline), sheet (the only one that needs Qt) and data (data packs). common.py holds
what they share; terminal.py keeps their output safe for a terminal.

The module with `main` is not itself called `main`: importing a submodule sets an attribute of that
name on this package, which would replace the function `gui.cli:main` (the console script) with it.
"""

from gui.cli.entry import main

__all__ = ["main"]
