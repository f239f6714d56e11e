"""For a shared handbook the editor saves through the municipality's GitLab as a merge
request, never into the server's files. Tested against a small fake GitLab on 127.0.0.1
that answers the two documented REST calls the editor makes (create a commit on a new
branch, create a merge request) and records what it was sent."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from handbok import editor, gitlab
from handbok.validate import load_content
from test_editor_roundtrip import submitted

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "glpat-test-0123456789"


@pytest.fixture
def fake_gitlab():
    calls = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            calls.append({"path": self.path, "token": self.headers.get("PRIVATE-TOKEN"), "body": body})
            if self.headers.get("PRIVATE-TOKEN") != TOKEN:
                return self._answer(401, {"message": "401 Unauthorized"})
            if self.path == "/api/v4/projects/kommun%2Fhandbok/repository/commits":
                return self._answer(201, {"id": "abc123", "short_id": "abc123"})
            if self.path == "/api/v4/projects/kommun%2Fhandbok/merge_requests":
                return self._answer(201, {"iid": 7, "web_url": f"{url}/kommun/handbok/-/merge_requests/7"})
            return self._answer(404, {"message": "404 Project Not Found"})

        def _answer(self, status, data):
            raw = json.dumps(data).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    url = f"http://127.0.0.1:{httpd.server_address[1]}"
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield url, calls
    httpd.shutdown()


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT)


def _propose(ed, token, change):
    form = submitted(ed.get("/__editor__/edit", {"doc": ["roles/mentor.yml"]})[2])
    form.update(change)
    form.update({"action": ["propose"], "token": [token], "message": ["Mentorns uppdrag förtydligat"]})
    return ed.post("/__editor__/edit", {"doc": ["roles/mentor.yml"]}, form)


def test_saving_proposes_a_merge_request_and_leaves_the_files_alone(fake_gitlab, content):
    url, calls = fake_gitlab
    ed = editor.Editor(ROOT, lambda: content, host=gitlab.Host(url, "kommun/handbok", "main"))
    before = (ROOT / "roles" / "mentor.yml").read_text(encoding="utf-8")
    page = ed.get("/__editor__/edit", {"doc": ["roles/mentor.yml"]})[2]
    assert "Skicka som ändringsförslag" in page and 'value="save"' not in page
    assert 'type="password" id="token" name="token" autocomplete="off"' in page

    status, _, page = _propose(ed, TOKEN, {"f.title.sv": ["Mentor i skolan"]})
    assert status == 200 and f"{url}/kommun/handbok/-/merge_requests/7" in page
    assert "Ändringsförslaget är skickat" in page
    assert TOKEN not in page  # the token goes to the host only, and is not kept in the form
    assert (ROOT / "roles" / "mentor.yml").read_text(encoding="utf-8") == before

    commit, mr = calls
    assert commit["token"] == mr["token"] == TOKEN
    branch = commit["body"]["branch"]
    assert branch.startswith("redigering/") and commit["body"]["start_branch"] == "main"
    action, = commit["body"]["actions"]
    assert action["action"] == "update" and action["file_path"] == "roles/mentor.yml"
    assert action["content"] == before.replace("\n  sv: Mentor\n", "\n  sv: Mentor i skolan\n", 1)
    assert commit["body"]["commit_message"] == "Mentorns uppdrag förtydligat"
    assert mr["body"] == {"source_branch": branch, "target_branch": "main", "title": "Mentorns uppdrag förtydligat",
                          "remove_source_branch": True}


def test_a_refused_token_or_a_mistake_sends_nothing_that_goes_live(fake_gitlab, content):
    url, calls = fake_gitlab
    ed = editor.Editor(ROOT, lambda: content, host=gitlab.Host(url, "kommun/handbok", "main"))
    status, _, page = _propose(ed, "wrong", {"f.title.sv": ["Mentor i skolan"]})
    assert "Git-värden tog inte emot ändringen" in page and "HTTP 401" in page
    assert [c["path"] for c in calls] == ["/api/v4/projects/kommun%2Fhandbok/repository/commits"]
    calls.clear()
    status, _, page = _propose(ed, TOKEN, {"f.title.en": [""]})  # the handbook's own check first
    assert "texten är tom" in page and calls == []


def test_the_shipped_ci_checks_and_previews_a_change_request_and_publishes_on_merge():
    import yaml

    ci = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert ci["check"]["script"] == ["make check"]
    assert ci["preview"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert ci["preview"]["script"] == ["make build"] and ci["preview"]["artifacts"]["paths"] == ["site/"]
    assert ci["preview"]["artifacts"]["expose_as"] == "Förhandsvisning / Preview"
    assert ci["publish"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert ci["publish"]["script"][0] == "make publish DEST=/srv/handbok/current"
    assert ci["stages"].index("check") < ci["stages"].index("preview") < ci["stages"].index("publish")
