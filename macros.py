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

    @env.macro
    def responsible() -> str:
        """Who answers for the site: the local edition's function, or the core's wording."""
        return site.responsible()

    def here() -> str:
        return env.page.file.src_uri

    @env.macro
    def messages_table() -> str:
        """Every validation message with its code, in this language."""
        return site.messages_table(here())

    @env.macro
    def fields_table(kind: str) -> str:
        """The fields of a YAML kind (toolbox, workflows, …) with description and whether required."""
        return site.fields_table(kind, here())

    @env.macro
    def handbook_pdf() -> str:
        """Link to the printed handbook; `make build` fills in its pages, size and date."""
        return site.render("fragments/handbook_pdf.md.j2", here())
