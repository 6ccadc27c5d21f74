"""One error base for everything msc reports to a user.

The command line maps each class to an exit code; library callers catch
:class:`MscError`.  A user mistake never shows a traceback.
"""

from __future__ import annotations


class MscError(Exception):
    """A problem the user can fix; ``hint`` says how.

    ``field`` names the input the problem is about in the library's own terms:
    the name of the function parameter that carried it (``since``, ``sector``).
    The message never names a command-line flag; the command line puts its own
    flag for ``field`` in front of it (``--since: ...``).
    """

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.field = field


class UserError(MscError):
    """Wrong input or state: exit code 1."""


class UsageError(MscError):
    """Wrong command-line use: exit code 2."""

    exit_code = 2


class MscIOError(MscError):
    """A file or folder could not be read or written: exit code 2."""

    exit_code = 2


class NotAPartnershipError(UsageError):
    """No ``partnership.yaml`` in the folder or any parent."""
