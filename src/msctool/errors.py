"""One error base for everything msc reports to a user.

The command line maps each class to an exit code; library callers catch
:class:`MscError`.  A user mistake never shows a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence


class MscError(Exception):
    """A problem the user can fix; ``hint`` says how.

    ``field`` names the input the problem is about in the library's own terms:
    the name of the function parameter that carried it (``since``, ``sector``).
    The message never names a command-line flag; the command line puts its own
    flag for ``field`` in front of it (``--since: ...``).

    A hint may point at other inputs the same way: each name in ``options`` is
    written ``{name}`` in the hint (``"use {force} to replace it"``). A Python
    caller reads the parameter's name (``use `force` to replace it``); the
    command line reads its flag (``use --force to replace it``); ``{no_commit}``
    is the negative form of the switch ``commit``.
    """

    exit_code = 1

    def __init__(
        self,
        message: str,
        hint: str | None = None,
        field: str | None = None,
        options: Sequence[str] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.options = tuple(options)
        self._hint = hint
        self.hint = self.hint_naming(lambda name: None)

    def hint_naming(self, flag: Callable[[str], str | None]) -> str | None:
        """The hint with each option named by ``flag`` (or by its parameter name where
        ``flag`` knows none)."""
        hint = self._hint
        if hint is None:
            return None
        for name in self.options:
            hint = hint.replace("{" + name + "}", flag(name) or f"`{name}`")
        return hint


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
