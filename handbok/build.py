"""Build the whole site so that `site/` is replaced only by a complete, good build.

Steps, each timed: check all content (every problem at once) → render each language's
Markdown tree with its config (handbok/tree.py) → the generator turns each tree into
HTML, both languages side by side (MkDocs by default; `GENERATOR=properdocs`) → our
own steps on each language's HTML files as soon as its generator is done (markup fix
and compaction, search index, precompression) → PDFs and their links → CSP, and the
compressed copies of what the PDF step changed → swap the folder into place. The
generator runs as a command and runs none of our code.
"""
from __future__ import annotations

import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from pathlib import Path
from urllib.parse import urlsplit

from . import children, generators, limits, loader
from .drafts import placeholders
from .edition import edition_from_env
from .health import warnings
from .postprocess import finish_pages
from .problems import ContentError
from .publish import compress_all, prepare as prepare_for_web_server
from .search import build_search_index
from .tree import write_tree
from .validate import load_content

LANGS = ("sv", "en")


class BuildError(Exception):
    pass


def start_generator(name: str, config: Path, site_dir: Path) -> subprocess.Popen:
    """The one place a build starts a generator (the preview has its own long-lived ones)."""
    return children.popen(generators.command(name, config, site_dir), cwd=config.parent,
                            env=generators.environment(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          memory=limits.BUILDER_MEMORY)


_forked: dict = {}  # what a forked renderer shares with its parent (never pickled)


def _tree_in_child(root: Path, lang: str, tree: Path) -> Path:
    return write_tree(root, _forked["content"], lang, tree)["config"]


def render_and_start(root: Path, content, tree: Path, name: str, sites: dict[str, Path],
                     jobs: dict[str, subprocess.Popen]) -> dict[str, Path]:
    """Each language's Markdown tree, rendered side by side (English in a forked process
    that shares the checked content), and each language's generator started as soon as
    its tree is written. Returns the configs; `jobs` gets the generators."""
    _forked["content"] = content
    try:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"),
                                 initializer=children.die_with_parent, initargs=(signal.SIGKILL,)) as pool:
            english = pool.submit(_tree_in_child, root, "en", tree / "en")
            configs = {"sv": write_tree(root, content, "sv", tree / "sv")["config"]}
            jobs["sv"] = start_generator(name, configs["sv"], sites["sv"])
            configs["en"] = english.result()
            jobs["en"] = start_generator(name, configs["en"], sites["en"])
    finally:
        _forked.clear()
    return configs


def run_generators(name: str, configs: dict[str, Path], sites: dict[str, Path],
                   jobs: dict[str, subprocess.Popen], while_others_run=None) -> None:
    """Both languages side by side (2 cores); raises BuildError with the generator's warnings.
    `jobs` is the caller's, so a stopped build can end the generators it started; those
    already started (render_and_start) are waited for. A language whose generator is done
    while another's still runs is given to `while_others_run(lang)`: its own steps use the
    core its generator has freed."""
    jobs.update({lang: start_generator(name, configs[lang], sites[lang]) for lang in configs if lang not in jobs})
    failed = []
    deadline = time.monotonic() + limits.BUILDER_SECONDS
    # One thread per generator reads its output (a full pipe would stop it) and waits for it.
    # Not `with`: a stopped build must not wait here for generators its caller is about to kill.
    readers = ThreadPoolExecutor(len(jobs))
    try:
        waits = {readers.submit(proc.communicate, timeout=max(1.0, deadline - time.monotonic())): lang
                 for lang, proc in jobs.items()}
        for done in as_completed(waits):
            lang, proc = waits[done], jobs[waits[done]]
            try:
                output, _ = done.result()
            except subprocess.TimeoutExpired:
                for other in jobs.values():
                    other.kill()
                raise BuildError(f"[{lang}] {name} tog mer än / took more than {limits.BUILDER_SECONDS} s") from None
            if proc.returncode != 0:  # show the generator's warnings and errors, not its progress lines
                lines = [line for line in output.splitlines() if not line.startswith("INFO")]
                failed.append(f"[{lang}]\n" + "\n".join(lines).strip())
                continue
            if name in generators.OUTPUT_FROM_CONFIG:  # it wrote into the tree's site/ folder
                shutil.rmtree(sites[lang], ignore_errors=True)
                shutil.move(str(configs[lang].parent / "site"), str(sites[lang]))
            if while_others_run and not failed and any(proc.poll() is None for proc in jobs.values()):
                while_others_run(lang)
    finally:
        readers.shutdown(wait=False)
    if failed:
        raise BuildError("\n".join(failed))


class Steps:
    """A language's own steps on its generator's HTML, in order: markup fix, search index,
    compressed copies. Each step's seconds add up over the languages (the first language's
    steps run while the other's generator still works, so steps can add up to more than
    the build took)."""

    def __init__(self, content, sites: dict[str, Path], timings: dict[str, float]):
        self.content, self.sites, self.timings, self.done = content, sites, timings, []
        self.hashes: dict[str, set[str]] = {}  # the pages' inline CSP hashes, for the server step

    def _timed(self, step: str, fn, *args, **kwargs):
        t0 = time.perf_counter()
        result = fn(*args, **kwargs)
        self.timings[step] = self.timings.get(step, 0.0) + time.perf_counter() - t0
        return result

    def run(self, lang: str, workers: int = 1) -> None:
        site = self.sites[lang]
        self._timed("postprocess_s", finish_pages, site, workers=workers, hashes=self.hashes)
        self._timed("search_s", build_search_index, site, lang, self.content)
        self._timed("compress_s", compress_all, site, self.content.root, workers=workers, prune=False)
        self.done.append(lang)


def tree_dir(root: Path, out: Path, work: Path) -> Path:
    """`make build` keeps its Markdown tree in .build/ (to read, or to give another
    generator); any other build keeps it with its temporary folder."""
    return root / ".build" if out == root / "site" else work / "tree"


class AddressError(BuildError):
    """The site's address is missing or a placeholder (a build for publishing needs it)."""


# A build for publishing needs the site's real address: QR codes, handouts and "Skicka
# till familjen" print it. A draft (tests, `make build DRAFT=1`) may use the placeholder.
DRAFT_ENV = "HANDBOK_DRAFT"
# Names reserved for examples (RFC 2606/6761) and the handbook's own placeholder.
_PLACEHOLDER_DOMAINS = ("example.com", "example.net", "example.org", "example.se")
_PLACEHOLDER_TLDS = ("example", "test", "invalid", "localhost")


def is_placeholder(url: str) -> bool:
    host = (urlsplit(url).hostname or "") if url else ""
    return (not host or host.rsplit(".", 1)[-1] in _PLACEHOLDER_TLDS or host in ("127.0.0.1", "::1")
            or any(host == d or host.endswith("." + d) for d in _PLACEHOLDER_DOMAINS))


def published_address(content) -> str:
    """The address the site is built for: SITE_URL, else the edition's site_url, else none."""
    return os.environ.get("SITE_URL") or (content.edition.site_url if content.edition is not None else "")


def check_address(url: str) -> None:
    """Refuse to publish a site whose printed codes and addresses would point nowhere."""
    if not is_placeholder(url):
        return
    given = f"SITE_URL={url}" if url else "SITE_URL saknas / is not set"
    raise AddressError(
        f"{given}\n"
        "Bygget för publicering behöver webbplatsens riktiga adress: QR-koder, utdelningsblad och "
        "\"Skicka till familjen\" pekar dit. Ange den, t.ex. SITE_URL=https://handbok.kommun.se/ make build "
        "(en lokal utgåva: site_url i edition.yml). Ett utkast som inte ska publiceras: make build DRAFT=1.\n"
        "A build for publishing needs the site's real address: QR codes, handouts and \"Send to the family\" "
        "point there. Give it, e.g. SITE_URL=https://handbook.municipality.se/ make build "
        "(a local edition: site_url in edition.yml). A draft that will not be published: make build DRAFT=1.")


def build_site(root: Path, out: Path, *, pdf: bool = True, draft: bool | None = None, log=print,
               generator: str | None = None) -> dict:
    """Build into `out`. Returns timings in seconds. Raises ContentError or BuildError.

    Unless `draft` (default: the environment's HANDBOK_DRAFT), the site needs its real
    address (SITE_URL or the edition's site_url); a draft may point at the placeholder."""
    root, out = Path(root).resolve(), Path(out).resolve()
    generator = generators.chosen(generator)
    timings: dict[str, float] = {}
    start = time.perf_counter()
    _sweep(out)
    with loader.kept_between_builds(root):
        content = load_content(root, edition_from_env())
    drafts = placeholders(content)
    if drafts:  # a draft may be previewed, never published
        raise ContentError(drafts)
    if draft is None:
        draft = bool(os.environ.get(DRAFT_ENV))
    if not draft:
        check_address(published_address(content))
    for line in warnings(content):
        log(line)
    timings["check_s"] = time.perf_counter() - start

    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    (work / ".pid").write_text(str(os.getpid()), encoding="ascii")  # see _sweep
    jobs: dict[str, subprocess.Popen] = {}
    try:
        t0 = time.perf_counter()
        sites = {"sv": work / "site", "en": work / "en"}
        tree = tree_dir(root, out, work)
        configs = render_and_start(root, content, tree, generator, sites, jobs)
        timings["render_s"] = time.perf_counter() - t0  # the Swedish generator already runs meanwhile

        t0 = time.perf_counter()
        steps = Steps(content, sites, timings)
        run_generators(generator, configs, sites, jobs, while_others_run=steps.run)
        timings["generator_s"] = time.perf_counter() - t0  # with the first language's own steps beside the other generator
        for lang in LANGS:
            if lang not in steps.done:  # the last generator to finish: both cores are free
                steps.run(lang, workers=2)
        shutil.move(str(work / "en"), str(work / "site" / "en"))
        # What is written after this (PDFs, their links) is compressed below; a second early,
        # as a file's time can lag the clock a little (and a copy made twice is found in the cache).
        pages_done = time.time() - 1
        if pdf:
            from .pdf import write_pdfs
            from .pdf_links import fill_in

            t0 = time.perf_counter()
            made = write_pdfs(content, work / "site", _canonical_root(work / "site"))
            fill_in(work / "site", made.made)  # pages, size and date beside each PDF link
            timings["pdf_s"] = time.perf_counter() - t0
            log(f"PDF: {len(made.rendered)} skapade, {len(made.reused)} oförändrade från cachen / "
                f"{len(made.rendered)} made, {len(made.reused)} unchanged from the cache")
        t0 = time.perf_counter()
        # The PDFs and their links came after the pages' compressed copies: only what changed is compressed again.
        # CSP hashes (the pages' own came with their finishing), redirects, compressed copies
        prepare_for_web_server(content, work / "site", since=pages_done, known=steps.hashes, changed_since=pdf)
        timings["compress_s"] += time.perf_counter() - t0
        _swap(work / "site", out)
    finally:
        for proc in jobs.values():  # stopped part-way: the generator must not write on into `work`
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        shutil.rmtree(work, ignore_errors=True)
    timings["total_s"] = time.perf_counter() - start
    return timings


def _sweep(out: Path) -> None:
    """Remove what a build killed outright (kill -9) left: its temporary folder, once its
    process is gone. A build that is only stopped removes its own."""
    for folder in out.parent.glob(f".{out.name}.building-*"):
        try:
            pid = int((folder / ".pid").read_text(encoding="ascii"))
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except (OSError, ValueError):  # no pid yet (just made) or not ours: leave it
            continue
        else:
            if _zombie(pid):  # killed, but not yet reaped (a container's init may never reap it)
                shutil.rmtree(folder, ignore_errors=True)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


def _canonical_root(site: Path) -> str:
    """The published address, as MkDocs wrote it into the start page (from site_url)."""
    match = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text(encoding="utf-8"))
    return match.group(1) if match else ""


def _swap(new: Path, out: Path) -> None:
    """Put the new site in place; the old one is removed only after the new is there."""
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        os.replace(out, old)
    os.replace(new, out)
    shutil.rmtree(old, ignore_errors=True)


def _stopped(signum, frame):
    raise KeyboardInterrupt


def main(root: Path, out: Path, pdf: bool = True, generator: str | None = None, draft: bool = False) -> int:
    # `kill` (or a stopped `make`, see children.die_with_parent) stops the build as Ctrl+C
    # does: the temporary folder is removed and the generator processes go with it.
    signal.signal(signal.SIGTERM, _stopped)
    try:
        timings = build_site(root, out, pdf=pdf, generator=generator, draft=draft or None)
    except generators.UnknownGenerator as err:
        print(err, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"\nBygget avbröts; {out} är orört. / The build was stopped; {out} is untouched.", file=sys.stderr)
        return 130
    except ContentError as err:
        print(err.report(), file=sys.stderr)
        print(f"\nBygget avbröts; {out} är orört. / The build stopped; {out} is untouched.", file=sys.stderr)
        return 1
    except AddressError as err:
        print(err, file=sys.stderr)
        print(f"\nBygget avbröts; {out} är orört. / The build stopped; {out} is untouched.", file=sys.stderr)
        return 2
    except BuildError as err:
        print(f"{generators.chosen(generator)}:\n{err}", file=sys.stderr)
        print(f"\nBygget avbröts; {out} är orört. / The build stopped; {out} is untouched.", file=sys.stderr)
        return 1
    parts = ", ".join(f"{k} {v:.1f}" for k, v in timings.items())
    print(f"Klart / Done: {out} ({parts})")
    address = _canonical_root(out)
    if is_placeholder(address):
        print(f"Utkast: QR-koder och utskrifter pekar på {address}, inte på en riktig adress. / "
              f"Draft: QR codes and printouts point at {address}, not a real address.")
    return 0
