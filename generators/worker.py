"""One language's build in a long-lived process, for the preview (handbok/preview.py).

Started as `python generators/worker.py <mkdocs|properdocs> <config>`, where the
config is the one handbok/tree.py wrote beside the language's Markdown tree. Each
line on stdin is a request, {"full": true|false, "site_dir": …}; each answer is one
JSON line, {"ok": …, "warnings": [...], "seconds": …}. Keeping the process alive
saves the generator's start-up and the theme's template compilation on every save.
A request with "full": false is the generator's own dirty build: only pages whose
Markdown file is newer than their HTML are rendered again (the preview rewrites
only the Markdown of pages a save touches). MkDocs and ProperDocs (a fork of
MkDocs 1.x) have the same API; this file runs none of the handbook's code.
"""
from __future__ import annotations

import importlib
import json
import logging
import os
import sys
import time


class Collect(logging.Handler):
    """The generator's warnings, kept for the preview's banner instead of the terminal."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record):
        message = record.getMessage()
        if "'dirty' build" not in message:  # the generator warns about the very mode we ask for
            self.lines.append(message)


def _keep_theme_environment(theme_module) -> None:
    """The theme's Jinja environment once per process instead of once per build
    (its templates compiled once); templates still reload when edited."""
    original = theme_module.Theme.get_env
    kept: dict = {}

    def get_env(self):
        key = (tuple(self.dirs), str(getattr(self, "locale", "")))
        if key not in kept:
            kept[key] = original(self)
            kept[key].auto_reload = True
            _keep_template_list(kept[key], self.dirs[0])
        return kept[key]

    theme_module.Theme.get_env = get_env


def _keep_template_list(env, custom_dir: str) -> None:
    """The theme's file list (thousands of icons) once, again only when the overrides folder changed."""
    original, kept = env.list_templates, {}

    def list_templates(extensions=None, filter_func=None):
        key = tuple(os.stat(folder).st_mtime_ns for folder, _, _ in os.walk(custom_dir))
        if key not in kept:
            kept.clear()
            kept[key] = original()
        names = kept[key]
        if extensions is not None:
            names = [n for n in names if "." in n and n.rsplit(".", 1)[1] in extensions]
        return [n for n in names if filter_func(n)] if filter_func else list(names)

    env.list_templates = list_templates


def main() -> None:
    generator, config_file = sys.argv[1:3]
    os.environ["NO_MKDOCS_2_WARNING"] = "1"  # material's notice; see README
    answers, sys.stdout = sys.stdout, sys.stderr  # stray prints must not break the protocol
    build = importlib.import_module(f"{generator}.commands.build").build
    load_config = importlib.import_module(f"{generator}.config").load_config
    _keep_theme_environment(importlib.import_module(f"{generator}.theme"))

    log = logging.getLogger(generator)
    log.setLevel(logging.WARNING)  # no INFO flood
    log.propagate = False
    collect = Collect()
    log.addHandler(collect)
    for line in sys.stdin:
        request = json.loads(line)
        collect.lines = []
        start = time.perf_counter()
        ok = True
        try:
            config = load_config(config_file, site_dir=request["site_dir"], strict=False)
            config.plugins.on_startup(command="build", dirty=False)
            build(config, dirty=not request["full"])
        except (Exception, SystemExit) as err:  # the generator ends some errors with SystemExit; keep serving
            ok = False
            collect.lines.append(str(err) or type(err).__name__)
        answers.write(json.dumps({"ok": ok, "warnings": collect.lines,
                                  "seconds": round(time.perf_counter() - start, 2)}) + "\n")
        answers.flush()


if __name__ == "__main__":
    main()
