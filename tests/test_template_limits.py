"""A partnership's template cannot exhaust a computer's memory or time.

Each hostile template is rendered by a real ``msc`` process under a memory limit
and a timeout, so a guard that fails ends the test (a MemoryError or a kill)
instead of the machine; the render must end in the one-line error naming the
template's file and line.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import AS_OF, REPO, MakeP

MEMORY_LIMIT = 1536 * 2**20
"""Address space for the process: msc needs a fraction; a failed guard needs far more."""
HANG_GUARD = 120
"""Seconds before a render that should have stopped itself is killed."""

NS = '{% set ns = namespace(s="xy", l=["xy"]) %}'
GROWING = {
    "repeat-text": '{{ ("x" * 10**9)|length }}',
    "repeat-list": "{{ ([0] * 10**9)|length }}",
    "repeat-nested-list": "{{ ([[0] * 1000] * 100000)|length }}",
    "power": "{{ (7 ** 1000000000) % 10 }}",
    "double-by-tilde": NS + "{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "double-by-plus": NS + "{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
    "double-list": NS + "{% for i in range(40) %}{% set ns.l = ns.l + ns.l %}{% endfor %}",
    "nest-and-write": NS + "{% for i in range(60) %}{% set ns.l = [ns.l, ns.l] %}{% endfor %}"
    "{{ ns.l }}",
    "nest-and-stringify": NS + "{% for i in range(60) %}{% set ns.l = [ns.l, ns.l] %}"
    "{% endfor %}{{ ns.l|string|length }}",
    "nest-and-tilde": NS + "{% for i in range(60) %}{% set ns.l = [ns.l, ns.l] %}"
    "{% endfor %}{{ (ns.l ~ '')|length }}",
    "nest-and-percent": NS + "{% for i in range(60) %}{% set ns.l = [ns.l, ns.l] %}"
    "{% endfor %}{{ ('%s' % (ns.l,))|length }}",
    "pad-method": '{{ "x".ljust(10**9)|length }}',
    "zfill-method": '{{ "1".zfill(10**9)|length }}',
    "pad-filter": '{{ "x"|center(10**9)|length }}',
    "indent-filter": '{{ "a\\nb"|indent(10**9)|length }}',
    "batch-filter": "{{ [1]|batch(10**9, 0)|list|length }}",
    "replace-filter": '{{ ("x" * 900000)|replace("x", "yyyy")|length }}',
    "replace-method": '{{ ("x" * 900000).replace("x", "yyyy")|length }}',
    "percent-width": '{{ ("%999999999d" % 1)|length }}',
    "format-filter-width": '{{ "%999999999d"|format(1)|length }}',
}


def _render(
    root: Path, *, seconds: float | None = None, steps: int | None = None
) -> subprocess.CompletedProcess[str]:
    """``msc render newsletter`` of ``root`` in its own process, bounded by
    :data:`MEMORY_LIMIT` and :data:`HANG_GUARD`; ``seconds`` and ``steps``: msc's
    limits of a render's time and loop rounds, when not its own."""
    setup = "import msctool.render.templatelimits as limits\n"
    if seconds is not None:
        setup += f"limits.RENDER_SECONDS = {seconds}\n"
    if steps is not None:
        setup += f"limits.MAX_STEPS = {steps}\n"
    setup += "import runpy; runpy.run_module('msctool', run_name='__main__')\n"
    args = ["render", "newsletter", "-C", str(root), "--format", "md", "-o", "-"]
    return subprocess.run(
        [sys.executable, "-c", setup, *args, "--as-of", AS_OF.isoformat()],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        preexec_fn=_limit_memory,
        check=False,
        cwd=root,
    )


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _with_template(make_partnership: MakeP, template: str) -> Path:
    root = make_partnership()
    own = root / "templates" / "newsletter.md.j2"
    own.parent.mkdir()
    own.write_text("# Letter\n\n" + template + "\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("template", GROWING.values(), ids=GROWING.keys())
def test_a_template_cannot_make_a_huge_value(make_partnership: MakeP, template: str) -> None:
    result = _render(_with_template(make_partnership, template))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith("msc: error: templates/newsletter.md.j2:3: template makes a value ")
    assert "larger than" in first


ENDLESS = {
    "nested-ranges": "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}"
    "{% endfor %}",
    "nested-lists": "{% set l = [0] * 99999 %}{% for i in l %}{% for j in l %}{% endfor %}"
    "{% endfor %}",
}


@pytest.mark.parametrize("template", ENDLESS.values(), ids=ENDLESS.keys())
def test_a_template_that_never_ends_is_stopped(make_partnership: MakeP, template: str) -> None:
    result = _render(_with_template(make_partnership, template), seconds=1, steps=10**15)
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines()[0] == (
        "msc: error: templates/newsletter.md.j2:3: template took longer than 1 s"
    )


LOOPING = {
    "nested-ranges": "{% for i in range(100) %}{% for j in range(100) %}{% endfor %}{% endfor %}",
    "literal-text-in-a-macro": "{% macro m() %}{% for i in range(100) %}{% for j in range(100) %}"
    "TEXT{% endfor %}{% endfor %}{% endmacro %}{{ m()|length }}",
    "a-data-list": "{% for i in range(100) %}{% for p in p.partners * 100 %}{% endfor %}"
    "{% endfor %}",
    "a-recursive-loop": "{% for x in [[1] * 99] * 99 recursive %}{{ loop(x) if x is sequence }}"
    "{% endfor %}",
}


@pytest.mark.parametrize("template", LOOPING.values(), ids=LOOPING.keys())
def test_a_render_loops_a_bounded_number_of_times(make_partnership: MakeP, template: str) -> None:
    """Loop rounds are counted: a round can add text without making a value."""
    result = _render(_with_template(make_partnership, template), steps=5000)
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines()[0] == (
        "msc: error: templates/newsletter.md.j2:3: template loops more than 5,000 times"
    )


def test_a_render_writing_too_much_is_stopped(make_partnership: MakeP) -> None:
    chunk = "{% set s = 'x' * 1000000 %}"
    template = chunk + "{% for i in range(100000) %}{{ s }}{% endfor %}"
    result = _render(_with_template(make_partnership, template))
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines()[0] == (
        "msc: error: templates/newsletter.md.j2: template writes more than 50,000,000 characters"
    )


def test_the_time_limit_holds_in_a_background_thread(make_partnership: MakeP) -> None:
    """``msc serve`` rebuilds the site in a thread of its own."""
    root = _with_template(make_partnership, ENDLESS["nested-ranges"])
    code = (
        "import threading, msctool.render.templatelimits as limits\n"
        "from datetime import date\n"
        "from msctool.render import setup as rendering\n"
        "from msctool.errors import UserError\n"
        "limits.RENDER_SECONDS = 1\n"
        "limits.MAX_STEPS = 10**15\n"
        "said = []\n"
        "def run():\n"
        "    try:\n"
        f"        setup = rendering.prepare({str(root)!r}, as_of=date.fromisoformat({AS_OF.isoformat()!r}))\n"
        "        setup.render('newsletter.md.j2', letter=None)\n"
        "    except UserError as exc:\n"
        "        said.append(exc.message)\n"
        "t = threading.Thread(target=run); t.start(); t.join()\n"
        "print(said[0])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        preexec_fn=_limit_memory,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("template took longer than 1 s")


def test_ordinary_arithmetic_and_text_stay_allowed(make_partnership: MakeP) -> None:
    template = (
        '{{ "ab" * 3 }} {{ 2 ** 10 }} {{ [1, 2] + [3] }} {{ "%05d" % 42 }} '
        '{{ "x".ljust(3) ~ "|" }} {{ "a-b"|replace("-", "+") }} {{ 10 ** 100 > 0 }}'
    )
    result = _render(_with_template(make_partnership, template))
    assert result.returncode == 0, result.stderr
    assert "ababab 1024 \\[1, 2, 3\\] 00042 x \\| a+b True" in result.stdout
