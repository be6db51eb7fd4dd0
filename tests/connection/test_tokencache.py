"""The on-disk token cache: private modes, atomic writes, two shells at once."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import httpx
import pytest

from sccshell.connection.auth import sign_in_password
from sccshell.connection.environments import sandbox_environment
from sccshell.connection.tokencache import PersistentTokenCache, cache_dir
from sccshell.sandbox import hosts
from sccshell.sandbox.core import Sandbox, SandboxConfig

ROOT = Path(__file__).parents[2]


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _sign_in(sb: Sandbox, cache: PersistentTokenCache, upn: str | None = None):
    upn = upn or sb.directory.admin_upn
    transport = httpx.WSGITransport(app=sb)
    http = httpx.Client(mounts={f"https://{hosts.LOGIN}": transport}, trust_env=False)
    env = sandbox_environment()
    source = sign_in_password(
        env.authority, env.exchange_resource, http, upn, sb.directory.password_of(upn), cache
    )
    return source, http


def test_cache_dir_honours_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SCCSHELL_CACHE_DIR", str(tmp_path / "base"))
    assert cache_dir() == tmp_path / "base" / "tokens"
    assert PersistentTokenCache("work").path == tmp_path / "base" / "tokens" / "work.json"
    with pytest.raises(ValueError):
        PersistentTokenCache("../escape")


def test_modes_atomic_replace_and_silent_first(tmp_path):
    sb = Sandbox(SandboxConfig(mailboxes=10, auto_approve=True))
    folder = tmp_path / "tokens"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    cache = PersistentTokenCache("p1", folder)
    source, http = _sign_in(sb, cache)
    try:
        assert _mode(folder) == 0o700
        assert _mode(cache.path) == 0o600
        first_inode = os.stat(cache.path).st_ino
        saved = json.loads(cache.path.read_text())
        assert saved["RefreshToken"] and saved["AccessToken"]
        cache.path.chmod(0o644)  # a file left too open by someone is made private again
        source.token(force_refresh=True)
        assert _mode(cache.path) == 0o600
        assert os.stat(cache.path).st_ino != first_inode  # replaced, never rewritten in place
        assert [p.name for p in folder.iterdir() if p.name.startswith(".tmp-")] == []
        # A new shell with the same profile signs in from the saved state, no password asked.
        sb.log.clear()
        again = PersistentTokenCache("p1", folder)
        source2, http2 = _sign_in(sb, again)
        assert source2.token()
        http2.close()
        assert not [e for e in sb.log.entries(path_contains="/token") if "password" in e.body]
    finally:
        http.close()


_CHILD = textwrap.dedent(
    """
    import sys
    import httpx
    from sccshell.connection.auth import sign_in_password
    from sccshell.connection.environments import sandbox_environment
    from sccshell.connection.tokencache import PersistentTokenCache
    from sccshell.sandbox import hosts
    from sccshell.sandbox.core import Sandbox, SandboxConfig

    sb = Sandbox(SandboxConfig(mailboxes=5))
    upn = sb.directory.admin_upn if sys.argv[2] == "admin" else sb.directory.helpdesk.name
    http = httpx.Client(mounts={f"https://{hosts.LOGIN}": httpx.WSGITransport(app=sb)})
    env = sandbox_environment()
    cache = PersistentTokenCache("shared", sys.argv[1])
    source = sign_in_password(
        env.authority, env.exchange_resource, http, upn, sb.directory.password_of(upn), cache
    )
    for _ in range(5):
        source.token(force_refresh=True)
    """
)


def test_two_processes_share_one_cache(tmp_path):
    folder = tmp_path / "tokens"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(folder), who],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("admin", "helpdesk")
    ]
    for child in children:
        _, err = child.communicate(timeout=60)
        assert child.returncode == 0, err
    saved = json.loads((folder / "shared.json").read_text())
    users = {a["username"] for a in saved["Account"].values()}
    assert users == {f"admin@{hosts.TENANT_DOMAIN}", f"helpdesk@{hosts.TENANT_DOMAIN}"}
    assert len(saved["RefreshToken"]) == 2
