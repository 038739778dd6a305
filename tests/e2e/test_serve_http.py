"""`vanban serve` as a shared machine sees it: loopback only, a token on every
request, paths that cannot leave the folder, limits, malformed requests
survived, a clean stop (python3 standard library only)."""
import os
import signal
import socket
import sys

from common import args, check, finish, run, samples
from serve_common import Server, folder_with_samples


def raw(port, data):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    try:
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)
        out = b""
        while True:
            b = s.recv(65536)
            if not b:
                break
            out += b
        return out
    except OSError:
        return b""
    finally:
        s.close()


def listening_addresses(port):
    """Local addresses listening on `port`, from /proc/net/tcp{,6}."""
    out = []
    for f, v6 in (("/proc/net/tcp", False), ("/proc/net/tcp6", True)):
        if not os.path.exists(f):
            continue
        for line in open(f).read().splitlines()[1:]:
            parts = line.split()
            addr, p = parts[1].split(":")
            if int(p, 16) == port and parts[3] == "0A":  # LISTEN
                out.append(("v6:" if v6 else "") + addr)
    return out


def main():
    a = args()
    r = run([a.vanban, "serve", "--help"])
    check(r.returncode == 0 and "127.0.0.1" in r.stdout, "serve --help explains the command")
    r = run([a.vanban, "serve", "--port", "x"])
    check(r.returncode == 2, "a bad --port is a usage error (exit 2)")
    r = run([a.vanban, "serve", os.path.join(a.work, "no-such-folder")])
    check(r.returncode == 3 and "cannot open the folder" in r.stderr, "a missing folder: exit 3 with a message")

    folder = folder_with_samples(a.source, a.work)
    srv = Server(a.vanban, folder, a.source)
    try:
        check(listening_addresses(srv.port) == ["0100007F"],
              f"listens on 127.0.0.1 only ({listening_addresses(srv.port)})")
        check(len(srv.token) == 32, "the address carries a 128-bit token")

        status, _ = srv.json("GET", "/api/files", token=False)
        check(status == 403, "no token: refused")
        status, _, _ = srv.request("GET", "/", token=False)
        check(status == 403, "the page itself needs the token")
        status, body, headers = srv.request("GET", "/?t=" + srv.token, token=False)
        check(status == 200 and b"vanban" in body and "HttpOnly" in headers.get("Set-Cookie", ""),
              "the printed address opens the editor")
        status, files = srv.json("GET", "/api/files")
        check(status == 200 and len(files["files"]) == len(samples(a.source)) and all(f["status"] != "error" for f in files["files"]),
              "the start page lists the folder's samples, all passing check")
        status, _ = srv.json("GET", "/api/files", headers={"Host": f"attacker.example:{srv.port}"})
        check(status == 403, "another Host name (DNS rebinding) is refused")

        for name in ["../../etc/passwd", "/etc/passwd", "..%2Fx.xml", ".hidden.xml", "a/b.xml"]:
            status, _ = srv.json("GET", "/api/file?name=" + name.replace("/", "%2F"))
            check(status in (400, 404), f"name {name!r} cannot leave the folder ({status})")
        status, _, _ = srv.request("GET", "/img/..%2F..%2Fetc%2Fpasswd")
        check(status == 404, "images only from inside the folder")
        status, _ = srv.json("POST", "/api/upload?name=x.png", b"GIF89a" + b"\0" * 100,
                             headers={"Content-Type": "application/octet-stream"})
        check(status == 415, "an upload that is not a PNG is refused")
        status, _ = srv.json("POST", "/api/upload?name=x.png", b"\x89PNG" + b"\0" * (17 << 20),
                             headers={"Content-Type": "application/octet-stream"})
        check(status in (413, 0), f"a body over the size limit is refused ({status or 'connection closed'})")
        status, _ = srv.json("POST", "/api/new", "{broken", headers={"Content-Type": "application/json"})
        check(status == 400, "malformed JSON: 400")
        status, _ = srv.json("POST", "/api/preview?name=x.xml", '{"text": 5}',
                             headers={"Content-Type": "application/json"})
        check(status == 400, "a wrong JSON shape: 400")
        for junk in [b"\x00\x01\x02garbage\r\n\r\n", b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\n\r\n",
                     b"POST /api/preview HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 999999999999999\r\n\r\n",
                     b"GET / HTTP/1.1\r\n" + b"X: " + b"y" * 50000 + b"\r\n\r\n", b"\r\n" * 1000]:
            raw(srv.port, junk)
        status, _ = srv.json("GET", "/api/files")
        check(status == 200 and srv.proc.poll() is None, "the server survives malformed requests")

        status, data, headers = srv.request("POST", "/api/export?name=giao-uoc-khoi-vhxh2-2024.xml&format=pdf", b"")
        check(status == 200 and data.startswith(b"%PDF-") and "attachment" in headers.get("Content-Disposition", ""),
              "export of a file on disk downloads a PDF")
    finally:
        rc = srv.stop()
    check(rc == 0, f"SIGTERM stops it cleanly (exit {rc})")
    finish()


if __name__ == "__main__":
    sys.exit(main())
