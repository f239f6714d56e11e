"""Build the whole site so that `site/` is replaced only by a complete, good build.

Steps: check all content (every problem at once) → build Swedish and English with
MkDocs, side by side in a temporary folder → print files (PDF) → swap the folder
into place. MkDocs runs as a command; this module knows nothing of its insides.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from .edition import ENV as EDITION_ENV, edition_from_env
from .health import warnings
from .problems import ContentError
from .publish import prepare as prepare_for_web_server
from .search import build_search_indexes
from .site import hand_off
from .validate import load_content


class BuildError(Exception):
    pass


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


def _mkdocs(root: Path, config: str, site_dir: Path, env: dict) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / config), "-d", str(site_dir)]
    env = {**os.environ, **env, "NO_MKDOCS_2_WARNING": "1"}  # material's notice about MkDocs 2; see README
    return subprocess.Popen(cmd, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def build_site(root: Path, out: Path, *, pdf: bool = True, draft: bool | None = None, log=print) -> dict:
    """Build into `out`. Returns timings in seconds. Raises ContentError or BuildError.

    Unless `draft` (default: the environment's HANDBOK_DRAFT), the site needs its real
    address (SITE_URL or the edition's site_url); a draft may point at the placeholder."""
    root, out = Path(root).resolve(), Path(out).resolve()
    timings: dict[str, float] = {}
    start = time.perf_counter()
    content = load_content(root, edition_from_env())
    if draft is None:
        draft = bool(os.environ.get(DRAFT_ENV))
    if not draft:
        check_address(published_address(content))
    for line in warnings(content):
        log(line)
    timings["check_s"] = time.perf_counter() - start

    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    try:
        t0 = time.perf_counter()
        # The two languages are independent builds; run them side by side (2 cores).
        env = hand_off(root, content, work)
        if content.edition is not None:
            env[EDITION_ENV] = str(content.edition_dir)
            # The edition's own address, unless the build is told another one.
            env["SITE_URL"] = os.environ.get("SITE_URL") or content.edition.site_url
        jobs = {"sv": _mkdocs(root, "mkdocs.yml", work / "site", env),
                "en": _mkdocs(root, "mkdocs.en.yml", work / "en", env)}
        failed = []
        for lang, proc in jobs.items():
            output, _ = proc.communicate()
            if proc.returncode != 0:  # show MkDocs' warnings and errors, not its progress lines
                lines = [line for line in output.splitlines() if not line.startswith("INFO")]
                failed.append(f"[{lang}]\n" + "\n".join(lines).strip())
        if failed:
            raise BuildError("\n".join(failed))
        shutil.move(str(work / "en"), str(work / "site" / "en"))
        build_search_indexes(work / "site", content)
        timings["mkdocs_s"] = time.perf_counter() - t0
        if pdf:
            from .pdf import write_pdfs
            from .pdf_links import fill_in

            t0 = time.perf_counter()
            made = write_pdfs(content, work / "site", _canonical_root(work / "site"))
            fill_in(work / "site", made.made)  # pages, size and date beside each PDF link
            timings["pdf_s"] = time.perf_counter() - t0
            log(f"PDF: {len(made.rendered)} skapade, {len(made.reused)} oförändrade från cachen / "
                f"{len(made.rendered)} made, {len(made.reused)} unchanged from the cache")
        prepare_for_web_server(content, work / "site")  # precompressed files, CSP hashes, redirects
        _swap(work / "site", out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    timings["total_s"] = time.perf_counter() - start
    return timings


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


def main(root: Path, out: Path, pdf: bool = True, draft: bool = False) -> int:
    try:
        timings = build_site(root, out, pdf=pdf, draft=draft or None)
    except ContentError as err:
        print(err.report(), file=sys.stderr)
        print(f"\nBygget avbröts; {out} är orört. / The build stopped; {out} is untouched.", file=sys.stderr)
        return 1
    except AddressError as err:
        print(err, file=sys.stderr)
        print(f"\nBygget avbröts; {out} är orört. / The build stopped; {out} is untouched.", file=sys.stderr)
        return 2
    except BuildError as err:
        print(f"MkDocs:\n{err}", file=sys.stderr)
        print(f"\nBygget avbröts; {out} är orört. / The build stopped; {out} is untouched.", file=sys.stderr)
        return 1
    parts = ", ".join(f"{k} {v:.1f}" for k, v in timings.items())
    print(f"Klart / Done: {out} ({parts})")
    address = _canonical_root(out)
    if is_placeholder(address):
        print(f"Utkast: QR-koder och utskrifter pekar på {address}, inte på en riktig adress. / "
              f"Draft: QR codes and printouts point at {address}, not a real address.")
    return 0
