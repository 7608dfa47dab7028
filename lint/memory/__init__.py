"""House memory: an index of the newsroom's archive, and checks of new copy against it.

``copydesk archive build`` reads articles (``extract``), writes what they hold into one SQLite
file (``store``), and ``lint.checks.archive`` asks it (``lookup``) how the archive spells a
name and what a quotation said. See docs/archive.md.
"""
