"""Minutes: the .docx (python-docx on templates/minutes.docx), the circulation
e-mail draft (.eml) and the next meeting's invitation (.ics).

python-docx and icalendar are imported only when these are used, so the app
starts without them.
"""

from .errors import MinutesError

__all__ = [
    "CirculationReport",
    "MinutesError",
    "MinutesReport",
    "build_email",
    "build_invitation",
    "build_minutes",
    "circulate",
    "default_filename",
    "export",
    "export_minutes",
    "select_meeting",
]

_LAZY = {
    "MinutesReport": "document",
    "build_minutes": "document",
    "export_minutes": "document",
    "build_email": "circulation",
    "build_invitation": "circulation",
    "CirculationReport": "commands",
    "circulate": "commands",
    "default_filename": "commands",
    "export": "commands",
    "select_meeting": "commands",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{module}"), name)
