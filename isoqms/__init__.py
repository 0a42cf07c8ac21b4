"""isoqms — ISO 9001 document control and the one-stop counter of a Vietnamese commune.

The headless core lives in :mod:`isoqms.domain`, :mod:`isoqms.db`, :mod:`isoqms.services`,
:mod:`isoqms.render` and :mod:`isoqms.cli`; the Qt shell in :mod:`isoqms.ui`.
"""

__version__ = "0.1.0"
APP_NAME = "isoqms"
