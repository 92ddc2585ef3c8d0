"""A headless Chromium a test can drive as a person would: open a page, type, click, read it back.

Spoken to over the Chrome DevTools Protocol (websocket-client; no browser download, no driver):
Chromium is Debian's, installed by ``make test-setup``. ``Browser.start`` skips the test, saying
why, when it is missing or does not come up.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"


def chromium() -> str:
    """The Chromium binary; else skip, saying why (the install is ``make test``'s, never a test's)."""
    if os.path.exists(CHROMIUM):
        return CHROMIUM
    pytest.skip(f"headless rendering not run: {CHROMIUM} missing (`make test` installs Debian's chromium "
                "with apt-get when run as root; else install it yourself)")


class Browser:
    """One headless Chromium with one page; a context manager that stops it on exit."""

    def __init__(self, process: subprocess.Popen, socket, profile: Path):
        self.process, self.socket, self.profile = process, socket, profile
        self._ids = itertools.count(1)
        self.events: list[dict] = []

    @classmethod
    def start(cls, profile: Path, width: int = 1200, height: int = 900, timeout: float = 60) -> "Browser":
        import websocket

        binary = chromium()
        profile.mkdir(parents=True, exist_ok=True)
        process = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--remote-debugging-port=0",
             "--remote-debugging-address=127.0.0.1", f"--user-data-dir={profile}", f"--window-size={width},{height}",
             "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while not port_file.exists() or not port_file.read_text().strip():
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.skip(f"headless Chromium did not start (exit {process.poll()}); the browser test is not run")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=30) as answer:
            pages = [t for t in json.load(answer) if t.get("type") == "page"]
        socket = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=timeout, suppress_origin=True)
        browser = cls(process, socket, profile)
        browser.send("Page.enable")
        browser.send("Runtime.enable")
        return browser

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.socket.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            shutil.rmtree(self.profile, ignore_errors=True)

    # --- the protocol

    def send(self, method: str, **params) -> dict:
        """Call ``method`` and return its result; events that arrive meanwhile are kept."""
        message_id = next(self._ids)
        self.socket.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == message_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, event: str, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for i, message in enumerate(self.events):
                if message.get("method") == event:
                    return self.events.pop(i)
            self.events.append(json.loads(self.socket.recv()))
        raise TimeoutError(event)

    # --- what a person does

    def open(self, url: str) -> None:
        self.events.clear()
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page (JSON-able values)."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_until(self, expression: str, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while not self.evaluate(expression):
            if time.monotonic() > deadline:
                raise TimeoutError(expression)
            time.sleep(0.05)

    def click(self, selector: str) -> None:
        """Scroll the first element matching ``selector`` into view and click its middle."""
        box = self.evaluate(f"""(() => {{ const e = document.querySelector({json.dumps(selector)});
            e.scrollIntoView({{block: "center"}}); const r = e.getBoundingClientRect();
            return [r.left + r.width / 2, r.top + r.height / 2]; }})()""")
        x, y = box
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def type(self, text: str) -> None:
        """Type ``text`` into the focused element, one key at a time."""
        for character in text:
            self.send("Input.dispatchKeyEvent", type="keyDown", text=character, key=character,
                      unmodifiedText=character)
            self.send("Input.dispatchKeyEvent", type="keyUp", key=character)
