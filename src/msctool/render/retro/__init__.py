"""Retrospective agendas with the facts already in them.

``msc retro new`` writes ``retros/YYYY-MM-DD-KIND.md``: an after-action
review, a premortem or an appreciative inquiry, each with timed blocks
(:mod:`.agenda`), facilitator notes, the facts since the last retrospective
(:mod:`.facts`) and the action items it carries forward (:mod:`msctool.load.actionitems`).
:mod:`.plan` renders the agenda and its invite; :mod:`.write` writes them, never
over an existing file.
"""
