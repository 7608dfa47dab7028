"""The sourcing engine: who said what in an article, sentence by sentence.

``analysis.analyse`` builds the map; the attribution rules (``lint.checks.attribution``) and
``copydesk sources`` read it.
"""
