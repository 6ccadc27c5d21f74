"""msc — a partnership as code.

The package is importable and does everything the command line does::

    from msctool import load_partnership, run_check

    result = load_partnership("examples/partnership-demo")
    report = run_check("examples/partnership-demo")

Heavy modules are imported lazily so that ``msc --version`` stays instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from msctool.load.loader import load_partnership
    from msctool.rules.check import run_check

__all__ = ["__version__", "load_partnership", "run_check"]


def __getattr__(name: str) -> Any:
    if name == "load_partnership":
        from msctool.load.loader import load_partnership

        return load_partnership
    if name == "run_check":
        from msctool.rules.check import run_check

        return run_check
    raise AttributeError(name)
