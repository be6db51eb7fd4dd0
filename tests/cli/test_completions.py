"""Completion scripts for the sccshell command: printed by --completions, run by real shells."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from cli_run import cli_env

from sccshell.cli import build_parser, main, run
from sccshell.modes.completions import SHELLS, run_completions, script_path
from sccshell.status import ExitStatus

BIN_DIR = os.path.dirname(sys.executable)
SCCSHELL = shutil.which("sccshell", path=BIN_DIR)
REPO_ROOT = Path(__file__).resolve().parents[2]
FORMATS = ["table", "list", "json", "jsonl", "csv", "yaml"]

# Drives the completion function the way bash does: the words split as readline
# splits them, the index of the word under the cursor, the line and the cursor.
DRIVER = r"""
source "$1"
COMP_CWORD=$2
COMP_WORDS=("${@:3}")
COMP_LINE="${COMP_WORDS[*]}"
COMP_POINT=${#COMP_LINE}
_sccshell
status=$?
for reply in "${COMPREPLY[@]}"; do printf '%s\n' "$reply"; done
exit $status
"""


def _option_strings() -> set[str]:
    return {s for action in build_parser()._actions for s in action.option_strings}


def _shell_env(**extra: str) -> dict[str, str]:
    # The sccshell that the scripts run for profile names must be this venv's.
    env = dict(os.environ, PATH=BIN_DIR + os.pathsep + os.environ.get("PATH", ""))
    env.update(extra)
    return env


def _run_ok(
    argv: list[str], cwd: Path | None = None, **environ: str
) -> subprocess.CompletedProcess[str]:
    """ARGV run to its end with this venv's sccshell on PATH; it must succeed."""
    out = subprocess.run(
        argv, capture_output=True, text=True, cwd=cwd, env=_shell_env(**environ), timeout=60
    )
    assert out.returncode == 0, out.stderr
    return out


@pytest.fixture(scope="module")
def bash_script(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bash script as the installed command prints it."""
    assert SCCSHELL, "the sccshell command is not installed beside the interpreter"
    out = _run_ok([SCCSHELL, "--completions", "bash"])
    path = tmp_path_factory.mktemp("completion") / "sccshell.bash"
    path.write_text(out.stdout)
    return path


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "weekly.scc").write_text("Get-Mailbox\n")
    (tmp_path / "cleanup.scc").write_text("Get-Mailbox\n")
    (tmp_path / "audit.scc").write_text("Get-Mailbox\n")
    (tmp_path / "my report.scc").write_text("Get-Mailbox\n")
    (tmp_path / "notes.txt").write_text("not a script\n")
    (tmp_path / "profiles.yaml").write_text(
        "version: 1\nprofiles:\n  contoso:\n  fabrikam:\n  fab-lab:\n"
    )
    config = tmp_path / "config" / "sccshell"
    config.mkdir(parents=True)
    (config / "profiles.yaml").write_text("version: 1\nprofiles:\n  home-tenant:\n")
    return tmp_path


def complete(
    script: Path, cwd: Path, words: list[str], cword: int | None = None, **environ: str
) -> list[str]:
    """COMPREPLY for word CWORD (the last by default), from the bash script in a real bash."""
    index = len(words) - 1 if cword is None else cword
    out = _run_ok(
        ["bash", "--norc", "--noprofile", "-c", DRIVER, "bash", str(script), str(index), *words],
        cwd,
        **environ,
    )
    assert out.stderr == ""
    return out.stdout.splitlines()


# --completions, in-process


@pytest.mark.parametrize("shell", SHELLS)
def test_completions_prints_the_bundled_script(shell: str) -> None:
    env = cli_env()
    assert run(["--completions", shell], env) == ExitStatus.SUCCESS
    assert env.stdout.getvalue() == Path(script_path(shell)).read_text(encoding="utf-8")
    assert env.stderr.getvalue() == ""


def test_each_script_registers_for_sccshell() -> None:
    printed = {}
    for shell in SHELLS:
        env = cli_env()
        run_completions(shell, env)
        printed[shell] = env.stdout.getvalue()
    assert printed["bash"].rstrip().endswith("complete -F _sccshell sccshell")
    assert printed["zsh"].startswith("#compdef sccshell\n")
    assert "complete -c sccshell " in printed["fish"]


def test_an_unknown_shell_is_a_usage_error_naming_the_three(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--completions", "powershell"]) == ExitStatus.USAGE
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "--completions" in captured.err
    for shell in ("bash", "zsh", "fish"):
        assert f"'{shell}'" in captured.err
    assert "Traceback" not in captured.err


def test_the_mode_refuses_an_unknown_shell_too() -> None:
    env = cli_env()
    assert run_completions("tcsh", env) == ExitStatus.USAGE
    assert env.stdout.getvalue() == ""
    assert env.stderr.getvalue() == (
        "sccshell: error: --completions: unknown shell 'tcsh'; choose from bash, zsh, fish\n"
    )


def test_completions_does_not_load_the_network_stack() -> None:
    probe = (
        "import sys, io\n"
        "from sccshell.cli import run\n"
        "from sccshell.environment import Environment\n"
        "run(['--completions', 'zsh'], Environment(stdout=io.StringIO()))\n"
        "print(sorted(m for m in ('msal', 'httpx', 'prompt_toolkit', 'yaml') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_the_repository_completions_directory_is_the_packaged_one() -> None:
    top = REPO_ROOT / "completions"
    if not top.exists():
        pytest.skip("not running from a source checkout")
    for shell in SHELLS:
        assert os.path.samefile(top / os.path.basename(script_path(shell)), script_path(shell))


# Every option of the argument spec is in every script.


def test_bash_offers_exactly_the_options_of_the_argument_spec(
    bash_script: Path, tmp_path: Path
) -> None:
    assert set(complete(bash_script, tmp_path, ["sccshell", "-"])) == _option_strings()


def test_zsh_script_describes_every_option() -> None:
    text = Path(script_path("zsh")).read_text()
    specs = re.findall(r"(?<![\w-])(--?[a-z][\w-]*)(?=[+=]?[\[,}])", text)
    assert set(specs) == _option_strings()


def test_fish_script_describes_every_option() -> None:
    text = Path(script_path("fish")).read_text()
    found = set()
    for line in text.splitlines():
        if line.startswith("complete -c sccshell "):
            found.update("-" + s for s in re.findall(r" -s (\w)\b", line))
            found.update("--" + s for s in re.findall(r" -l ([\w-]+)", line))
    assert found == _option_strings()


def test_bash_knows_which_options_take_a_value(bash_script: Path, workdir: Path) -> None:
    # The value of an option is not the script: the next word is still the script, so
    # a non-.scc file is not offered (it would be, as a script argument).
    valued = [
        option
        for action in build_parser()._actions
        if action.nargs not in (0, "+")  # flags; --check takes FILEs up to the next option
        for option in action.option_strings
    ]
    assert "--completions" in valued
    for option in valued:
        assert complete(bash_script, workdir, ["sccshell", option, "x", "no"]) == [], option
        assert complete(bash_script, workdir, ["sccshell", option, "x", "aud"]) == ["audit.scc"]
    assert complete(bash_script, workdir, ["sccshell", "--sandbox", "x.scc", "no"]) == ["notes.txt"]


# The bash script in a real bash.


def test_bash_completes_option_prefixes(bash_script: Path, workdir: Path) -> None:
    assert complete(bash_script, workdir, ["sccshell", "--pro"]) == ["--profile", "--profile-file"]
    assert complete(bash_script, workdir, ["sccshell", "--l"]) == ["--list-profiles", "--log-file"]
    assert complete(bash_script, workdir, ["sccshell", "--sandbox", "--comp"]) == ["--completions"]


def test_bash_completes_output_formats(bash_script: Path, workdir: Path) -> None:
    assert complete(bash_script, workdir, ["sccshell", "-o", ""]) == FORMATS
    assert complete(bash_script, workdir, ["sccshell", "--output", "j"]) == ["json", "jsonl"]
    # "--output=cs" as readline splits it at the "=" of COMP_WORDBREAKS.
    assert complete(bash_script, workdir, ["sccshell", "--output", "=", "cs"]) == ["csv"]
    assert complete(bash_script, workdir, ["sccshell", "--output", "="]) == FORMATS


def test_bash_completes_profile_names_from_the_profile_file(
    bash_script: Path, workdir: Path
) -> None:
    words = ["sccshell", "--profile-file", "profiles.yaml", "-p", ""]
    assert complete(bash_script, workdir, words) == ["contoso", "fabrikam", "fab-lab"]
    # The --profile-file may come after the cursor, or as --profile-file=PATH.
    words = ["sccshell", "--profile", "fa", "--profile-file", str(workdir / "profiles.yaml")]
    assert complete(bash_script, workdir, words, cword=2) == ["fabrikam", "fab-lab"]
    words = ["sccshell", "--profile-file", "=", "profiles.yaml", "--profile", "=", "con"]
    assert complete(bash_script, workdir, words) == ["contoso"]


def test_bash_completes_profile_names_from_the_config_directory(
    bash_script: Path, workdir: Path
) -> None:
    xdg = str(workdir / "config")
    assert complete(bash_script, workdir, ["sccshell", "-p", ""], XDG_CONFIG_HOME=xdg) == [
        "home-tenant"
    ]


def test_bash_offers_no_profile_names_for_a_broken_profile_file(
    bash_script: Path, workdir: Path
) -> None:
    (workdir / "bad.yaml").write_text("version: 1\nprofiles:\n  lab:\n    enviroment: x\n")
    words = ["sccshell", "--profile-file", "bad.yaml", "-p", ""]
    assert complete(bash_script, workdir, words) == []


def test_bash_completes_scripts_and_directories(bash_script: Path, workdir: Path) -> None:
    assert sorted(complete(bash_script, workdir, ["sccshell", ""])) == [
        "audit.scc",
        "cleanup.scc",
        "config",
        "my report.scc",
        "reports",
    ]
    assert complete(bash_script, workdir, ["sccshell", "-o", "json", "c"]) == [
        "config",
        "cleanup.scc",
    ]
    assert complete(bash_script, workdir, ["sccshell", "reports/"]) == ["reports/weekly.scc"]


def test_bash_completes_any_file_for_file_options(bash_script: Path, workdir: Path) -> None:
    for words in (
        ["sccshell", "--check", "n"],
        ["sccshell", "--check", "audit.scc", "n"],
        ["sccshell", "--log-file", "n"],
        ["sccshell", "--profile-file", "n"],
    ):
        assert complete(bash_script, workdir, words) == ["notes.txt"], words
    # After the --check files an option is still an option.
    assert complete(bash_script, workdir, ["sccshell", "--check", "a.scc", "--deb"]) == ["--debug"]


def test_bash_completes_shells_for_completions(bash_script: Path, workdir: Path) -> None:
    assert complete(bash_script, workdir, ["sccshell", "--completions", ""]) == list(SHELLS)
    assert complete(bash_script, workdir, ["sccshell", "--completions", "f"]) == ["fish"]


def test_bash_leaves_the_script_arguments_to_the_script(bash_script: Path, workdir: Path) -> None:
    # After SCRIPT every word is the script's: no sccshell options, files as arguments.
    assert complete(bash_script, workdir, ["sccshell", "audit.scc", "--de"]) == []
    assert complete(bash_script, workdir, ["sccshell", "audit.scc", "-Path", "no"]) == ["notes.txt"]
    assert complete(bash_script, workdir, ["sccshell", "-c", "Get-Date", "--ver"]) == ["--version"]
    assert complete(bash_script, workdir, ["sccshell", "-c", ""]) == []


def test_bash_completes_on_a_real_command_line(bash_script: Path, workdir: Path) -> None:
    # Readline itself splits the words, inserts the completion and quotes file names.
    env = _shell_env(INPUTRC="/dev/null", HOME=str(workdir), TERM="dumb")
    child = pexpect.spawn(
        "bash", ["--norc", "--noprofile", "-i"], env=env, cwd=str(workdir), encoding="utf-8"
    )
    child.timeout = 20
    try:
        child.sendline(f"PS1='$ '; source '{bash_script}'; bind 'set enable-bracketed-paste off'")
        for typed, words in (
            ("sccshell --output=jsonl", ["sccshell", "--output=jsonl"]),
            (
                "sccshell --profile-file profiles.yaml -p con",
                ["sccshell", "--profile-file", "profiles.yaml", "-p", "contoso"],
            ),
            ("sccshell my", ["sccshell", "my report.scc"]),
            ("sccshell rep", ["sccshell", "reports/"]),
            ("sccshell --completions z", ["sccshell", "--completions", "zsh"]),
        ):
            # Complete, then print the line's words one per bracket instead of running it.
            child.send(typed + "\t" + "\x01printf '[%s]' \x05; echo\r")
            child.expect(r"\n(\[sccshell\][^\r\n]*)\r?\n")
            assert child.match.group(1) == "".join(f"[{w}]" for w in words), typed
    finally:
        child.close(force=True)


# zsh and fish, where they are installed.


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_parses_the_script() -> None:
    _run_ok(["zsh", "-n", script_path("zsh")])


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_parses_the_script() -> None:
    _run_ok(["fish", "--no-execute", script_path("fish")])


def _bracketed(words: list[str]) -> str:
    return "".join(f"[{w}]" for w in words)


def _complete_interactively(child: pexpect.spawn, cases: list[tuple[str, list[str]]]) -> None:
    for typed, words in cases:
        # Complete, then print the line's words in brackets instead of running it.
        child.send(typed + "\t" + "\x01printf '[%s]' \x05; echo\r")
        child.expect(r"\n(\[sccshell\][^\r\n]*)\r?\n")
        assert child.match.group(1) == _bracketed(words), typed


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_completes_on_a_real_command_line(workdir: Path) -> None:
    functions = workdir / "zfunc"
    functions.mkdir()
    env = _shell_env(HOME=str(workdir), TERM="dumb", XDG_CONFIG_HOME=str(workdir / "config"))
    printed = subprocess.run(
        [SCCSHELL or "sccshell", "--completions", "zsh"], capture_output=True, text=True, env=env
    )
    (functions / "_sccshell").write_text(printed.stdout)
    child = pexpect.spawn("zsh", ["-f", "-i"], env=env, cwd=str(workdir), encoding="utf-8")
    child.timeout = 20
    try:
        child.sendline(
            f"PS1='$ '; bindkey -e; unsetopt beep; fpath=({functions} $fpath); "
            "autoload -Uz compinit; compinit -u -D"
        )
        _complete_interactively(
            child,
            [
                ("sccshell --output=jsonl", ["sccshell", "--output=jsonl"]),
                ("sccshell -o cs", ["sccshell", "-o", "csv"]),
                ("sccshell -p home", ["sccshell", "-p", "home-tenant"]),
                (
                    "sccshell --profile-file profiles.yaml -p con",
                    ["sccshell", "--profile-file", "profiles.yaml", "-p", "contoso"],
                ),
                ("sccshell my", ["sccshell", "my report.scc"]),
                ("sccshell --completions f", ["sccshell", "--completions", "fish"]),
                ("sccshell --list-p", ["sccshell", "--list-profiles"]),
                (
                    "sccshell --check audit.scc no",
                    ["sccshell", "--check", "audit.scc", "notes.txt"],
                ),
            ],
        )
    finally:
        child.close(force=True)


def fish_complete(cwd: Path, line: str, **environ: str) -> list[str]:
    """What fish offers for LINE (the candidates, without descriptions)."""
    command = f"source {script_path('fish')}; complete -C {_fish_quote(line)}"
    out = _run_ok(["fish", "--no-config", "-c", command], cwd, **environ)
    return [entry.split("\t", 1)[0] for entry in out.stdout.splitlines()]


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_completes_values_profiles_and_scripts(workdir: Path) -> None:
    assert sorted(fish_complete(workdir, "sccshell -o ")) == sorted(FORMATS)
    assert fish_complete(workdir, "sccshell --output=js") == ["--output=json", "--output=jsonl"]
    assert sorted(fish_complete(workdir, "sccshell --completions ")) == sorted(SHELLS)
    line = "sccshell --profile-file profiles.yaml -p fa"
    assert sorted(fish_complete(workdir, line)) == ["fab-lab", "fabrikam"]
    xdg = str(workdir / "config")
    assert fish_complete(workdir, "sccshell -p ", XDG_CONFIG_HOME=xdg) == ["home-tenant"]
    assert sorted(fish_complete(workdir, "sccshell ")) == [
        "audit.scc",
        "cleanup.scc",
        "config/",
        "my report.scc",
        "reports/",
    ]
    assert fish_complete(workdir, "sccshell --check audit.scc no") == ["notes.txt"]
    assert fish_complete(workdir, "sccshell audit.scc --deb") == []
