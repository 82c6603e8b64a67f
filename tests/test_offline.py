"""Offline by construction: the command line and the window work with the network blocked.

Two layers block the network for the child processes:

- a `sitecustomize` module put first on PYTHONPATH replaces `socket.socket.connect` (and its
  siblings) and name resolution with functions that log the attempt and raise, so that a Python-level
  connection is both refused and seen, even if the code under test swallowed the error;
- where the kernel allows it (`unshare -rn`), the child also runs in a network namespace of its own
  with no interface up, which stops connections made by Qt's C++ code as well.

And a static test keeps network libraries out of the code in the first place.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import textwrap
from functools import cache
from pathlib import Path

import pytest

from helpers import unavailable

REPO = Path(__file__).resolve().parent.parent
SOURCE_DIRS = (REPO / "catalogue", REPO / "gui")

SITECUSTOMIZE = '''
"""Installed by tests/test_offline.py: every network attempt is logged, then refused."""
import os
import socket

_LOG = os.environ["EXPORTREF_NET_LOG"]


class NetworkBlocked(OSError):
    pass


def _refuse(what):
    with open(_LOG, "a", encoding="utf-8") as fh:
        fh.write(what + "\\n")
    raise NetworkBlocked(f"network access blocked by the offline test: {what}")


def _is_inet(family):
    return family in (socket.AF_INET, socket.AF_INET6)


_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_sendto = socket.socket.sendto


def connect(self, address):
    if _is_inet(self.family):
        _refuse(f"connect {address!r}")
    return _connect(self, address)


def connect_ex(self, address):
    if _is_inet(self.family):
        _refuse(f"connect_ex {address!r}")
    return _connect_ex(self, address)


def sendto(self, data, *args):
    if _is_inet(self.family):
        _refuse(f"sendto {args[-1]!r}")
    return _sendto(self, data, *args)


socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
socket.socket.sendto = sendto
socket.create_connection = lambda address, *a, **k: _refuse(f"create_connection {address!r}")
socket.getaddrinfo = lambda host, *a, **k: _refuse(f"getaddrinfo {host!r}")
socket.gethostbyname = lambda host: _refuse(f"gethostbyname {host!r}")
socket.gethostbyname_ex = lambda host: _refuse(f"gethostbyname_ex {host!r}")
socket.gethostbyaddr = lambda host: _refuse(f"gethostbyaddr {host!r}")
'''


@cache
def netns_prefix() -> tuple[str, ...]:
    """`unshare -rn` when this machine lets an unprivileged process have its own network namespace."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    try:
        ok = subprocess.run([unshare, "-rn", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    return (unshare, "-rn") if ok else ()


@pytest.fixture
def offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding the blocking sitecustomize; returns the log of network attempts."""
    site = tmp_path / "offline-site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "network-attempts.log"
    log.write_text("", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(site), str(REPO)]))
    monkeypatch.setenv("EXPORTREF_NET_LOG", str(log))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setenv("LANG", "C.UTF-8")
    # Proxies must not matter either way: nothing should be asking for one.
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(var, raising=False)
    return log


def run_offline(args: list[str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*netns_prefix(), sys.executable, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=dict(os.environ),
        timeout=timeout,
    )


def test_the_blocker_blocks_and_logs(offline: Path, tmp_path: Path) -> None:
    """The harness itself can fail: a connection and a name lookup are refused and logged."""
    code = textwrap.dedent(
        """
        import socket
        for attempt in (lambda: socket.create_connection(("127.0.0.1", 9), timeout=1),
                        lambda: socket.socket().connect(("127.0.0.1", 9)),
                        lambda: socket.getaddrinfo("example.org", 443)):
            try:
                attempt()
            except OSError as exc:
                print(type(exc).__name__)
        """
    )
    run = run_offline(["-c", code], tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["NetworkBlocked"] * 3
    assert offline.read_text(encoding="utf-8").splitlines() == [
        "create_connection ('127.0.0.1', 9)",
        "connect ('127.0.0.1', 9)",
        "getaddrinfo 'example.org'",
    ]


def test_network_namespace_has_no_way_out(offline: Path, tmp_path: Path) -> None:
    if not netns_prefix():
        unavailable("unshare -rn is not permitted here; only the Python-level blocker applies")
    # Below the Python layer: a raw connect through the C socket type (not the patched class) fails too.
    code = "import _socket\ns = _socket.socket()\ntry:\n    s.connect(('1.1.1.1', 53))\nexcept OSError as e:\n    print(e.errno)\n"
    run = run_offline(["-c", code], tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "101"  # ENETUNREACH: no route, no interface


CLI_RUNS = {
    "version": ["--version"],
    "check": ["check"],
    "show": ["show", "083201X"],
    "show-json-as-of": ["show", "083201X", "--json", "--as-of", "2024-01-01"],
    "search": ["search", "gallium"],
    "search-chinese": ["search", "镓", "--json"],
    "index": ["index", "--rebuild"],
    "diff": ["diff", "2023", "2025"],
    "timeline": ["timeline"],
    "sheet": ["sheet", "083201X", "-o", "sheet.pdf"],
}


@pytest.mark.parametrize("name", sorted(CLI_RUNS))
def test_command_line_works_offline(name: str, offline: Path, tmp_path: Path) -> None:
    run = run_offline(["-m", "gui.cli", *CLI_RUNS[name]], tmp_path)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    assert run.stdout.strip() or name == "sheet"
    assert offline.read_text(encoding="utf-8") == ""
    if name == "sheet":
        assert (tmp_path / "sheet.pdf").stat().st_size > 1000


WINDOW_SCRIPT = """
import sys
from PySide6.QtCore import QEventLoop, QTimer
from catalogue.load import load_catalogue
from gui.app import make_application
from gui.main_window import MainWindow

app = make_application([])
window = MainWindow(load_catalogue())
window.show()
assert window.open_id("083201X"), "entry not opened"
html = window.detail.toHtml()
assert "083201X" in html, html[:500]

loop = QEventLoop()
window.index_ready.connect(loop.quit)
QTimer.singleShot(60000, loop.quit)
window.start_index_build()
loop.exec()
assert window.engine is not None, "search index not ready: " + window.index_build.label.text()
hits = window.engine.search("gallium")
print("hits", len(hits.hits))
window.close()
print("window ok")
"""


def test_window_works_offline(offline: Path, tmp_path: Path) -> None:
    """The window opens, shows an entry and builds and queries its search index, offline."""
    run = run_offline(["-c", WINDOW_SCRIPT], tmp_path)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-3000:]
    assert "window ok" in run.stdout
    hits = re.search(r"^hits (\d+)$", run.stdout, re.M)
    assert hits and int(hits[1]) > 0, run.stdout
    assert offline.read_text(encoding="utf-8") == ""


def test_app_entry_point_starts_offline(offline: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`exportref` with no argument: the real start-up path (logging, translators, fonts, window)."""
    monkeypatch.setenv("EXPORTREF_STARTUP_PROBE", "1")  # quit as soon as the window is shown
    run = run_offline(["-m", "gui.cli"], tmp_path)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-3000:]
    assert re.search(r"^shown \d+\.\d+$", run.stdout, re.M), run.stdout
    assert offline.read_text(encoding="utf-8") == ""


# -- static: no network code in the first place ------------------------------------------------------

# Modules that exist to talk to the network (or to hand a URL to another program without asking).
FORBIDDEN_MODULES = (
    "socket",
    "socketserver",
    "ssl",
    "urllib.request",
    "urllib.error",
    "http.client",
    "http.server",
    "http.cookiejar",
    "ftplib",
    "smtplib",
    "imaplib",
    "poplib",
    "telnetlib",
    "xmlrpc",
    "webbrowser",
    "requests",
    "httpx",
    "aiohttp",
    "urllib3",
    "websocket",
    "websockets",
    "PySide6.QtNetwork",
    "PySide6.QtNetworkAuth",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebSockets",
    "PySide6.QtWebView",
    "PySide6.QtHttpServer",
)
# Qt classes that reach the network, caught even when reached through getattr or a star import.
FORBIDDEN_NAMES = (
    "QNetworkAccessManager",
    "QNetworkRequest",
    "QTcpSocket",
    "QUdpSocket",
    "QSslSocket",
    "QHostInfo",
    "QWebEngineView",
    "QWebEnginePage",
    "QWebSocket",
)
# Every place that may hand a URL to the desktop, and why it is safe there.
OPEN_URL_ALLOWED = {
    ("gui/detail_view.py", "confirm_external"): "after ExternalLinkDialog is accepted, http(s) only",
}


def _forbidden(module: str) -> bool:
    return any(module == bad or module.startswith(bad + ".") for bad in FORBIDDEN_MODULES)


def network_offences(source: str, rel: str) -> list[str]:
    """Imports of network modules, uses of network classes, and unlisted openUrl calls in `source`."""
    tree = ast.parse(source)
    found: list[str] = []
    parents: dict[ast.AST, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"{rel}:{node.lineno}: import {a.name}" for a in node.names if _forbidden(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.module:
            mods = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            if any(map(_forbidden, mods)):
                found.append(f"{rel}:{node.lineno}: from {node.module} import {', '.join(a.name for a in node.names)}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("__import__",):
            args = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            found += [f"{rel}:{node.lineno}: __import__({m!r})" for m in args if _forbidden(m)]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "import_module":
            args = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            found += [f"{rel}:{node.lineno}: import_module({m!r})" for m in args if _forbidden(m)]
        elif isinstance(node, ast.Name | ast.Attribute):
            name = node.id if isinstance(node, ast.Name) else node.attr
            if name in FORBIDDEN_NAMES:
                found.append(f"{rel}:{node.lineno}: uses {name}")
            if name == "openUrl":
                func = node
                while func in parents and not isinstance(func, ast.FunctionDef):
                    func = parents[func]
                where = (rel, func.name if isinstance(func, ast.FunctionDef) else "<module>")
                if where not in OPEN_URL_ALLOWED:
                    found.append(f"{rel}:{node.lineno}: openUrl in {where[1]}() is not a reviewed call site")
    return found


def test_no_network_code_in_catalogue_or_gui() -> None:
    offences: list[str] = []
    for folder in SOURCE_DIRS:
        for path in sorted(folder.rglob("*.py")):
            rel = path.relative_to(REPO).as_posix()
            offences += network_offences(path.read_text(encoding="utf-8"), rel)
    assert offences == []


def test_open_url_allow_list_is_current() -> None:
    """Each allowed openUrl site still exists, so the list cannot silently allow a different function."""
    for rel, func in OPEN_URL_ALLOWED:
        tree = ast.parse((REPO / rel).read_text(encoding="utf-8"))
        names = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and "openUrl" in ast.unparse(n)}
        assert func in names, (rel, func)


@pytest.mark.parametrize(
    "snippet",
    [
        "import socket",
        "import urllib.request as r",
        "from urllib import request",
        "from http.client import HTTPSConnection",
        "import requests",
        "from PySide6.QtNetwork import QNetworkAccessManager",
        "from PySide6 import QtNetwork",
        "import PySide6.QtWebEngineWidgets",
        "mod = importlib.import_module('ssl')",
        "m = __import__('webbrowser')",
        "manager = getattr(QtNetwork, 'x').QNetworkAccessManager()",
        "def show_log():\n    QDesktopServices.openUrl(QUrl.fromLocalFile('/'))",
    ],
)
def test_scanner_catches(snippet: str) -> None:
    """The static test can fail: each of these is reported."""
    assert network_offences(snippet, "gui/example.py"), snippet


@pytest.mark.parametrize(
    "snippet",
    ["from urllib.parse import quote, urlsplit", "import sqlite3", "from PySide6.QtCore import QUrl", "import http"],
)
def test_scanner_allows(snippet: str) -> None:
    assert network_offences(snippet, "gui/example.py") == []
