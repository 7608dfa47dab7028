"""Build the word table into the package, so that copydesk's first run need not build it.

Everything else about the package is declared in ``pyproject.toml``. The table is built from
the libraries listed under ``[build-system] requires``, the same ones pip installs beside
copydesk; ``lint.shipped`` checks at run time that they match and otherwise builds the table
in the cache as it always could. A failed build leaves the package without a table.
"""

from __future__ import annotations

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
TABLE = Path("lint") / "data" / "words.sqlite"


class BuildWithWordTable(build_py):
    """``build_py`` that also writes ``lint/data/words.sqlite``."""

    def run(self) -> None:
        """Copy the package as usual, then build the table beside it."""
        super().run()
        # an editable install reads the package from the source tree, so the table goes there
        editable = getattr(self, "editable_mode", False)
        target = ROOT / TABLE if editable else Path(self.build_lib) / TABLE
        sys.path.insert(0, str(ROOT))
        try:
            from lint.shipped import build_shipped_table

            build_shipped_table(target)
        except Exception as exc:  # the package works without the table
            print(f"copydesk: the word table was not built ({exc}); it will be built on first use")
        finally:
            sys.path.remove(str(ROOT))


setup(cmdclass={"build_py": BuildWithWordTable})
