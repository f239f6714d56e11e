"""Saving through the municipality's GitLab as a merge request (issue 27).

For a shared handbook the editor does not write the server's files: it proposes the
change on the Git host, where CI (.gitlab-ci.yml) runs `make check`, builds a preview
and, after review and merge, `make publish`. Two documented REST calls
(https://docs.gitlab.com/api/commits/#create-a-commit-with-multiple-files-and-actions,
https://docs.gitlab.com/api/merge_requests/#create-mr):

1. POST /projects/:id/repository/commits – a new branch from the target branch with
   the one changed file (`start_branch` makes the branch in the same call);
2. POST /projects/:id/merge_requests – the change request, deleting its branch on merge.

The coordinator's personal access token (scope `api`) is typed into the form for each
proposal, sent to the Git host only, and never stored or logged.

Set with environment variables where the editor runs:
HANDBOK_GITLAB_URL (https://gitlab.kommun.se), HANDBOK_GITLAB_PROJECT (group/handbok)
and optionally HANDBOK_GITLAB_BRANCH (the branch that is published; main).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import PurePosixPath


class HostError(Exception):
    """The Git host said no; the message is the host's own, for the coordinator."""


@dataclass
class Host:
    url: str  # https://gitlab.kommun.se
    project: str  # group/handbok or the numeric id
    branch: str = "main"
    timeout: float = 30.0

    @classmethod
    def from_env(cls) -> "Host | None":
        url, project = os.environ.get("HANDBOK_GITLAB_URL", ""), os.environ.get("HANDBOK_GITLAB_PROJECT", "")
        if not url or not project:
            return None
        return cls(url.rstrip("/"), project, os.environ.get("HANDBOK_GITLAB_BRANCH", "main"))

    @property
    def name(self) -> str:
        return urllib.parse.urlsplit(self.url).netloc

    def _call(self, method: str, path: str, token: str, body: dict) -> dict:
        project = urllib.parse.quote(self.project, safe="")
        request = urllib.request.Request(
            f"{self.url}/api/v4/projects/{project}{path}", method=method,
            data=json.dumps(body).encode("utf-8"),
            headers={"PRIVATE-TOKEN": token, "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                return json.loads(answer.read().decode("utf-8") or "{}")
        except urllib.error.HTTPError as err:
            try:
                detail = json.loads(err.read().decode("utf-8")).get("message", "")
            except (ValueError, AttributeError):
                detail = ""
            raise HostError(f"{self.name}: HTTP {err.code} {detail}".strip()) from None
        except (urllib.error.URLError, OSError) as err:
            raise HostError(f"{self.name}: {getattr(err, 'reason', err)}") from None

    def propose(self, file_path: str, text: str, token: str, message: str) -> str:
        """Branch + commit + merge request; returns the merge request's address."""
        if not token.strip():
            raise HostError("ingen token / no token")
        stem = PurePosixPath(file_path).stem
        branch = f"redigering/{dt.date.today().isoformat()}-{stem}-{secrets.token_hex(3)}"
        self._call("POST", "/repository/commits", token, {
            "branch": branch, "start_branch": self.branch, "commit_message": message,
            "actions": [{"action": "update", "file_path": file_path, "content": text}]})
        mr = self._call("POST", "/merge_requests", token, {
            "source_branch": branch, "target_branch": self.branch, "title": message,
            "remove_source_branch": True})
        return mr.get("web_url", "")
