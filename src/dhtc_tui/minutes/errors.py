"""The one error the minutes package raises (its message is for the chair)."""


class MinutesError(Exception):
    """Minutes, e-mail or invitation cannot be made or written; the message
    says why and names the file, template or style involved."""

    #: The command line's exit code: 1, a data problem.
    exit_code = 1


class UsageError(MinutesError):
    """A wrong file name or folder on the command line: exit 2."""

    exit_code = 2
