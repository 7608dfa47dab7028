"""Entry point for ``python -m lint``."""

import sys

from lint.cli import main

sys.exit(main())
