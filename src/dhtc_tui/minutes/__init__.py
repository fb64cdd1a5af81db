"""Minutes: the wording (a plain document model, :mod:`.wording`), its .docx
rendering (python-docx on templates/minutes.docx), the circulation e-mail
draft (.eml) and the next meeting's invitation (.ics). Every text in them
comes out of the export gate (:mod:`dhtc_tui.domain.disclosure`).

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
    "circulate",
    "default_filename",
    "email_draft",
    "export",
    "invitation_draft",
    "minutes_layout",
    "render",
]

_LAZY = {
    "MinutesReport": "wording",
    "minutes_layout": "wording",
    "render": "document",
    "build_email": "circulation",
    "build_invitation": "circulation",
    "email_draft": "circulation",
    "invitation_draft": "circulation",
    "CirculationReport": "commands",
    "circulate": "commands",
    "default_filename": "commands",
    "export": "commands",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{module}"), name)
