"""Vietnamese input formats: day first, everywhere.

Django's own ``vi`` locale defines no ``*_INPUT_FORMATS``, so without this module
Django falls back to its US list and reads "01/11/2026" as 11 January. The first
entry is also the format the admin's date widgets and "Hôm nay" shortcut write.
ISO (``2026-11-01``) stays accepted for ``<input type="date">`` and machine input.
Two-digit years are not accepted: "01/11/26" is ambiguous and gets the error message.
"""

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 01/11/2026
    "%d-%m-%Y",  # 01-11-2026
    "%d.%m.%Y",  # 01.11.2026
    "%Y-%m-%d",  # 2026-11-01 (ISO, <input type="date">)
]
TIME_INPUT_FORMATS = [
    "%H:%M",  # 14:30
    "%H:%M:%S",  # 14:30:59
    "%H:%M:%S.%f",
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",  # 01/11/2026 14:30
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y",
    "%Y-%m-%d %H:%M:%S",  # ISO
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",  # <input type="datetime-local">
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d",
]
