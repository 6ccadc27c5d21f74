"""Templates: overrides by name, sandboxing, escaping, errors that name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import AS_OF, MakeP, msc
from msctool.errors import UserError
from msctool.render.setup import prepare


def own_template(root: Path, name: str, text: str) -> None:
    path = root / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_partnership_template_overrides_the_built_in_one(make_partnership: MakeP) -> None:
    root = make_partnership()
    own_template(
        root, "base.html.j2", "<p>{{ identity.name }} {% block content %}{% endblock %}</p>"
    )
    setup = prepare(root, as_of=AS_OF)
    assert (
        setup.env.get_template("base.html.j2").render(identity=setup.identity)
        == "<p>Youth Works </p>"
    )


@pytest.mark.parametrize(
    "expression",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ identity.__class__.__init__.__globals__ }}",
        "{{ fmt.t.__func__.__globals__['MESSAGES'] }}",
        "{{ p.partners.append(1) }}",
        "{{ cycler.__init__.__globals__.os.system('touch pwned') }}",
    ],
)
def test_templates_cannot_reach_python_internals(
    make_partnership: MakeP, expression: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    root = make_partnership()
    own_template(root, "evil.md.j2", expression + "\n")
    setup = prepare(root, as_of=AS_OF)
    with pytest.raises(UserError) as caught:
        setup.render("evil.md.j2")
    assert "evil.md.j2:1: template error" in caught.value.message
    assert not (tmp_path / "pwned").exists()


def test_html_and_markdown_templates_escape_data(make_partnership: MakeP) -> None:
    root = make_partnership()
    own_template(root, "x.html.j2", "<p>{{ value }}</p>\n")
    own_template(root, "x.md.j2", "{{ value }}\n")
    own_template(root, "x.txt.j2", "{{ value }}\n")
    setup = prepare(root, as_of=AS_OF)
    assert setup.render("x.html.j2", value="<script>&") == "<p>&lt;script&gt;&amp;</p>\n"
    assert setup.render("x.md.j2", value="<b>") == "\\<b>\n"
    assert setup.render("x.txt.j2", value="<b>") == "<b>\n"


def test_a_syntax_error_names_the_template_file_and_line(make_partnership: MakeP) -> None:
    root = make_partnership()
    own_template(root, "broken.md.j2", "line one\n{% if %}\n")
    with pytest.raises(UserError) as caught:
        prepare(root, as_of=AS_OF).render("broken.md.j2")
    assert caught.value.message.endswith(
        "broken.md.j2:2: template syntax error: Expected an expression, got 'end of statement block'"
    )
    assert caught.value.hint is not None and "delete your copy" in caught.value.hint


def test_an_undefined_name_names_the_template_line(make_partnership: MakeP) -> None:
    root = make_partnership()
    own_template(root, "typo.md.j2", "ok\n{{ identity.nmae }}\n")
    with pytest.raises(UserError) as caught:
        prepare(root, as_of=AS_OF).render("typo.md.j2")
    assert "typo.md.j2:2: template error:" in caught.value.message
    assert "nmae" in caught.value.message


def test_formatting_filters_speak_the_language(make_partnership: MakeP) -> None:
    root = make_partnership()
    own_template(
        root,
        "f.md.j2",
        "{{ as_of|date }} · {{ 12500|money }} · {{ 0.25|percent }} · {{ -0.8|signed }}\n",
    )
    assert prepare(root, language="nl", as_of=AS_OF).render("f.md.j2") == (
        "27 november 2026 · € 12.500 · 25 % · −0,8\n"
    )
    assert prepare(root, language="en", as_of=AS_OF).render("f.md.j2") == (
        "27 November 2026 · €12,500 · 25% · −0.8\n"
    )


def test_templates_list_and_eject(make_partnership: MakeP) -> None:
    root = make_partnership()
    listed = msc("templates", "list", "-C", str(root))
    assert listed.exit_code == 0
    assert "base.html.j2" in listed.stdout and "built-in" in listed.stdout
    ejected = msc("templates", "eject", "base.html.j2", "-C", str(root))
    assert ejected.exit_code == 0
    assert ejected.stdout == "wrote templates/base.html.j2; msc now uses your copy\n"
    copy = root / "templates" / "base.html.j2"
    copy.write_text("mine\n")
    again = msc("templates", "eject", "base.html.j2", "-C", str(root))
    assert again.exit_code == 1
    assert copy.read_text() == "mine\n"
    assert "overridden" in msc("templates", "list", "-C", str(root)).stdout
    unknown = msc("templates", "eject", "bas.html.j2", "-C", str(root))
    assert unknown.exit_code == 2
    assert "did you mean `base.html.j2`?" in unknown.stderr


def test_an_unknown_language_is_a_usage_error(make_partnership: MakeP) -> None:
    from msctool.errors import UsageError

    with pytest.raises(UsageError, match="`fr` is not a supported language"):
        prepare(make_partnership(), language="fr", as_of=AS_OF)


def test_a_missing_logo_is_a_note_not_a_crash(make_partnership: MakeP) -> None:
    def edit(files: dict[str, object]) -> None:
        files["partnership.yaml"]["logo"] = "assets/logo.svg"  # type: ignore[index]
        files["assets/logo.svg"] = "<svg xmlns='http://www.w3.org/2000/svg'/>"

    root = make_partnership(edit)
    assert prepare(root, as_of=AS_OF).identity.logo_data_uri is not None
    (root / "assets" / "logo.svg").unlink()
    setup = prepare(
        root, as_of=AS_OF
    )  # a missing logo is a warning (MSC303): renders go on without it
    assert setup.identity.logo_data_uri is None
    assert setup.notes == [
        "logo `assets/logo.svg` does not exist; rendered without it (fix `logo:` in partnership.yaml)"
    ]
