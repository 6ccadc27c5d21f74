"""The entry point of ``msc`` and ``python -m msctool``: the command line around a few guards."""

from __future__ import annotations

import gc
import sys


def main() -> None:
    """Entry point of ``msc`` and ``python -m msctool``.

    A command runs for a fraction of a second and creates mostly long-lived
    objects (modules, models, schemas), so cyclic garbage collection only
    costs time: it is off while the command runs, and everything alive is
    frozen before exit so interpreter shutdown does not walk it again. This
    saves about 30 ms of the ~200 ms ``msc check`` takes (see bench/).
    Long-running commands turn collection back on for themselves.

    Standard output is flushed here, so a full or closed one is one clear
    error (:mod:`msctool.cli.streams`), not noise at interpreter exit.
    """
    gc.disable()
    from msctool.cli import streams
    from msctool.cli.errors import report
    from msctool.errors import MscError

    streams.set_up()
    try:
        from msctool.cli.app import run

        run()
    except MscError as exc:  # outside a command (help text, --version on a closed stdout)
        report(exc)
        raise SystemExit(exc.exit_code) from None
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM before a command's handler ran
        sys.stderr.write("msc: interrupted\n")
        raise SystemExit(130) from None
    finally:
        gc.freeze()
        failed = streams.finish()
        if failed is not None:
            report(failed)
            raise SystemExit(failed.exit_code)
