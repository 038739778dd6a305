"""Starting and stopping `vanban serve` for the end-to-end tests."""
import json
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request


class Server:
    """`vanban serve DIR --port 0`; .base is the address, .token the run's token."""

    def __init__(self, vanban, folder, source):
        env = dict(os.environ, VANBAN_TEMPLATES=os.path.join(source, "templates"))
        self.proc = subprocess.Popen([vanban, "serve", folder, "--port", "0"], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, env=env)
        self.base = self.token = None
        deadline = time.time() + 20
        lines = []
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            m = re.search(r"http://127\.0\.0\.1:(\d+)/\?t=([0-9a-f]+)", line)
            if m:
                self.port = int(m.group(1))
                self.base = f"http://127.0.0.1:{self.port}"
                self.token = m.group(2)
                self.url = m.group(0)
                break
        if not self.base:
            self.proc.kill()
            raise RuntimeError("vanban serve printed no address: " + "".join(lines) + self.proc.stderr.read())

    def request(self, method, path, body=None, headers=None, token=True):
        h = dict(headers or {})
        if token:
            h["X-Vanban-Token"] = self.token
        if isinstance(body, str):
            body = body.encode()
        req = urllib.request.Request(self.base + path, data=body, method=method, headers=h)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, r.read(), dict(r.headers)
        except urllib.error.HTTPError as e:
            return e.code, e.read(), dict(e.headers)
        except (ConnectionError, urllib.error.URLError) as e:
            # The server may answer and close before a large body is sent.
            return 0, str(e).encode(), {}

    def json(self, method, path, body=None, **kw):
        status, data, _ = self.request(method, path, body, **kw)
        try:
            return status, json.loads(data)
        except ValueError:
            return status, {"raw": data[:200]}

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                return None
        return self.proc.returncode


def folder_with_samples(source, work, name="docs"):
    d = os.path.join(work, name)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(os.path.join(source, "data")):
        if f.endswith(".xml") or f == "calendar.toml":
            shutil.copy(os.path.join(source, "data", f), d)
    return d
