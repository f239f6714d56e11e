"""Nothing printed points nowhere: a build for publishing, and `make publish`, refuse a
missing or placeholder SITE_URL with a message in both languages; a draft may use it."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT
from handbok.build import BuildError, is_placeholder
from handbok.release import publish


def build(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if k not in ("HANDBOK_DRAFT", "SITE_URL", "HANDBOK_EDITION")}
    out = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "handbok", "build", "--no-pdf", "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, env={**clean, **env})
    return result, out


@pytest.mark.parametrize("env", [{}, {"SITE_URL": "https://metodhandbok.example.se/"},
                                 {"SITE_URL": "http://127.0.0.1:8000/"}])
def test_a_build_for_publishing_refuses_a_placeholder_address(tmp_path, env):
    result, out = build(tmp_path, **env)
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr
    assert "riktiga adress" in result.stderr and "real address" in result.stderr  # Swedish and English
    assert "make build DRAFT=1" in result.stderr  # and the way to make a draft
    assert "MkDocs" not in result.stderr  # the message is about the address, nothing else
    assert not out.exists()


def test_real_addresses_pass_and_placeholders_do_not():
    for url in ("https://handbok.uppsala.se/", "https://www.stockholm.se/metodhandbok/"):
        assert not is_placeholder(url)
    for url in ("", "https://metodhandbok.example.se/", "https://handbok.exempelkommun.example/",
                "https://example.org/x/", "http://localhost:8000/"):
        assert is_placeholder(url)


def test_publish_refuses_a_draft_build(site, tmp_path, monkeypatch):
    """`make publish SITE=site` copies a finished build: not one made for the placeholder."""
    monkeypatch.delenv("HANDBOK_DRAFT", raising=False)
    dest = tmp_path / "live"
    with pytest.raises(BuildError, match="SITE_URL"):
        publish(dest, site=site)
    assert not dest.exists()
