"""Settings: the packaged defaults, the user's file merged over them in memory, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from sccshell.config import (
    ConfigError,
    config_dir,
    data_dir,
    default_text,
    defaults,
    load_config,
    merge_text,
)


def _environ(tmp_path: Path) -> dict[str, str]:
    return {"SCCSHELL_CONFIG_DIR": str(tmp_path / "cfg")}


def test_the_packaged_file_is_commented_and_complete() -> None:
    text = default_text()
    assert sum(line.lstrip().startswith("#") for line in text.splitlines()) > 30
    values = defaults()
    assert values["edit_mode"] == "emacs"
    assert values["history"]["filter_secrets"] is True
    assert set(values) >= {"edit_mode", "tab_cycling", "history", "colors", "pager", "completion"}


def test_first_run_copies_the_defaults_and_later_runs_never_rewrite(tmp_path: Path) -> None:
    environ = _environ(tmp_path)
    config = load_config(environ)
    path = tmp_path / "cfg" / "config.yaml"
    assert path.read_text() == default_text()
    assert config.file == path and config.problems == ()
    path.write_text("# mine\nedit_mode: vi\nhistory:\n  size: 50\n")
    before = path.stat().st_mtime_ns
    config = load_config(environ)
    assert config.get("edit_mode") == "vi"
    assert config.get("history.size") == 50
    assert config.get("history.filter_secrets") is True  # untouched keys keep the default
    assert path.read_text().startswith("# mine") and path.stat().st_mtime_ns == before


def test_a_bad_file_is_reported_with_line_and_column_and_defaults_are_used(
    tmp_path: Path,
) -> None:
    environ = _environ(tmp_path)
    path = tmp_path / "cfg" / "config.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(
        "edit_mod: vi\n"
        "history:\n"
        "  size: -3\n"
        "  secret_patterns:\n"
        "    - '(unclosed'\n"
        "colors:\n"
        "  prompt: not-a-colour\n"
        "tab_cycling: sometimes\n"
    )
    config = load_config(environ)
    assert config.get("edit_mode") == "emacs"
    assert config.get("history.size") == defaults()["history"]["size"]
    found = [str(p) for p in config.problems]
    assert found[0] == f"{path}:1:1: unknown setting 'edit_mod'; did you mean 'edit_mode'?"
    assert found[1] == f"{path}:3:9: 'history.size' must be 1 or more"
    assert found[2].startswith(f"{path}:5:7: 'history.secret_patterns': '(unclosed' is not")
    assert found[3].startswith(f"{path}:7:11: 'colors.prompt':")
    assert found[4] == f"{path}:8:14: 'tab_cycling' must be true or false"


def test_broken_yaml_and_a_non_mapping_are_errors_too() -> None:
    with pytest.raises(ConfigError) as caught:
        merge_text(defaults(), "history:\n  size: [1,\n", "c.yaml")
    assert str(caught.value).startswith("c.yaml:3:1: ")
    with pytest.raises(ConfigError, match=r"^c.yaml:1:1: the file must be a mapping"):
        merge_text(defaults(), "- vi\n", "c.yaml")
    with pytest.raises(ConfigError, match=r"'edit_mode' must be one of emacs, vi, not 'nano'"):
        merge_text(defaults(), "edit_mode: nano\n", "c.yaml")
    with pytest.raises(ConfigError, match=r"c.yaml:1:10: 'history' must be a mapping"):
        merge_text(defaults(), "history: 3\n", "c.yaml")


def test_an_empty_file_means_the_defaults(tmp_path: Path) -> None:
    assert merge_text(defaults(), "# nothing\n", "c.yaml") == defaults()
    assert merge_text(defaults(), "history:\n  file: ~/h\n", "c")["history"]["file"] == "~/h"


def test_folders_follow_the_environment(tmp_path: Path) -> None:
    assert config_dir({"SCCSHELL_CONFIG_DIR": "/a/b"}) == Path("/a/b")
    assert config_dir({"XDG_CONFIG_HOME": "/x"}) == Path("/x/sccshell")
    assert data_dir({"SCCSHELL_DATA_DIR": "/d"}) == Path("/d")
    assert data_dir({"XDG_DATA_HOME": "/x"}) == Path("/x/sccshell")
    # A relative XDG value is ignored, as the XDG specification says.
    assert data_dir({"XDG_DATA_HOME": "rel"}) != Path("rel/sccshell")


def test_an_unusable_config_folder_still_gives_the_defaults(tmp_path: Path) -> None:
    # A file where the folder should be: creating the folder fails, even for root.
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    config = load_config({"SCCSHELL_CONFIG_DIR": str(blocker / "sccshell")})
    assert config.data == defaults()
    # Said once, as a warning: the shell starts all the same.
    assert [p.message.split(":")[0] for p in config.problems] == ["cannot read the file"]
