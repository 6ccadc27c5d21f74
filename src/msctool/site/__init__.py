"""The dashboard site: static, self-contained pages of a partnership (``msc render site``)."""

from __future__ import annotations

from msctool.site.build import DEFAULT_FOLDER, SiteResult, render_site
from msctool.site.marker import MARKER

__all__ = ["DEFAULT_FOLDER", "MARKER", "SiteResult", "render_site"]
