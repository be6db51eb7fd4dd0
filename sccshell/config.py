"""The shell's settings: the packaged commented defaults, with the user's file laid over them.

The user's file is `config.yaml` in the config folder ($SCCSHELL_CONFIG_DIR, else
$XDG_CONFIG_HOME/sccshell, else the platform's). It is copied from the packaged
defaults on first run and only ever read: merging happens in memory. A file with a
mistake is reported with its line:col and the packaged defaults are used instead.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

FILE_NAME = "config.yaml"
CHOICES = {"edit_mode": ("emacs", "vi")}
POSITIVE = {"history.size", "completion.menu_rows"}
# $batch requests a fan-out keeps in flight. The service documents no REST concurrency
# limit (protocol §3.5: only a Rate-Limit budget, and 3 sessions per user in the RPS era)
# and the fan-out halves its pace on every 429, so the ceiling only stops a typo from
# starting hundreds of threads and sockets: 32 batches are 320 cmdlet calls at once.
CONCURRENCY_RANGE = (1, 32)
RANGES = {"fanout.concurrency": CONCURRENCY_RANGE}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


class ConfigError(Exception):
    """A config file sccshell cannot use, with every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Config:
    """Merged settings; `get("history.size")` reads one by its dotted key."""

    data: Mapping[str, Any]
    file: Path | None = None  # the user file that was merged, if any
    problems: tuple[Problem, ...] = field(default=())  # why the user file was not used

    def get(self, key: str) -> Any:
        value: Any = self.data
        for part in key.split("."):
            value = value[part]
        return value


def config_dir(environ: Mapping[str, str]) -> Path:
    """$SCCSHELL_CONFIG_DIR, else $XDG_CONFIG_HOME/sccshell, else the platform's folder."""
    return _folder(environ, "SCCSHELL_CONFIG_DIR", "XDG_CONFIG_HOME", "user_config_dir")


def data_dir(environ: Mapping[str, str]) -> Path:
    """$SCCSHELL_DATA_DIR, else $XDG_DATA_HOME/sccshell, else the platform's data folder."""
    return _folder(environ, "SCCSHELL_DATA_DIR", "XDG_DATA_HOME", "user_data_dir")


def _folder(environ: Mapping[str, str], own: str, xdg: str, platform: str) -> Path:
    if environ.get(own, ""):
        return Path(environ[own])
    base = environ.get(xdg, "")
    # platformdirs reads os.environ and honours XDG only on Linux; the contract is wider.
    if base and os.path.isabs(base):
        return Path(base) / "sccshell"
    import platformdirs

    return Path(getattr(platformdirs, platform)("sccshell"))


def default_text() -> str:
    """The packaged, commented default config."""
    return resources.files("sccshell").joinpath("data", FILE_NAME).read_text(encoding="utf-8")


def defaults() -> dict[str, Any]:
    return _read(default_text(), "<packaged config.yaml>")[0]


def load_config(environ: Mapping[str, str], *, install: bool = True, colors: bool = True) -> Config:
    """The packaged defaults merged with the user's file (copied there first when absent).

    COLORS=False leaves the colour styles unchecked: checking them loads the terminal
    library, which a one-off command (-c, a script) has no use for."""
    base = defaults()
    path = config_dir(environ) / FILE_NAME
    if install and not path.exists():
        _install(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(base)
    except UnicodeDecodeError as err:
        from sccshell.profiles.yamlguard import undecodable

        bad = undecodable(err)
        return Config(base, path, (Problem(str(path), bad.line, bad.col, bad.message),))
    except OSError as err:
        return Config(base, path, (Problem(str(path), 1, 1, f"cannot read the file: {err}"),))
    try:
        return Config(merge_text(base, text, str(path), colors=colors), path)
    except ConfigError as err:
        return Config(base, path, tuple(err.problems))


def merge_text(
    base: Mapping[str, Any], text: str, file: str, *, colors: bool = True
) -> dict[str, Any]:
    """BASE with the settings of TEXT laid over it; ConfigError for any mistake in TEXT."""
    values, node = _read(text, file)
    if node is None:
        return dict(base)
    problems: list[Problem] = []
    _check(node, base, "", file, problems, colors)
    if problems:
        raise ConfigError(problems)
    return _merge(base, values)


def _install(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # "x": never overwrite a file another start wrote in the meantime.
        with open(path, "x", encoding="utf-8") as out:
            out.write(default_text())
    except OSError:
        pass  # a read-only home still gets a working shell, on the packaged defaults


def _read(text: str, file: str) -> tuple[dict[str, Any], Any]:
    import yaml

    from sccshell.profiles.yamlguard import UnsafeYaml, bad_character, check_aliases, check_text

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        check_text(text, loader_class)
    except UnsafeYaml as err:
        raise ConfigError([Problem(file, err.line, err.col, err.message)]) from None
    except yaml.reader.ReaderError as err:
        bad = bad_character(err, text)
        raise ConfigError([Problem(file, bad.line, bad.col, bad.message)]) from None
    except yaml.YAMLError:
        pass  # the loader below reports it with its position
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, None
        check_aliases(node)
        if not isinstance(node, yaml.MappingNode):
            raise ConfigError([_at(file, node, "the file must be a mapping of settings")])
        values = loader.construct_document(node)
    except yaml.MarkedYAMLError as err:
        at = err.problem_mark or err.context_mark
        line, col = (at.line + 1, at.column + 1) if at is not None else (1, 1)
        message = err.problem or err.context or "invalid YAML"
        raise ConfigError([Problem(file, line, col, message)]) from None
    except yaml.YAMLError as err:
        raise ConfigError([Problem(file, 1, 1, str(err))]) from None
    except UnsafeYaml as err:
        raise ConfigError([Problem(file, err.line, err.col, err.message)]) from None
    finally:
        loader.dispose()
    return values, node


def _at(file: str, node: Any, message: str) -> Problem:
    return Problem(file, node.start_mark.line + 1, node.start_mark.column + 1, message)


def _check(
    node: Any, base: Mapping[str, Any], path: str, file: str, out: list[Problem], colors: bool
) -> None:
    """Compare a mapping node key by key with the defaults; append every mistake to OUT."""
    import yaml

    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        dotted = f"{path}{key}"
        if key not in base:
            close = difflib.get_close_matches(str(key), list(base), n=1)
            hint = f"; did you mean '{path}{close[0]}'?" if close else ""
            known = "" if hint else f" (known: {', '.join(base)})"
            out.append(_at(file, key_node, f"unknown setting '{dotted}'{hint}{known}"))
            continue
        expected = base[key]
        if isinstance(expected, dict):
            if isinstance(value_node, yaml.MappingNode):
                _check(value_node, expected, dotted + ".", file, out, colors)
            else:
                out.append(_at(file, value_node, f"'{dotted}' must be a mapping"))
            continue
        problem = _value_problem(dotted, expected, _scalar(value_node), colors)
        if problem:
            out.append(_at(file, value_node, problem))
        elif isinstance(value_node, yaml.SequenceNode):
            for item in value_node.value:
                item_problem = _pattern_problem(dotted, _scalar(item))
                if item_problem:
                    out.append(_at(file, item, item_problem))


def _scalar(node: Any) -> Any:
    import yaml

    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


def _value_problem(key: str, expected: Any, value: Any, colors: bool = True) -> str | None:
    if isinstance(expected, bool):
        return None if isinstance(value, bool) else f"'{key}' must be true or false"
    if isinstance(expected, int):
        if isinstance(value, bool) or not isinstance(value, int):
            return f"'{key}' must be a whole number"
        if key in POSITIVE and value < 1:
            return f"'{key}' must be 1 or more"
        low, high = RANGES.get(key, (value, value))
        if not low <= value <= high:
            return f"'{key}' must be from {low} to {high}, not {value}"
        return None
    if isinstance(expected, list):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"'{key}' must be a list of strings"
        return None
    if expected is None or isinstance(expected, str):
        if value is None and expected is None:
            return None
        if not isinstance(value, str):
            return f"'{key}' must be a string" + (" or null" if expected is None else "")
        choices = CHOICES.get(key)
        if choices and value.lower() not in choices:
            return f"'{key}' must be one of {', '.join(choices)}, not '{value}'"
        if colors and key.startswith("colors."):
            return _style_problem(key, value)
    return None


def _pattern_problem(key: str, value: Any) -> str | None:
    if key != "history.secret_patterns" or not isinstance(value, str):
        return None
    try:
        re.compile(value)
    except re.error as err:
        return f"'{key}': {value!r} is not a valid regular expression: {err}"
    return None


def _style_problem(key: str, value: str) -> str | None:
    from prompt_toolkit.styles import Style

    try:
        Style.from_dict({"x": value})
    except (ValueError, AssertionError) as err:
        return f"'{key}': {err}"
    return None


def _merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _merge(base[key], value)
        else:
            merged[key] = value
    return merged
