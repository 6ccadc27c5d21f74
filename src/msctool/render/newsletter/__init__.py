"""The newsletter, the partnership's drumbeat: what changed since the last issue.

Three steps, each a function, so Python code can stop at any of them:

1. :func:`.window.window_for`: the days the issue covers.
2. :func:`.changes.find_changes`: what happened in them, as data; :mod:`.scoring`
   says what makes news and how big.
3. :func:`.compose.compose`: the issue in words (:mod:`.words`, :mod:`.historywords`),
   a two-minute read.

:mod:`.issue` runs the three (:func:`.issue.build_newsletter`, with git history
when it reaches the window) and renders the issue as Markdown, HTML, plain text or
an e-mail (:mod:`.email`).
"""
