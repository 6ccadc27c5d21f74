"""Shared measurement: which figures each metric owner owes, and by when.

``due`` holds the one cadence arithmetic (periods, due dates, late days);
``status`` turns it into the table of ``msc collect status``. The request
workbooks and their e-mails are a render (:mod:`msctool.render.requests`).
"""
