"""The search index: read the built HTML of one language and write `search/` (index.json,
the word shards w/*.json and the page texts x/*.json; see build_search_index).

Runs after the site generator, over its output (like Pagefind would), so search does
not depend on MkDocs. The browser fetches the index only when the reader opens the
search (overrides/assets/javascripts/search.js) and builds a MiniSearch index of the
titles, headings and also-words from it; the rest it fetches as the reader types.

What goes in: every page's article, cut into sections at its headings (h1–h3 with an
id), leaving out elements marked `data-search-exclude` and pages marked with
<meta name="hb-search" content="exclude">. The glossary adds what people also call a
thing (`also:` in glossary.yml): the browser expands a search for such a word to the
term, and the page the term links to carries the words too.

Language work the browser cannot do cheaply is done here: the parts of compound
words (skolfrånvaro → frånvaro) are found against the site's own vocabulary.
Folding å/ä/ö, stemming and typo tolerance are done in the browser, for the index
and the query alike, so they cannot drift apart.
"""
from __future__ import annotations

import functools
import json
import re
import shutil
import unicodedata
from pathlib import Path

from lxml import etree

from . import build_cache

ROOT = Path(__file__).resolve().parent.parent
# The search library, installed from npm (package.json, `make node-deps`).
MINISEARCH = ROOT / "node_modules" / "minisearch" / "dist" / "umd" / "index.js"
GLOSSARY_PAGE = "ordlista/"
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SKIP = {"script", "style", "svg", "template", "button"}
_WORD = re.compile(r"[^\W\d_]+")
_LANG = re.compile(r'<html[^>]* lang="([^"]+)"')
# Left out: pages marked by overrides/main.html (front matter `search: exclude`) and old addresses.
# What turns an article into sections: a kept page's sections are reused only if these match.
_READER_VERSION = build_cache.key(f"lxml {etree.LXML_VERSION} libxml2 {etree.LIBXML_VERSION}",
                                  Path(__file__).read_bytes())
_EXCLUDE = re.compile(r'<meta name="hb-search" content="exclude"|<meta http-equiv="refresh"')


class _Sections:
    """Collects (anchor, heading, text) sections of the page's <article>: the target of
    lxml's HTML parser (libxml2 reads the markup, this only sees tags and text)."""

    def __init__(self):
        self.sections: list[list[str]] = []
        self.depth = 0          # depth inside <article>; 0 = outside
        self.skip_at = None     # depth where a skipped element started
        self.heading_at = None  # depth of the open heading
        self.heading: list[str] = []
        self.text: list[str] = []
        self.anchor = ""
        self.section_excluded = False  # inside a section whose heading is data-search-exclude
        self.in_text = False    # the last thing read was text (the parser may hand it over in pieces)

    def start(self, tag, attrs):
        self.in_text = False
        if self.depth == 0:
            if tag == "article" and "md-content__inner" in (attrs.get("class") or ""):
                self.depth = 1
            return
        if tag in _VOID:
            return
        self.depth += 1
        if tag in ("h1", "h2", "h3", "h4") and self.skip_at is None:
            # An excluded heading leaves out its whole section, up to the next heading.
            self.section_excluded = "data-search-exclude" in attrs
            if self.section_excluded:
                self._flush()
                self.skip_at = self.depth
            elif tag != "h4" and attrs.get("id"):
                self._flush()
                self.anchor, self.heading_at, self.heading = attrs["id"], self.depth, []
        elif self.skip_at is None and (tag in _SKIP or "data-search-exclude" in attrs
                                       or "headerlink" in (attrs.get("class") or "")):
            self.skip_at = self.depth

    def end(self, tag):
        self.in_text = False
        if self.depth == 0 or tag in _VOID:
            return
        if self.skip_at == self.depth:
            self.skip_at = None
        if self.heading_at == self.depth:
            self.heading_at = None
        self.depth -= 1
        if self.depth == 0:
            self._flush()

    def data(self, data):
        if self.depth and self.skip_at is None and not self.section_excluded:
            parts = self.heading if self.heading_at else self.text
            if self.in_text and parts:
                parts[-1] += data
            else:
                parts.append(data)
            self.in_text = True

    def close(self):
        return self.sections

    def _flush(self):
        heading, text = _squash(self.heading), _squash(self.text)
        if heading or text:
            self.sections.append([self.anchor, heading, text])
        self.heading, self.text = [], []


def sections_of(article: str) -> list[list[str]]:
    return etree.fromstring(article, etree.HTMLParser(target=_Sections()))


def _squash(parts: list[str]) -> str:
    return " ".join(" ".join(parts).split())


@functools.lru_cache(maxsize=None)
def fold(word: str) -> str:
    """Lower case without accents: å/ä → a, ö → o, é → e (as the browser does it)."""
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))


# A compound's last part may stand in the vocabulary inflected (blankett → blanketter).
_ENDINGS = ("", "s", "n", "t", "a", "e", "en", "et", "er", "ar", "or", "na", "an", "erna", "arna", "ens", "ets")


def compound_parts(words: set[str], vocabulary: set[str], cache: dict | None = None) -> list[str]:
    """Parts of compound words that are words of the site themselves:
    skolfrånvaro → frånvaro, samtyckesblankett → blankett, samtycke."""
    cache = {} if cache is None else cache  # word → its parts; pages repeat their words
    parts: set[str] = set()
    for word in words:
        if word not in cache:
            cache[word] = _parts_of(word, vocabulary)
        parts.update(cache[word])
    return sorted(parts)


def _parts_of(word: str, vocabulary: set[str]) -> set[str]:
    parts = set()
    for cut in range(3, len(word) - 4):
        head, tail = word[:cut], word[cut:]
        if len(tail) >= 5 and any(tail + e in vocabulary for e in _ENDINGS):
            parts.add(tail)
        # a head that is a word of its own, perhaps joined by a linking s (samtyckes-blankett)
        for part in (head, head[:-1] if head.endswith("s") else ""):
            if len(part) >= 5 and any(part + e in vocabulary for e in ("", "a", "e")):
                parts.add(part)
    return parts


def read_pages(site_dir: Path, lang: str, kept: build_cache.Table | None = None) -> list[tuple[str, list[list[str]]]]:
    """(address relative to the language root, sections) for every indexed page in
    this language (the English site inside the Swedish one is left to its own index).
    `kept`: sections read by an earlier build, by the hash of the page's article."""
    pages = []
    for path in sorted(site_dir.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        head = html[:html.find("<body")]
        page_lang = _LANG.search(head)
        if not page_lang or page_lang.group(1).split("-")[0] != lang or _EXCLUDE.search(head):
            continue
        start = html.find('<article class="md-content__inner')
        if start < 0:
            continue
        article = html[start:html.rfind("</article>") + len("</article>")]  # the page's own text only
        name = build_cache.key(article, _READER_VERSION) if kept is not None else ""
        sections = kept.get(name) if kept is not None else None
        if sections is None:
            sections = sections_of(article)
            if kept is not None:
                kept.put(name, sections)
        if not sections:
            continue
        url = path.parent.relative_to(site_dir).as_posix()
        pages.append(("" if url == "." else url + "/", sections))
    return pages


def also_key(word: str) -> str:
    """An also-word as the search compares it: folded, words joined by one space
    ("Studie- och yrkesvägledaren" → "studie och yrkesvagledaren"); search.js folds and
    splits the query the same way. `make check` uses it, so two also-words that search
    cannot tell apart are reported."""
    return " ".join(re.findall(r"[^\W_]+", fold(word)))


def _glossary_words(content, lang: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    """synonyms: also-word → the term; page_words: page address → words to add."""
    synonyms: dict[str, str] = {}
    page_words: dict[str, list[str]] = {}
    for term in content.glossary.terms:
        name = term.en_term if lang == "en" and term.en_term else term.term
        words = list(getattr(term.also, lang)) if term.also else []
        for word in words:
            synonyms[also_key(word)] = name
        if term.link and words:
            page = term.link.split("#")[0].strip("/") + "/"
            page_words.setdefault(page, []).extend([name, *words])
    return synonyms, page_words


# Pages that answer staff less often than their words suggest: the editing guide (for
# coordinators), the change log and the family pages (the staff page comes first; the
# family page still answers a parent's words). The browser multiplies their scores.
GROUP_WEIGHTS = (("redigera/", 0.15), ("nytt/", 0.3), ("familj/", 0.5))


def group_weight(url: str) -> float:
    return next((w for prefix, w in GROUP_WEIGHTS if url.startswith(prefix)), 1)


def shard_key(word: str) -> str:
    """The file a folded word's postings are in: its first two letters (search.js does the same)."""
    return re.sub(r"[^a-z0-9]", "_", word[:2])


def _postings(ids: list[int]) -> list[int]:
    """Sorted section numbers as differences (0 = the same section again, i.e. one more
    occurrence): small numbers that compress well."""
    out, last = [], 0
    for i in sorted(ids):
        out.append(i - last)
        last = i
    return out


def build_search_index(site_dir: Path, lang: str, content=None, root: Path = ROOT) -> Path:
    """Write the search files of one language into site_dir/search/ and put the search
    library beside the site's scripts. Any build or preview calls this.

    The weight of one search must stay small at a thousand insatser, so the index is cut
    in three (search.js fetches them when the search opens and as the reader types):
      index.json   every page's title, every section's heading, the glossary's also-words
                   and the site's vocabulary (for "did you mean", compound parts and
                   swapped letters); this is what the browser's MiniSearch indexes;
      w/<ab>.json  the text of every section as postings: each word starting with the two
                   letters <ab> → the sections it stands in (fetched per word typed);
      x/<n>.json   the text of page n's sections, fetched for the results shown (excerpt,
                   marked words)."""
    site_dir = Path(site_dir)
    if content is None:
        from .site import content_for

        content = content_for(root)
    kept = build_cache.Table(build_cache.folder(content.root, "search") / f"{lang}.marshal")
    pages = read_pages(site_dir, lang, kept)
    kept.save()
    synonyms, page_words = _glossary_words(content, lang)
    # A rebuild whose pages and glossary read the same gets the same files: kept from the last build.
    kept_index = build_cache.Table(build_cache.folder(content.root, "search") / f"{lang}-index.marshal")
    # json, not marshal: marshal's bytes for equal data depend on how its strings were made
    # (read from the cache or just found), which made every first rebuild miss.
    name = build_cache.key(_READER_VERSION, json.dumps((lang, pages, synonyms, page_words), ensure_ascii=False,
                                                      sort_keys=True, separators=(",", ":")))
    files = kept_index.get(name)
    if files is None:
        files = _index_files(lang, pages, synonyms, page_words)
        kept_index.put(name, files)
    kept_index.save()
    target_dir = site_dir / "search"
    if target_dir.exists():
        shutil.rmtree(target_dir)  # shards of words no longer on the site go too
    (target_dir / "w").mkdir(parents=True)
    (target_dir / "x").mkdir()
    for rel, data in files.items():
        (target_dir / rel).write_bytes(data)
    target = target_dir / "index.json"
    if not MINISEARCH.exists():
        raise FileNotFoundError(f"{MINISEARCH}: kör `make node-deps` / run `make node-deps`")
    scripts = site_dir / "assets" / "javascripts"
    scripts.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(MINISEARCH, scripts / "minisearch.js")
    return target


def _index_files(lang: str, pages: list, synonyms: dict, page_words: dict) -> dict[str, bytes]:
    """The search files of one language, {path in search/: bytes} (see build_search_index)."""
    # Each section's words (heading, text), found once: the vocabulary, the postings and the
    # compound parts all need them.
    found = [[(_WORD.findall(heading), _WORD.findall(text)) for _, heading, text in sections] for _, sections in pages]
    vocabulary = {fold(w) for page in found for heading_words, text_words in page for w in heading_words + text_words}
    out_pages, docs, cache, texts, weights = [], [], {}, [], {}
    words: dict[str, list[int]] = {}
    parts_of: dict[str, list[int]] = {}
    for n, (url, sections) in enumerate(pages):
        title = next((heading for _, heading, _ in sections if heading), "")
        out_pages.append([url, title])
        if group_weight(url) != 1:
            weights[n] = group_weight(url)
        glossary = url == GLOSSARY_PAGE
        page_texts = []
        for i, (anchor, heading, text) in enumerate(sections):
            d = len(docs)
            heading_words, text_words = found[n][i]
            folded = [fold(w) for w in text_words]
            doc = {"p": n, "a": anchor if i else "", "h": heading if i else "", "n": len(folded)}
            for w in folded:
                words.setdefault(w, []).append(d)
            if lang == "sv":
                long_words = {fold(w) for w in heading_words + text_words if len(w) >= 8}
                for part in compound_parts(long_words, vocabulary, cache):
                    parts_of.setdefault(part, []).append(d)
            if i == 0 and page_words.get(url):
                doc["s"] = " ".join(page_words[url])
            if glossary and i:
                doc["g"] = 1  # each glossary term is its own result
            docs.append(doc)
            page_texts.append(text)
        texts.append(page_texts)
    files: dict[str, bytes] = {}
    shards: dict[str, dict] = {}
    for w, ids in words.items():
        shards.setdefault(shard_key(w), {"w": {}, "c": {}})["w"][w] = _postings(ids)
    for w, ids in parts_of.items():
        shards.setdefault(shard_key(w), {"w": {}, "c": {}})["c"][w] = _postings(sorted(set(ids)))
    for key, shard in shards.items():
        files[f"w/{key}.json"] = _json(shard)
    for n, page_texts in enumerate(texts):
        files[f"x/{n}.json"] = _json(page_texts)
    index = {"lang": lang, "pages": out_pages, "weights": weights, "docs": docs, "synonyms": synonyms,
             "vocabulary": " ".join(sorted(w for w in vocabulary if len(w) >= 2)),
             "shards": sorted(shards)}
    files["index.json"] = _json(index)
    return files


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")



_forked: dict = {}  # what the forked workers share with their parent (never pickled)


def _index_in_child(site_dir: Path, lang: str) -> Path:
    return build_search_index(site_dir, lang, _forked.get("content"))


def build_search_indexes(site_dir: Path, content=None, languages=(("", "sv"), ("en", "en"))) -> None:
    """Both languages' indexes side by side (reading the HTML is most of the work; 2 cores).
    The workers are forked after the content is set here, so it is shared, not copied over a pipe."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    site_dir = Path(site_dir)
    _forked["content"] = content
    try:
        with ProcessPoolExecutor(len(languages), mp_context=multiprocessing.get_context("fork")) as pool:
            jobs = [pool.submit(_index_in_child, site_dir / folder, lang) for folder, lang in languages]
            for job in jobs:
                job.result()
    finally:
        _forked.clear()
