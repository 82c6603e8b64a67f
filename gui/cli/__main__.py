"""`python -m gui.cli`: the same as the `exportref` command."""

import sys

from gui.cli.entry import main

sys.exit(main())
