"""mkdocs-macros adapter: gives hand-written pages (those with `render_macros: true`)
the handbook's counts and UI strings. No content logic here."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from handbok.site import site_for  # noqa: E402


def define_env(env):
    lang = env.conf.extra["handbok_lang"]
    site = site_for(Path(__file__).resolve().parent, lang, env.conf.site_url)

    @env.macro
    def count(kind: str) -> int:
        """Number of items of a kind, e.g. {{ count('toolbox') }}."""
        return len(getattr(site.c, kind))

    @env.macro
    def ui(key: str) -> str:
        return site.u(key)
