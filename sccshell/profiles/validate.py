"""One profile file's node tree checked and turned into Profiles, every problem positioned."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sccshell.profiles import rules
from sccshell.profiles.errors import Mark, Problem
from sccshell.profiles.model import Auth, Connection, Profile
from sccshell.profiles.nodes import BOOL_TAG, INT_TAG, construct, entries, is_null, kind, mark
from sccshell.profiles.secrets import SecretSource

Entry = tuple[Node, Node]  # (key node, value node)
Entries = dict[str, Entry]


def read_document(root: Node | None, file: str, base: Path) -> tuple[list[Profile], list[Problem]]:
    """The profiles of one composed file and the problems found in it."""
    reader = _Reader(file, base)
    profiles = reader.document(root)
    return profiles, reader.problems


class _Reader:
    def __init__(self, file: str, base: Path) -> None:
        self.file = file
        self.base = base  # relative paths in the file are relative to the file
        self.problems: list[Problem] = []
        self.path_marks: list[tuple[str, Mark]] = []

    # --- small helpers ---------------------------------------------------------------

    def fail(self, node: Node, message: str) -> None:
        self.problems.append(Problem(mark(self.file, node), message))

    def mapping(
        self, node: Node, allowed: Sequence[str], where: str, extensions: bool = False
    ) -> Entries | None:
        if not isinstance(node, MappingNode):
            self.fail(node, f"{where} must be a mapping of keys, not {kind(node)}")
            return None
        found = entries(node, self.file, self.problems)
        for key, (key_node, _) in found.items():
            if key in rules.SECRET_KEYS or key in allowed:
                continue  # secret keys are refused once, by refuse_secrets
            if extensions and key.startswith("x-"):
                continue  # a place for YAML anchors shared by several profiles
            self.fail(key_node, f"unknown key '{key}' in {where}{rules.suggestion(key, allowed)}")
        return found

    def text(self, node: Node, key: str) -> str | None:
        if is_null(node):
            return None
        if not isinstance(node, ScalarNode):
            self.fail(node, f"{key} must be a single value, not {kind(node)}")
            return None
        value = node.value.strip()
        if not value:
            self.fail(node, f"{key} is empty")
            return None
        return value

    def boolean(self, node: Node, key: str) -> bool | None:
        if isinstance(node, ScalarNode) and node.tag == BOOL_TAG:
            return bool(construct(node))
        self.fail(node, f"{key} must be true or false, not {kind(node)}")
        return None

    def integer(self, node: Node, key: str) -> int | None:
        if isinstance(node, ScalarNode) and node.tag == INT_TAG:
            return int(construct(node))  # type: ignore[call-overload]
        self.fail(node, f"{key} must be a whole number, not {kind(node)}")
        return None

    def path(self, node: Node, key: str) -> Path | None:
        value = self.text(node, key)
        if value is None:
            return None
        path = Path(value).expanduser()
        self.path_marks.append((key, mark(self.file, node)))
        return path if path.is_absolute() else self.base / path

    def guid(self, node: Node, key: str) -> str | None:
        value = self.text(node, key)
        if value is not None and not rules.is_guid(value):
            self.fail(node, f"{key} must be an application (client) id GUID, not '{value}'")
        return value

    # --- the file --------------------------------------------------------------------

    def document(self, root: Node | None) -> list[Profile]:
        if root is None:
            self.problems.append(
                Problem(Mark(self.file), "the file is empty; a profile file starts with version: 1")
            )
            return []
        what = "a profile file (version: 1, profiles: ...)"
        top = self.mapping(root, rules.TOP_KEYS, what, extensions=True)
        self.refuse_secrets(root)
        if top is None:
            return []
        if "version" not in top:
            self.fail(root, "version: 1 is missing")
        else:
            node = top["version"][1]
            if not (isinstance(node, ScalarNode) and node.tag == INT_TAG and construct(node) == 1):
                self.fail(node, f"unsupported version {kind(node)}; this sccshell reads version: 1")
        if "profiles" not in top:
            self.fail(root, "profiles: is missing")
            return []
        body = top["profiles"][1]
        if is_null(body):
            return []
        if not isinstance(body, MappingNode):
            self.fail(body, f"profiles must be a mapping of profile names, not {kind(body)}")
            return []
        profiles = []
        for name, (key, value) in entries(body, self.file, self.problems).items():
            if not rules.is_profile_name(name):
                self.fail(
                    key,
                    f"profile name '{name}' may hold only letters, digits, '.', '_' and '-' "
                    "and must start with a letter or digit",
                )
                continue
            profile = self.profile(name, key, value)
            if profile is not None:
                profiles.append(profile)
        return profiles

    def refuse_secrets(self, root: Node) -> None:
        """Refuse every key that would hold a secret, wherever it is in the file."""
        seen: set[int] = set()
        reported: set[int] = set()  # a key merged into several mappings is one mistake
        stack = [root]
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue  # an alias seen before
            seen.add(id(node))
            if isinstance(node, MappingNode):
                for key, value in node.value:
                    hint = isinstance(key, ScalarNode) and rules.SECRET_KEYS.get(key.value)
                    if hint and id(key) not in reported:
                        reported.add(id(key))
                        self.fail(
                            key,
                            f"'{key.value}': secrets are never stored in the profile file; {hint}",
                        )
                    stack.append(value)
            elif isinstance(node, SequenceNode):
                stack.extend(node.value)

    # --- one profile -----------------------------------------------------------------

    def profile(self, name: str, key: Node, body: Node) -> Profile | None:
        where = f"profile '{name}'"
        # A bare name is Connect-ExchangeOnline with no parameters: interactive, commercial.
        found = {} if is_null(body) else self.mapping(body, rules.PROFILE_KEYS, where)
        if found is None:
            return None
        before = len(self.problems)
        self.path_marks = []
        values: dict[str, object] = {}
        for field in ("organization", "delegated_organization"):
            if field in found:
                values[field] = self.text(found[field][1], field)
        if "environment" in found:
            values["environment"] = self.environment(found["environment"][1])
        if "proxy" in found:
            node = found["proxy"][1]
            proxy = self.text(node, "proxy")
            problem = proxy and rules.proxy_problem(proxy)
            if problem:
                self.fail(node, problem)
            values["proxy"] = proxy
        if "ca_bundle" in found:
            values["ca_bundle"] = self.path(found["ca_bundle"][1], "ca_bundle")
        for field in ("read_only", "production"):
            if field in found:
                values[field] = self.boolean(found[field][1], field)
        if "color" in found:
            node = found["color"][1]
            value = self.text(node, "color")
            values["color"] = value and rules.color(value)
            if value and values["color"] is None:
                self.fail(
                    node,
                    f"unknown color '{value}'{rules.suggestion(value, rules.COLORS)}; "
                    f"one of: {', '.join(rules.COLORS)}, or #rrggbb",
                )
        values["auth"] = self.auth(found.get("auth"), key, values.get("organization"), where)
        if "connections" in found:
            values["connections"] = self.connections(found["connections"], where)
        if len(self.problems) > before:
            return None
        values = {field: value for field, value in values.items() if value is not None}
        return Profile(
            name=name,
            mark=mark(self.file, key),
            path_marks=tuple(self.path_marks),
            **values,  # type: ignore[arg-type]
        )

    def environment(self, node: Node) -> str | None:
        value = self.text(node, "environment")
        if value is None:
            return None
        known = rules.choice(value, rules.ENVIRONMENTS)
        if known is None:
            self.fail(
                node,
                f"unknown environment '{value}'{rules.suggestion(value, rules.ENVIRONMENTS)}; "
                f"one of: {' | '.join(rules.ENVIRONMENTS)}",
            )
        return known

    # --- sign-in ---------------------------------------------------------------------

    def auth(self, entry: Entry | None, owner: Node, organization: object, where: str) -> Auth:
        if entry is None:
            return Auth()
        auth_key, body = entry
        found = self.mapping(body, rules.AUTH_KEYS, f"auth of {where}")
        if found is None:
            return Auth()
        methods = " | ".join(rules.METHODS)
        if "method" not in found:
            self.fail(auth_key, f"auth.method is missing; one of: {methods}")
            return Auth()
        method_node = found["method"][1]
        value = self.text(method_node, "auth.method")
        method = value and rules.choice(value, rules.METHODS)
        if not method:
            if value:
                self.fail(
                    method_node,
                    f"unknown auth.method '{value}'{rules.suggestion(value, rules.METHODS)}; "
                    f"one of: {methods}",
                )
            return Auth()
        allowed = rules.METHOD_KEYS[method]
        for key, (key_node, _) in found.items():
            if key in rules.AUTH_KEYS and key != "method" and key not in allowed:
                users = [name for name, keys in rules.METHOD_KEYS.items() if key in keys]
                self.fail(
                    key_node,
                    f"auth.{key} does not apply to method {method} (it is for: {', '.join(users)})",
                )
        for key in rules.METHOD_REQUIRES.get(method, ()):
            if key not in found:
                self.fail(auth_key, f"method {method} needs auth.{key}")
        if method in rules.METHODS_NEEDING_ORGANIZATION and not organization:
            self.fail(
                owner,
                f"method {method} needs organization: (the tenant's primary "
                ".onmicrosoft.com domain)",
            )
        values: dict[str, object] = {"method": method}
        for key in allowed:
            if key not in found:
                continue
            node = found[key][1]
            if key == "user":
                values[key] = self.text(node, "auth.user")
            elif key in ("client_id", "app_id"):
                values[key] = self.guid(node, f"auth.{key}")
            elif key in ("certificate_path", "key_path"):
                values[key] = self.path(node, f"auth.{key}")
        for secret in ("password", "certificate_password", "token"):
            values[secret] = self.secret(found, secret, allowed)
        return Auth(**{key: value for key, value in values.items() if value is not None})  # type: ignore[arg-type]

    def secret(self, found: Entries, name: str, allowed: Sequence[str]) -> SecretSource | None:
        env_key, file_key = f"{name}_env", f"{name}_file"
        if env_key not in allowed:
            return None
        if env_key in found and file_key in found:
            self.fail(found[file_key][0], f"give auth.{env_key} or auth.{file_key}, not both")
            return None
        if env_key in found:
            node = found[env_key][1]
            value = self.text(node, f"auth.{env_key}")
            if value is None:
                return None
            if not rules.is_env_name(value):
                self.fail(
                    node,
                    f"auth.{env_key} names an environment variable (letters, digits and _), "
                    f"not '{value}'",
                )
                return None
            return SecretSource(env_key, env=value, mark=mark(self.file, node))
        if file_key in found:
            node = found[file_key][1]
            path = self.path(node, f"auth.{file_key}")
            if path is not None:
                return SecretSource(file_key, file=path, mark=mark(self.file, node))
        return None

    # --- connections -----------------------------------------------------------------

    def connections(self, entry: Entry, where: str) -> tuple[Connection, ...] | None:
        key, body = entry
        empty = "connections is empty; leave it out for one Exchange connection without a prefix"
        if is_null(body):
            self.fail(key, empty)
            return None
        if not isinstance(body, SequenceNode):
            self.fail(body, f"connections must be a list (- service: exchange), not {kind(body)}")
            return None
        if not body.value:
            self.fail(body, empty)
            return None
        made: list[Connection] = []
        first: dict[tuple[str, str], Node] = {}
        for index, item in enumerate(body.value, 1):
            connection = self.connection(item, f"connection {index} of {where}")
            if connection is None:
                continue
            seen = (connection.service, connection.prefix.lower())
            if seen in first:
                at = first[seen].start_mark
                self.fail(
                    item,
                    f"a second {connection.service} connection with prefix "
                    f"'{connection.prefix}' (first at {at.line + 1}:{at.column + 1}); "
                    f"give each {connection.service} connection its own prefix",
                )
            first.setdefault(seen, item)
            made.append(connection)
        return tuple(made)

    def connection(self, node: Node, where: str) -> Connection | None:
        found = self.mapping(node, rules.CONNECTION_KEYS, where)
        if found is None:
            return None
        before = len(self.problems)
        if "service" not in found:
            self.fail(node, f"service is missing in {where}: exchange or compliance")
            return None
        service_node = found["service"][1]
        value = self.text(service_node, "service")
        service = value and rules.choice(value, rules.SERVICES)
        if not service:
            if value:
                self.fail(
                    service_node,
                    f"unknown service '{value}'{rules.suggestion(value, rules.SERVICES)}; "
                    "one of: exchange | compliance",
                )
            return None
        values: dict[str, object] = {"service": service}
        if "prefix" in found:
            values["prefix"] = self.prefix(found["prefix"][1])
        if "command_names" in found:
            values["command_names"] = self.command_names(found["command_names"][1])
        if "page_size" in found:
            key_node, size_node = found["page_size"]
            if service != "exchange":
                self.fail(
                    key_node,
                    "page_size applies to exchange connections only "
                    "(Connect-IPPSSession has no -PageSize)",
                )
            size = self.integer(size_node, "page_size")
            low, high = rules.PAGE_SIZE_RANGE
            if size is not None and not low <= size <= high:
                self.fail(size_node, f"page_size must be from {low} to {high}, not {size}")
            values["page_size"] = size
        if "concurrency" in found:
            count_node = found["concurrency"][1]
            count = self.integer(count_node, "concurrency")
            problem = count is not None and rules.concurrency_problem(count)
            if problem:
                self.fail(count_node, problem)
            values["concurrency"] = count
        for key, parameter in (
            ("connection_uri", "ConnectionUri"),
            ("authority", "AzureADAuthorizationEndpointUri"),
        ):
            if key in found:
                uri_node = found[key][1]
                uri = self.text(uri_node, key)
                problem = uri and rules.https_problem(uri, parameter)
                if problem:
                    self.fail(uri_node, f"{problem}; {key} must be an https:// URL")
                values[key] = uri
        if "search_only" in found:
            key_node, flag_node = found["search_only"]
            if service != "compliance":
                self.fail(
                    key_node,
                    "search_only applies to compliance connections only "
                    "(-EnableSearchOnlySession is a Connect-IPPSSession switch)",
                )
            values["search_only"] = self.boolean(flag_node, "search_only")
        if len(self.problems) > before:
            return None
        return Connection(**{key: value for key, value in values.items() if value is not None})  # type: ignore[arg-type]

    def prefix(self, node: Node) -> str | None:
        if is_null(node):
            return ""
        if not isinstance(node, ScalarNode):
            self.fail(node, f"prefix must be a single value, not {kind(node)}")
            return None
        # The raw text: `prefix: 365` or `prefix: no` are names here, not a number or a bool.
        problem = rules.prefix_problem(node.value)
        if problem:
            self.fail(node, f"prefix '{node.value}': {problem}")
            return None
        return node.value

    def command_names(self, node: Node) -> tuple[str, ...] | None:
        if is_null(node):
            return ()
        items = [node] if isinstance(node, ScalarNode) else None
        if isinstance(node, SequenceNode):
            items = node.value
        if items is None:
            self.fail(node, f"command_names must be a list of cmdlet names, not {kind(node)}")
            return None
        names = []
        for item in items:
            name = self.text(item, "a command name")
            if name is not None:
                names.append(name)
        return tuple(names)
