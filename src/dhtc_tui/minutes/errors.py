"""The one error the minutes package raises (its message is for the chair)."""


class MinutesError(Exception):
    """Minutes, e-mail or invitation cannot be made or written; the message
    says why and names the file, template or style involved."""
