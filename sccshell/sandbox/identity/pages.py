"""The few HTML pages a person (or a test's browser stand-in) sees while signing in."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from sccshell.sandbox.http import Response, text_response

_STYLE = (
    "body{font-family:Segoe UI,Helvetica,Arial,sans-serif;max-width:28em;margin:4em auto;}"
    "input{display:block;margin:.4em 0;width:100%;padding:.3em}.error{color:#a80000}"
)


def _page(title: str, body: str, status: int = 200) -> Response:
    html = (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(title)}</title>"
        f"<style>{_STYLE}</style></head><body>{body}</body></html>"
    )
    return text_response(status, html, "text/html; charset=utf-8")


def _hidden(fields: Mapping[str, str]) -> str:
    return "".join(
        f"<input type='hidden' name='{escape(k)}' value='{escape(v)}'>" for k, v in fields.items()
    )


def sign_in_form(
    action: str, hidden: Mapping[str, str], login_hint: str = "", error: str = ""
) -> Response:
    """The sign-in page: account and password, posted back with the request's parameters."""
    message = f"<p class='error' id='passwordError'>{escape(error)}</p>" if error else ""
    return _page(
        "Sign in to your account",
        f"<h1>Sign in</h1>{message}<form method='post' action='{escape(action)}'>"
        f"{_hidden(hidden)}"
        f"<input type='email' name='login' placeholder='Email, phone, or Skype' value='{escape(login_hint)}'>"
        "<input type='password' name='passwd' placeholder='Password'>"
        "<input type='submit' value='Sign in'></form>",
    )


def form_post(redirect_uri: str, fields: Mapping[str, str]) -> Response:
    """response_mode=form_post: a page that posts the answer to the client's redirect URI."""
    return _page(
        "Working...",
        f"<form method='POST' name='hiddenform' action='{escape(redirect_uri)}'>{_hidden(fields)}"
        "<noscript><p>Script is disabled. Click Submit to continue.</p>"
        "<input type='submit' value='Submit'></noscript></form>"
        "<script>document.forms[0].submit();</script>",
    )


def device_login_form(action: str, code: str = "", error: str = "") -> Response:
    """The device login page: the code shown on the device, then the account to approve it."""
    message = f"<p class='error'>{escape(error)}</p>" if error else ""
    return _page(
        "Enter code",
        f"<h1>Enter code</h1><p>Enter the code displayed on your app or device.</p>{message}"
        f"<form method='post' action='{escape(action)}'>"
        f"<input type='text' name='otc' placeholder='Code' value='{escape(code)}'>"
        "<input type='email' name='login' placeholder='Email, phone, or Skype'>"
        "<input type='password' name='passwd' placeholder='Password'>"
        "<input type='submit' value='Next'></form>",
        200 if not error else 400,
    )


def device_login_done(app_name: str) -> Response:
    return _page(
        "Signed in",
        f"<h1>{escape(app_name)}</h1><p>You have signed in to the {escape(app_name)} application "
        "on your device. You may now close this window.</p>",
    )


def error_page(code: int, message: str, status: int = 400) -> Response:
    """Errors Entra shows in its own page instead of redirecting (bad client or redirect URI)."""
    return _page(
        "Sign in to your account",
        f"<h1>Sorry, but we're having trouble signing you in.</h1>"
        f"<p class='error'>AADSTS{code}: {escape(message)}</p>",
        status,
    )


def signed_out() -> Response:
    return _page("Sign out", "<p>You signed out of your account.</p>")
