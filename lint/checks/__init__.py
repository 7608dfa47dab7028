"""Check functions, one module per rule kind; the registry lives in ``lint.registry``."""
