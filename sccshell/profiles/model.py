"""Profiles as frozen values: sign-in, connections, and the set loaded from the files."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sccshell.environment import Environment
from sccshell.profiles.errors import Mark, Problem, ProfileError
from sccshell.profiles.rules import DEFAULT_ENVIRONMENT, suggestion
from sccshell.profiles.secrets import SecretSource

# The secret each method reads when it signs in; None means it has none.
_MAIN_SECRET = {
    "password": "password",
    "certificate": "certificate_password",
    "access_token": "token",
}


@dataclass(frozen=True)
class Auth:
    method: str = "interactive"
    user: str | None = None
    client_id: str | None = None  # own app (delegated) or user-assigned managed identity
    app_id: str | None = None
    certificate_path: Path | None = None
    key_path: Path | None = None
    password: SecretSource | None = None
    certificate_password: SecretSource | None = None
    token: SecretSource | None = None

    def secret(self, env: Environment) -> str | None:
        """The method's secret (password, certificate password or token); None: ask for it."""
        name = _MAIN_SECRET.get(self.method)
        source: SecretSource | None = getattr(self, name) if name else None
        return source.read(env.environ) if source else None


@dataclass(frozen=True)
class Connection:
    service: str  # exchange | compliance
    prefix: str = ""
    command_names: tuple[str, ...] = ()  # empty: all cmdlets
    page_size: int | None = None  # exchange only; None: the service default (1000)
    connection_uri: str | None = None
    authority: str | None = None
    search_only: bool = False  # compliance only
    concurrency: int | None = None  # $batch requests in flight; None: fanout.concurrency


@dataclass(frozen=True)
class Profile:
    name: str
    environment: str = DEFAULT_ENVIRONMENT
    organization: str | None = None
    auth: Auth = Auth()
    delegated_organization: str | None = None
    proxy: str | None = None
    ca_bundle: Path | None = None
    read_only: bool = False
    connections: tuple[Connection, ...] = (Connection("exchange"),)
    color: str | None = None
    production: bool = False
    mark: Mark | None = field(default=None, compare=False, repr=False)
    # Where each path-valued key was written, for check_paths() messages.
    path_marks: tuple[tuple[str, Mark], ...] = field(default=(), compare=False, repr=False)

    def secret(self, env: Environment) -> str | None:
        """The sign-in secret from its environment variable or file; None: prompt for it."""
        return self.auth.secret(env)

    def paths(self) -> list[tuple[str, Path]]:
        """(key, path) for every file the profile names."""
        auth = self.auth
        found = [
            ("ca_bundle", self.ca_bundle),
            ("auth.certificate_path", auth.certificate_path),
            ("auth.key_path", auth.key_path),
        ]
        for source in (auth.password, auth.certificate_password, auth.token):
            if source is not None and source.file is not None:
                found.append((f"auth.{source.key}", source.file))
        return [(key, path) for key, path in found if path is not None]

    def check_paths(self) -> None:
        """Raise ProfileError naming every file the profile names that does not exist."""
        marks = dict(self.path_marks)
        problems = [
            Problem(marks.get(key, self.mark), f"{key}: no such file: {path}")
            for key, path in self.paths()
            if not path.is_file()
        ]
        problems.sort(key=lambda problem: problem.position)
        if problems:
            raise ProfileError(problems)


@dataclass(frozen=True)
class ProfileSet:
    profiles: tuple[Profile, ...] = ()
    files: tuple[str, ...] = ()  # the files read, in order

    def __iter__(self) -> Iterator[Profile]:
        return iter(self.profiles)

    def __len__(self) -> int:
        return len(self.profiles)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._find(name) is not None

    def names(self) -> list[str]:
        """Profile names in the order the files define them."""
        return [profile.name for profile in self.profiles]

    def get(self, name: str) -> Profile:
        """The profile NAME (exact, else the one whose name differs only in case)."""
        found = self._find(name)
        if found is not None:
            return found
        if not self.profiles:
            where = ", ".join(self.files) if self.files else "no profile file was found"
            raise ProfileError(f"unknown profile '{name}': no profiles are defined ({where})")
        hint = suggestion(name, self.names())
        known = "" if hint else f"; known profiles: {', '.join(self.names())}"
        raise ProfileError(f"unknown profile '{name}'{hint}{known}")

    def _find(self, name: str) -> Profile | None:
        for profile in self.profiles:
            if profile.name == name:
                return profile
        for profile in self.profiles:
            if profile.name.lower() == name.lower():
                return profile
        return None
