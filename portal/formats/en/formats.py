"""English pages of a Vietnamese portal: dates are still typed day first.

The English admin and forms accept exactly what the Vietnamese ones do, so an
editor switching language never has "01/11/2026" change meaning. Display formats
stay Django's English ones.
"""

from portal.formats.vi.formats import (  # noqa: F401
    DATE_INPUT_FORMATS,
    DATETIME_INPUT_FORMATS,
    TIME_INPUT_FORMATS,
)

SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
