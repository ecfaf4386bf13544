"""Allow `python -m groundwork.democracy.counting`."""

import sys

from .cli import main

sys.exit(main())
