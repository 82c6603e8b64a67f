"""Entry point of the PyInstaller bundle: the same `main` as the `exportref` console script."""

import sys

from gui.cli import main

if __name__ == "__main__":
    sys.exit(main())
