"""What the coordinator's terminal shows when `make serve` cannot start or is stopped:
one plain line, never a Python traceback."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

from conftest import ROOT, copy_project


def test_a_second_preview_on_a_busy_port_says_so_in_one_line(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "handbok", "--root", str(ROOT), "serve", "--port", str(port)],
                                cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    lines = (result.stdout + result.stderr).strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in lines[0], lines
    assert f"Port {port} används redan" in lines[0] and f"make serve PORT={port + 1}" in lines[0]


def test_ctrl_c_just_after_a_rebuild_prints_one_plain_line(tmp_path):
    root = copy_project(tmp_path / "project")
    os.symlink(ROOT / "node_modules", root / "node_modules")
    log = tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as out:
        # Its own process group, as a terminal gives it: Ctrl+C reaches the preview and every helper.
        proc = subprocess.Popen([sys.executable, "-m", "handbok", "--root", str(root), "serve", "--port", "8541"],
                                cwd=root, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        def updates():
            return log.read_text(encoding="utf-8").count("Uppdaterad / Updated")
        deadline = time.monotonic() + 240
        while updates() < 1 and time.monotonic() < deadline:
            time.sleep(0.2)
        with open(root / "roles" / "mentor.yml", "a", encoding="utf-8") as f:
            f.write("# sparad / saved\n")
        while updates() < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert updates() == 2, log.read_text(encoding="utf-8")
        os.killpg(proc.pid, signal.SIGINT)  # while the search index is still being made
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    text = log.read_text(encoding="utf-8")
    assert "Traceback" not in text and "KeyboardInterrupt" not in text, text
    assert text.rstrip().splitlines()[-1] == "Förhandsvisningen stoppad / Preview stopped."
