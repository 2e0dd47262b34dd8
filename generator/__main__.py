"""``python -m generator``: the ``briefing`` command line, for a checkout that is not installed."""

import sys

from generator.cli import main

sys.exit(main())
