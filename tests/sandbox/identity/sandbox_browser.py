"""A browser stand-in for msal's interactive flow: a real webbrowser controller that
fetches the sign-in page, fills in the form, and posts the answer to msal's own listener."""

from __future__ import annotations

import threading
import webbrowser
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

from identity_helpers import client_for


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(
                {
                    "action": values.get("action", ""),
                    "method": values.get("method", "get"),
                    "inputs": [],
                }
            )
        elif tag == "input" and self.forms and values.get("name"):
            self.forms[-1]["inputs"].append(values)


class SandboxBrowser(webbrowser.BaseBrowser):
    """Opens a URL the way a person at a browser would, signing in as CREDENTIALS if asked."""

    def __init__(self, sandbox: Any, credentials: tuple[str, str] | None = None) -> None:
        super().__init__("sccshell-sandbox-browser")
        self.sandbox = sandbox
        self.credentials = credentials
        self.visited: list[str] = []
        self.failures: list[BaseException] = []
        self.done = threading.Event()

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        threading.Thread(target=self._browse, args=(url,), daemon=True).start()
        return True

    def _browse(self, url: str) -> None:
        try:
            # The login host is reached in-process; msal's listener on localhost by socket.
            with client_for(self.sandbox) as http:
                response = http.get(url)
                for _ in range(10):
                    self.visited.append(str(response.url))
                    if response.is_redirect:
                        response = http.get(
                            urljoin(str(response.url), response.headers["location"])
                        )
                        continue
                    form = self._form_of(response.text)
                    if form is None:
                        break
                    response = self._submit(http, str(response.url), form)
        except BaseException as exc:  # reported by the test, not lost in a thread
            self.failures.append(exc)
        finally:
            self.done.set()

    def _form_of(self, text: str) -> dict[str, Any] | None:
        if not text.lstrip().startswith("<"):
            return None
        parser = _Forms()
        parser.feed(text)
        return parser.forms[0] if parser.forms else None

    def _submit(self, http: Any, page_url: str, form: dict[str, Any]) -> Any:
        fields = {
            i["name"]: i.get("value", "") for i in form["inputs"] if i.get("type") != "submit"
        }
        if "passwd" in fields:
            if self.credentials is None:
                raise RuntimeError("the sign-in page asks for a password and no one is there")
            fields["login"], fields["passwd"] = self.credentials
        target = urljoin(page_url, form["action"])
        if form["method"].lower() == "post":
            return http.post(target, data=fields)
        return http.get(target, params=fields)
