"""Run a built site through nginx on 127.0.0.1, exactly as the shipped config serves it.

`make serve-site` and the tests use this. The server block is nginx/handbok.conf
itself, with its listen line and site path put in; around it goes a small main
config with the pid, logs and temporary files in a private folder, so it runs
without root and beside any other nginx.

    python -m handbok.nginx --site site --port 8000
"""
from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "nginx" / "handbok.conf"
SHIPPED_ROOT = "/srv/handbok/current"
MODULES = Path("/usr/lib/nginx/modules")
BROTLI = MODULES / "ngx_http_brotli_static_module.so"


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found:
        sys.exit("nginx saknas / nginx is missing: apt-get install nginx libnginx-mod-http-brotli-static")
    return found


def main_config(site: Path, port: int, workdir: Path) -> str:
    server = SHIPPED.read_text(encoding="utf-8")
    assert SHIPPED_ROOT in server and "listen 80;" in server, "nginx/handbok.conf: listen/root lines changed"
    server = server.replace(SHIPPED_ROOT, str(Path(site).resolve())).replace(
        "listen 80;", f"listen 127.0.0.1:{port};")
    modules = ""
    if BROTLI.exists():
        modules = f"load_module {BROTLI};"
    else:  # say so: only gzip is served then
        print("nginx: brotli_static module missing, serving gzip only "
              "(apt-get install libnginx-mod-http-brotli-static)", file=sys.stderr)
        server = server.replace("brotli_static on;", "")
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""  # workers read the site as you
    w = workdir
    temps = "\n".join(f"    {name}_temp_path {w}/{name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""# Written by handbok/nginx.py for a local run; the server block is nginx/handbok.conf.
{modules}
{user}
daemon off;
worker_processes 1;
pid {w}/nginx.pid;
error_log {w}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
{temps}
{server}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(port: int, proc: subprocess.Popen, workdir: Path) -> None:
    for _ in range(100):
        if proc.poll() is not None:
            log = (workdir / "error.log").read_text() if (workdir / "error.log").exists() else ""
            raise RuntimeError(f"nginx stopped:\n{log}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return
        time.sleep(0.1)
    raise RuntimeError("nginx did not start")


@contextlib.contextmanager
def running(site: Path, port: int | None = None):
    """nginx serving `site` on 127.0.0.1; yields the base URL ("http://127.0.0.1:PORT")."""
    port = port or free_port()
    with tempfile.TemporaryDirectory(prefix="handbok-nginx-") as tmp:
        workdir = Path(tmp)
        os.chmod(workdir, 0o755)
        (workdir / "nginx.conf").write_text(main_config(site, port, workdir), encoding="utf-8")
        proc = subprocess.Popen([nginx_binary(), "-p", str(workdir), "-e", str(workdir / "error.log"),
                                 "-c", str(workdir / "nginx.conf")],
                                stderr=subprocess.PIPE, text=True)
        try:
            _wait(port, proc, workdir)
            yield f"http://127.0.0.1:{port}"
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", default="site")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").exists() or not (site / ".server" / "csp.conf").exists():
        print(f"{site}/ saknar ett färdigt bygge; kör `make build` först. / "
              f"{site}/ holds no finished build; run `make build` first.", file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop nginx too when we are stopped
    with running(site, args.port) as url:
        print(f"nginx: {url}/  (Ctrl+C stoppar / stops)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
    return 0


if __name__ == "__main__":
    sys.exit(main())
