"""One language's MkDocs build in a long-lived process, for the preview (handbok/preview.py).

Started as `python hooks/mkdocs_worker.py <config> <pages dir>`. Each line on stdin
is a request, {"handoff": <checked content file>, "full": true|false, "site_dir": …}; each
answer is one JSON line, {"ok": …, "warnings": [...], "seconds": …}. Keeping the
process alive saves MkDocs' start-up and the theme's template compilation on every
save. A request with "full": false is MkDocs' own dirty build: only pages whose
Markdown file changed (see the hook's HANDBOK_PREVIEW_PAGES) are rendered again.
Like the hook, this file only wires MkDocs in; no content logic here.
"""
from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Collect(logging.Handler):
    """MkDocs' warnings, kept for the preview's banner instead of the terminal."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record):
        message = record.getMessage()
        if "'dirty' build" not in message:  # MkDocs warns about the very mode we ask for
            self.lines.append(message)


def _merge_search_index(path: Path, before: dict | None) -> None:
    """A dirty build writes a search index of the rebuilt pages only: add back the rest."""
    if before is None or not path.exists():
        return
    after = json.loads(path.read_text(encoding="utf-8"))
    rebuilt = {doc["location"].split("#")[0] for doc in after["docs"]}
    kept = [doc for doc in before["docs"] if doc["location"].split("#")[0] not in rebuilt]
    after["docs"] = kept + after["docs"]
    path.write_text(json.dumps(after, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def main() -> None:
    config_file, pages_dir = sys.argv[1:3]
    os.environ["NO_MKDOCS_2_WARNING"] = "1"  # material's notice; see README
    os.environ["HANDBOK_PREVIEW_PAGES"] = pages_dir
    answers, sys.stdout = sys.stdout, sys.stderr  # stray prints must not break the protocol
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    log = logging.getLogger("mkdocs")
    log.setLevel(logging.WARNING)  # no INFO flood
    log.propagate = False
    collect = Collect()
    log.addHandler(collect)
    for line in sys.stdin:
        request = json.loads(line)
        site_dir = request["site_dir"]
        index = Path(site_dir) / "search" / "search_index.json"
        os.environ["HANDBOK_CHECKED_CONTENT"] = request["handoff"]
        collect.lines = []
        start = time.perf_counter()
        ok = True
        try:
            before = None if request["full"] or not index.exists() else json.loads(index.read_text(encoding="utf-8"))
            config = load_config(config_file, site_dir=site_dir, strict=False)
            config.plugins.on_startup(command="build", dirty=False)
            build(config, dirty=not request["full"])
            _merge_search_index(index, before)
        except (Exception, SystemExit) as err:  # MkDocs ends some errors with SystemExit; keep serving
            ok = False
            collect.lines.append(str(err) or type(err).__name__)
        answers.write(json.dumps({"ok": ok, "warnings": collect.lines,
                                  "seconds": round(time.perf_counter() - start, 2)}) + "\n")
        answers.flush()


if __name__ == "__main__":
    main()
