"""The build: all or nothing, and live reload while editing."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from conftest import run_cli


def test_a_failed_build_keeps_the_last_good_site(full_project, tmp_path):
    out = tmp_path / "site"
    assert run_cli(full_project, "build", "--no-pdf", "--out", str(out)).returncode == 0
    before = (out / "roller" / "kurator" / "index.html").read_text(encoding="utf-8")
    f = full_project / "roles" / "kurator.yml"
    f.write_text(f.read_text(encoding="utf-8").replace("mission:", "misssion:"), encoding="utf-8")
    result = run_cli(full_project, "build", "--no-pdf", "--out", str(out))
    assert result.returncode == 1
    assert "roles/kurator.yml" in result.stderr and "orört" in result.stderr and "untouched" in result.stderr
    assert (out / "roller" / "kurator" / "index.html").read_text(encoding="utf-8") == before
    assert not [p for p in tmp_path.iterdir() if "building" in p.name]


def test_a_broken_template_link_fails_the_build_and_keeps_the_site(full_project, tmp_path):
    out = tmp_path / "site"
    assert run_cli(full_project, "build", "--no-pdf", "--out", str(out)).returncode == 0
    page = full_project / "docs" / "sv" / "om.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[trasig](finns-inte.md)\n", encoding="utf-8")
    result = run_cli(full_project, "build", "--no-pdf", "--out", str(out))
    assert result.returncode == 1
    assert "finns-inte.md" in result.stderr
    assert (out / "om" / "index.html").exists() and (out / "en" / "om" / "index.html").exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(url: str, needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if needle in _get(url):
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def test_serve_reloads_when_a_toolbox_file_changes(full_project):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "handbok", "--root", str(full_project), "serve", "--port", str(port)],
                            cwd=full_project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # what `make serve` runs
    try:
        url = f"http://127.0.0.1:{port}/verktygslada/hembesok/"
        assert _wait_for(url, "hb-family", 120), "serve did not start"
        assert _wait_for(f"http://127.0.0.1:{port}/en/verktygslada/hembesok/", 'lang="en"', 30)
        f = full_project / "toolbox" / "hembesok.yml"
        text = f.read_text(encoding="utf-8")
        f.write_text(text.replace("\nfamily_line:\n  sv: ", "\nfamily_line:\n  sv: Nyss ändrad. ", 1)
                     if "\nfamily_line:\n  sv: " in text else text + "\n# edited\n", encoding="utf-8")
        f.write_text(f.read_text(encoding="utf-8").replace("\ntitle:\n  sv: ", "\ntitle:\n  sv: Redigerad ", 1),
                     encoding="utf-8")
        assert _wait_for(url, "Redigerad ", 120), "the page did not update after the edit"
    finally:
        proc.terminate()
        proc.wait(10)
