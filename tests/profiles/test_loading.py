"""Where profiles come from: the XDG folder, profiles/*.yaml beside it, --profile-file."""

from __future__ import annotations

from pathlib import Path

import pytest
from profile_helpers import make_env, write

from sccshell.profiles import Profile, ProfileError, ProfileSet, config_dir, load_profiles

ONE = """
version: 1
profiles:
  {name}:
    organization: {name}.onmicrosoft.com
"""


def test_xdg_profiles_yaml_and_the_folder_beside_it(tmp_path: Path) -> None:
    base = tmp_path / "xdg" / "sccshell"
    write(base / "profiles.yaml", ONE.format(name="contoso"))
    write(base / "profiles" / "b.yaml", ONE.format(name="northwind"))
    write(base / "profiles" / "a.yaml", ONE.format(name="adatum"))
    write(base / "profiles" / "notes.txt", "not yaml")
    env = make_env({"XDG_CONFIG_HOME": str(tmp_path / "xdg")})
    assert config_dir(env) == base
    profiles = load_profiles(env)
    assert profiles.names() == ["contoso", "adatum", "northwind"]
    assert profiles.files == (
        str(base / "profiles.yaml"),
        str(base / "profiles" / "a.yaml"),
        str(base / "profiles" / "b.yaml"),
    )


def test_profiles_live_beside_config_yaml(tmp_path: Path) -> None:
    """$SCCSHELL_CONFIG_DIR moves the whole config folder: config.yaml and profiles alike."""
    from sccshell.config import config_dir as config_yaml_dir

    own = tmp_path / "own"
    write(own / "profiles.yaml", ONE.format(name="contoso"))
    write(tmp_path / "xdg" / "sccshell" / "profiles.yaml", ONE.format(name="elsewhere"))
    environ = {"SCCSHELL_CONFIG_DIR": str(own), "XDG_CONFIG_HOME": str(tmp_path / "xdg")}
    env = make_env(environ)
    assert config_dir(env) == own == config_yaml_dir(environ)
    assert load_profiles(env).names() == ["contoso"]


def test_only_the_folder(tmp_path: Path) -> None:
    write(tmp_path / "sccshell" / "profiles" / "a.yaml", ONE.format(name="adatum"))
    env = make_env({"XDG_CONFIG_HOME": str(tmp_path)})
    assert load_profiles(env).names() == ["adatum"]


def test_no_files_is_an_empty_set(tmp_path: Path) -> None:
    profiles = load_profiles(make_env({"XDG_CONFIG_HOME": str(tmp_path)}))
    assert profiles.names() == [] and len(profiles) == 0
    with pytest.raises(ProfileError, match="no profiles are defined"):
        profiles.get("contoso")


def test_profile_file_replaces_the_xdg_files(tmp_path: Path) -> None:
    write(tmp_path / "sccshell" / "profiles.yaml", ONE.format(name="contoso"))
    other = write(tmp_path / "elsewhere.yaml", ONE.format(name="fabrikam"))
    write(tmp_path / "profiles" / "x.yaml", ONE.format(name="beside"))  # not read
    env = make_env({"XDG_CONFIG_HOME": str(tmp_path)})
    assert load_profiles(env, str(other)).names() == ["fabrikam"]


def test_missing_profile_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(ProfileError) as caught:
        load_profiles(make_env(), str(path))
    assert caught.value.lines == [
        f"{path}: error: cannot read the profile file: No such file or directory"
    ]


def test_duplicate_names_across_files_name_both(tmp_path: Path) -> None:
    base = tmp_path / "sccshell"
    first = write(base / "profiles.yaml", ONE.format(name="contoso"))
    second = write(base / "profiles" / "more.yaml", ONE.format(name="Contoso"))
    with pytest.raises(ProfileError) as caught:
        load_profiles(make_env({"XDG_CONFIG_HOME": str(tmp_path)}))
    assert caught.value.lines == [
        f"{second}:3:3: error: profile 'Contoso' is also defined at {first}:3:3; "
        "profile names must be unique across all profile files"
    ]


def test_problems_of_every_file_are_reported(tmp_path: Path) -> None:
    base = tmp_path / "sccshell"
    one = write(base / "profiles.yaml", "version: 2\nprofiles:\n")
    two = write(base / "profiles" / "x.yaml", "version: 1\nprofiles: [a]\n")
    with pytest.raises(ProfileError) as caught:
        load_profiles(make_env({"XDG_CONFIG_HOME": str(tmp_path)}))
    assert [line.split(": error")[0] for line in caught.value.lines] == [
        f"{one}:1:10",
        f"{two}:2:11",
    ]


def test_get_exact_case_insensitive_and_suggestion(tmp_path: Path) -> None:
    path = write(
        tmp_path / "p.yaml",
        """
        version: 1
        profiles:
          contoso: {}
          fabrikam:
        """,
    )
    profiles = load_profiles(make_env(), str(path))
    assert isinstance(profiles, ProfileSet)
    contoso = profiles.get("contoso")
    assert isinstance(contoso, Profile) and contoso.name == "contoso"
    assert profiles.get("CONTOSO") is contoso
    assert "Fabrikam" in profiles and "adatum" not in profiles
    with pytest.raises(
        ProfileError, match="unknown profile 'contosso' \\(did you mean contoso\\?\\)"
    ):
        profiles.get("contosso")
    with pytest.raises(ProfileError, match="known profiles: contoso, fabrikam"):
        profiles.get("zzz")


def test_defaults_of_a_bare_profile(tmp_path: Path) -> None:
    path = write(tmp_path / "p.yaml", "version: 1\nprofiles:\n  bare:\n")
    profile = load_profiles(make_env(), str(path)).get("bare")
    assert profile.environment == "O365Default"
    assert profile.auth.method == "interactive"
    assert [(c.service, c.prefix) for c in profile.connections] == [("exchange", "")]
    assert not profile.read_only and not profile.production


def test_full_profile_is_read_and_normalised(tmp_path: Path) -> None:
    path = write(
        tmp_path / "p.yaml",
        """
        version: 1
        profiles:
          contoso:
            environment: o365usgovgcchigh
            organization: contoso.onmicrosoft.us
            auth:
              method: Certificate
              app_id: 3C4F9E1A-7B2D-4F6A-9C8E-1D2B3A4F5E6C
              certificate_path: certs/app.pfx
              certificate_password_env: PFX_PASSWORD
            delegated_organization: adatum.onmicrosoft.us
            proxy: http://proxy.contoso.com:8080
            ca_bundle: /etc/ssl/corp.pem
            read_only: true
            production: true
            color: Red
            connections:
              - service: Exchange
                prefix: ""
                command_names: [Get-Mailbox, Set-Mailbox]
                page_size: 250
                connection_uri: https://outlook.office365.us/powershell-liveid
                authority: https://login.microsoftonline.us/organizations
              - service: compliance
                prefix: SCC
                search_only: true
        """,
    )
    profile = load_profiles(make_env(), str(path)).get("contoso")
    assert profile.environment == "O365USGovGCCHigh"
    assert profile.auth.method == "certificate"
    assert profile.auth.certificate_path == tmp_path / "certs" / "app.pfx"
    assert profile.auth.certificate_password is not None
    assert profile.auth.certificate_password.env == "PFX_PASSWORD"
    assert profile.ca_bundle == Path("/etc/ssl/corp.pem")
    assert profile.read_only and profile.production and profile.color == "red"
    exchange, compliance = profile.connections
    assert exchange.service == "exchange" and exchange.page_size == 250
    assert exchange.command_names == ("Get-Mailbox", "Set-Mailbox")
    assert exchange.connection_uri == "https://outlook.office365.us/powershell-liveid"
    assert compliance.prefix == "SCC" and compliance.search_only


def test_merge_keys_share_settings(tmp_path: Path) -> None:
    path = write(
        tmp_path / "p.yaml",
        """
        version: 1
        x-base: &base
          organization: contoso.onmicrosoft.com
          read_only: true
        profiles:
          a:
            <<: *base
          b:
            <<: *base
            read_only: false
        """,
    )
    profiles = load_profiles(make_env(), str(path))
    assert profiles.get("a").read_only is True
    assert profiles.get("b").read_only is False
    assert profiles.get("b").organization == "contoso.onmicrosoft.com"


def test_profiles_are_frozen(tmp_path: Path) -> None:
    path = write(tmp_path / "p.yaml", ONE.format(name="contoso"))
    profile = load_profiles(make_env(), str(path)).get("contoso")
    with pytest.raises(AttributeError):
        profile.name = "x"  # type: ignore[misc]
