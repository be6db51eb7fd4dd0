"""Every validation problem, with the LINE:COL it points at and its message."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Problems = Callable[[str], list[str]]


def profile(body: str, name: str = "contoso") -> str:
    """A file with one profile whose settings are BODY (indented by the caller's 4 spaces)."""
    return f"version: 1\nprofiles:\n  {name}:\n{body}"


CASES = [
    # --- the file as a whole ---
    (
        "syntax",
        "version: 1\nprofiles:\n  a: {organization: x\n",
        ["4:1: error: did not find expected ',' or '}' (while parsing a flow mapping at 3:6)"],
    ),
    (
        "tab",
        "version: 1\nprofiles:\n  a:\n\torganization: x\n",
        [
            "4:1: error: found character that cannot start any token; indent YAML with spaces, not tabs"
        ],
    ),
    (
        "not a mapping",
        "- a\n",
        [
            "1:1: error: a profile file (version: 1, profiles: ...) must be a mapping of keys, not a list"
        ],
    ),
    ("version missing", "profiles:\n  a:\n", ["1:1: error: version: 1 is missing"]),
    (
        "version wrong",
        "version: 2\nprofiles:\n",
        ["1:10: error: unsupported version '2'; this sccshell reads version: 1"],
    ),
    (
        "version text",
        "version: '1'\nprofiles:\n",
        ["1:10: error: unsupported version '1'; this sccshell reads version: 1"],
    ),
    ("profiles missing", "version: 1\n", ["1:1: error: profiles: is missing"]),
    (
        "profiles list",
        "version: 1\nprofiles:\n  - a\n",
        ["3:3: error: profiles must be a mapping of profile names, not a list"],
    ),
    (
        "top unknown",
        "version: 1\nprofile:\n  a:\n",
        [
            "1:1: error: profiles: is missing",
            "2:1: error: unknown key 'profile' in a profile file (version: 1, profiles: ...) (did you mean profiles?)",
        ],
    ),
    (
        "duplicate key",
        "version: 1\nprofiles:\n  a:\n    read_only: true\n    read_only: false\n",
        ["5:5: error: duplicate key 'read_only' (first at 4:5)"],
    ),
    (
        "bad name",
        "version: 1\nprofiles:\n  'my profile':\n",
        [
            "3:3: error: profile name 'my profile' may hold only letters, digits, '.', '_' and '-' and must start with a letter or digit"
        ],
    ),
    (
        "profile scalar",
        "version: 1\nprofiles:\n  a: 3\n",
        ["3:6: error: profile 'a' must be a mapping of keys, not '3'"],
    ),
    # --- profile keys ---
    (
        "unknown key",
        profile("    enviroment: O365Default\n"),
        ["4:5: error: unknown key 'enviroment' in profile 'contoso' (did you mean environment?)"],
    ),
    (
        "unknown key far",
        profile("    banana: 1\n"),
        ["4:5: error: unknown key 'banana' in profile 'contoso'"],
    ),
    (
        "environment",
        profile("    environment: O365Germany\n"),
        [
            "4:18: error: unknown environment 'O365Germany' (did you mean O365GermanyCloud?); one of: O365Default | O365USGovGCCHigh | O365USGovDoD | O365GermanyCloud | O365China | Sandbox"
        ],
    ),
    (
        "environment list",
        profile("    environment: [a]\n"),
        ["4:18: error: environment must be a single value, not a list"],
    ),
    (
        "organization empty",
        profile("    organization: ' '\n"),
        ["4:19: error: organization is empty"],
    ),
    (
        "read_only",
        profile("    read_only: maybe\n"),
        ["4:16: error: read_only must be true or false, not 'maybe'"],
    ),
    (
        "production",
        profile("    production: 1\n"),
        ["4:17: error: production must be true or false, not '1'"],
    ),
    (
        "color",
        profile("    color: redd\n"),
        [
            "4:12: error: unknown color 'redd' (did you mean red?); one of: black, red, green, yellow, blue, magenta, cyan, white, gray, grey, brightblack, brightred, brightgreen, brightyellow, brightblue, brightmagenta, brightcyan, brightwhite, or #rrggbb"
        ],
    ),
    (
        "proxy scheme",
        profile("    proxy: socks5://p:1080\n"),
        [
            "4:12: error: proxy 'socks5://p:1080' is not an http:// or https:// URL (e.g. http://proxy.contoso.com:8080)"
        ],
    ),
    (
        "proxy password",
        profile("    proxy: http://bob:pw@p:8080\n"),
        [
            "4:12: error: the proxy URL holds a password; secrets are never stored in the profile file: leave proxy out and set HTTPS_PROXY in the environment instead"
        ],
    ),
    # --- auth ---
    (
        "auth scalar",
        profile("    auth: interactive\n"),
        ["4:11: error: auth of profile 'contoso' must be a mapping of keys, not 'interactive'"],
    ),
    (
        "method missing",
        profile("    auth:\n      user: a@b.c\n"),
        [
            "4:5: error: auth.method is missing; one of: interactive | device | password | certificate | access_token | managed_identity"
        ],
    ),
    (
        "method unknown",
        profile("    auth:\n      method: pasword\n"),
        [
            "5:15: error: unknown auth.method 'pasword' (did you mean password?); one of: interactive | device | password | certificate | access_token | managed_identity"
        ],
    ),
    (
        "auth unknown key",
        profile("    auth:\n      method: password\n      user: a@b.c\n      pasword_env: PW\n"),
        [
            "7:7: error: unknown key 'pasword_env' in auth of profile 'contoso' (did you mean password_env?)"
        ],
    ),
    (
        "key of other method",
        profile("    auth:\n      method: interactive\n      token_env: T\n"),
        [
            "6:7: error: auth.token_env does not apply to method interactive (it is for: access_token)"
        ],
    ),
    (
        "password needs user",
        profile("    auth:\n      method: password\n"),
        ["4:5: error: method password needs auth.user"],
    ),
    (
        "certificate needs",
        profile(
            "    organization: contoso.onmicrosoft.com\n    auth:\n      method: certificate\n"
        ),
        [
            "5:5: error: method certificate needs auth.app_id",
            "5:5: error: method certificate needs auth.certificate_path",
        ],
    ),
    (
        "certificate needs organization",
        profile(
            "    auth:\n      method: certificate\n      app_id: 3c4f9e1a-7b2d-4f6a-9c8e-1d2b3a4f5e6c\n      certificate_path: a.pfx\n"
        ),
        [
            "3:3: error: method certificate needs organization: (the tenant's primary .onmicrosoft.com domain)"
        ],
    ),
    (
        "managed identity needs organization",
        profile("    auth:\n      method: managed_identity\n"),
        [
            "3:3: error: method managed_identity needs organization: (the tenant's primary .onmicrosoft.com domain)"
        ],
    ),
    (
        "app id guid",
        profile(
            "    organization: c.onmicrosoft.com\n    auth:\n      method: certificate\n      app_id: my-app\n      certificate_path: a.pfx\n"
        ),
        ["7:15: error: auth.app_id must be an application (client) id GUID, not 'my-app'"],
    ),
    (
        "client id guid",
        profile(
            "    organization: c.onmicrosoft.com\n    auth:\n      method: managed_identity\n      client_id: 42\n"
        ),
        ["7:18: error: auth.client_id must be an application (client) id GUID, not '42'"],
    ),
    (
        "env and file",
        profile(
            "    auth:\n      method: password\n      user: a@b.c\n      password_env: PW\n      password_file: pw.txt\n"
        ),
        ["8:7: error: give auth.password_env or auth.password_file, not both"],
    ),
    (
        "env name",
        profile("    auth:\n      method: access_token\n      token_env: $TOKEN\n"),
        [
            "6:18: error: auth.token_env names an environment variable (letters, digits and _), not '$TOKEN'"
        ],
    ),
    # --- secrets anywhere ---
    (
        "password",
        profile("    auth:\n      method: password\n      user: a@b.c\n      password: hunter2\n"),
        [
            "7:7: error: 'password': secrets are never stored in the profile file; use password_env: NAME or password_file: PATH, or leave it out to be prompted"
        ],
    ),
    (
        "certificate_password",
        profile(
            "    organization: c.onmicrosoft.com\n    auth:\n      method: certificate\n      app_id: 3c4f9e1a-7b2d-4f6a-9c8e-1d2b3a4f5e6c\n      certificate_path: a.pfx\n      certificate_password: x\n"
        ),
        [
            "9:7: error: 'certificate_password': secrets are never stored in the profile file; use certificate_password_env: NAME or certificate_password_file: PATH, or leave it out to be prompted"
        ],
    ),
    (
        "token",
        profile("    auth:\n      method: access_token\n      token: eyJ0eXAi\n"),
        [
            "6:7: error: 'token': secrets are never stored in the profile file; use token_env: NAME or token_file: PATH, or leave it out to be prompted"
        ],
    ),
    (
        "secret",
        profile("    secret: s3cret\n"),
        [
            "4:5: error: 'secret': secrets are never stored in the profile file; sign in with a certificate (method: certificate) or pass a token (token_env: NAME)"
        ],
    ),
    (
        "secret in a connection",
        profile("    connections:\n      - service: exchange\n        password: x\n"),
        [
            "6:9: error: 'password': secrets are never stored in the profile file; use password_env: NAME or password_file: PATH, or leave it out to be prompted"
        ],
    ),
    (
        "secret at the top",
        "version: 1\nx-shared:\n  token: abc\nprofiles:\n",
        [
            "3:3: error: 'token': secrets are never stored in the profile file; use token_env: NAME or token_file: PATH, or leave it out to be prompted"
        ],
    ),
    # --- connections ---
    (
        "connections empty",
        profile("    connections: []\n"),
        [
            "4:18: error: connections is empty; leave it out for one Exchange connection without a prefix"
        ],
    ),
    (
        "connections null",
        profile("    connections:\n"),
        [
            "4:5: error: connections is empty; leave it out for one Exchange connection without a prefix"
        ],
    ),
    (
        "connections mapping",
        profile("    connections:\n      service: exchange\n"),
        ["5:7: error: connections must be a list (- service: exchange), not a mapping"],
    ),
    (
        "service missing",
        profile("    connections:\n      - prefix: A\n"),
        [
            "5:9: error: service is missing in connection 1 of profile 'contoso': exchange or compliance"
        ],
    ),
    (
        "service unknown",
        profile("    connections:\n      - service: complience\n"),
        [
            "5:18: error: unknown service 'complience' (did you mean compliance?); one of: exchange | compliance"
        ],
    ),
    (
        "connection unknown key",
        profile("    connections:\n      - service: exchange\n        pagesize: 10\n"),
        [
            "6:9: error: unknown key 'pagesize' in connection 1 of profile 'contoso' (did you mean page_size?)"
        ],
    ),
    (
        "page_size range",
        profile("    connections:\n      - service: exchange\n        page_size: 1001\n"),
        ["6:20: error: page_size must be from 1 to 1000, not 1001"],
    ),
    (
        "page_size text",
        profile("    connections:\n      - service: exchange\n        page_size: lots\n"),
        ["6:20: error: page_size must be a whole number, not 'lots'"],
    ),
    (
        "page_size compliance",
        profile("    connections:\n      - service: compliance\n        page_size: 100\n"),
        [
            "6:9: error: page_size applies to exchange connections only (Connect-IPPSSession has no -PageSize)"
        ],
    ),
    (
        "search_only exchange",
        profile("    connections:\n      - service: exchange\n        search_only: true\n"),
        [
            "6:9: error: search_only applies to compliance connections only (-EnableSearchOnlySession is a Connect-IPPSSession switch)"
        ],
    ),
    (
        "connection_uri http",
        profile(
            "    connections:\n      - service: exchange\n        connection_uri: http://outlook.office365.com\n"
        ),
        [
            "6:25: error: Invalid ConnectionUri parameter 'http://outlook.office365.com'; connection_uri must be an https:// URL"
        ],
    ),
    (
        "authority not a url",
        profile("    connections:\n      - service: exchange\n        authority: login\n"),
        [
            "6:20: error: Invalid AzureADAuthorizationEndpointUri parameter 'login'; authority must be an https:// URL"
        ],
    ),
    (
        "command_names mapping",
        profile("    connections:\n      - service: exchange\n        command_names: {a: 1}\n"),
        ["6:24: error: command_names must be a list of cmdlet names, not a mapping"],
    ),
    (
        "same prefix same service",
        profile(
            "    connections:\n      - service: exchange\n      - service: exchange\n        prefix: ''\n"
        ),
        [
            "6:9: error: a second exchange connection with prefix '' (first at 5:9); give each exchange connection its own prefix"
        ],
    ),
    (
        "same prefix any case",
        profile(
            "    connections:\n      - service: compliance\n        prefix: scc\n      - service: compliance\n        prefix: SCC\n"
        ),
        [
            "7:9: error: a second compliance connection with prefix 'SCC' (first at 5:9); give each compliance connection its own prefix"
        ],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_problem(problems: Problems, text: str, expected: list[str]) -> None:
    assert problems(text) == expected


def test_all_problems_of_a_file_are_reported_in_order(problems: Problems) -> None:
    text = profile(
        "    environment: Mars\n    auth:\n      method: password\n      password: x\n    read_only: sure\n"
    )
    assert [line.split(": error")[0] for line in problems(text)] == ["4:18", "5:5", "7:7", "8:16"]


def test_same_prefix_on_different_services_is_fine(problems: Problems) -> None:
    assert (
        problems(
            profile("    connections:\n      - service: exchange\n      - service: compliance\n")
        )
        == []
    )
