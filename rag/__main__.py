"""`python -m rag`: the program entry, forwarding to the CLI in `ui.cli`.

The one module of `rag` that imports a higher layer (tests/test_layers.py allows exactly this file):
it is never imported by the library, only run.
"""

import sys

from ui.cli import main

sys.exit(main())
