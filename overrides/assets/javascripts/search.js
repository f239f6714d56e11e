/* The handbook's search. Nothing is fetched until the reader opens the search: then
   the MiniSearch library and this language's index (search/index.json, written by
   handbok/search.py: titles, headings, also-words, the site's vocabulary) are loaded
   from the site itself; the text's words come from small shards (search/w/<ab>.json)
   fetched for the words typed, and the text shown in a result from search/x/<n>.json.
   Words are folded (å/ä → a, ö → o, é → e) and stemmed the same way for the index
   and the query, so "hembesoket" finds "Hembesök"; words of five letters or more
   tolerate one typo (a swap of two letters is one), eight letters two; words of
   three or more also match as the start of a longer word; a compound also searches
   its parts. Exact matches score above prefix and typo matches. When nothing is
   found the search loosens step by step, and at the end offers a way on. */
(function () {
  "use strict";
  var root = document.querySelector("[data-hb-search]");
  var toggle = document.getElementById("__search");
  if (!root || !toggle) return;
  var input = root.querySelector(".md-search__input");
  var form = root.querySelector("form");
  var status = root.querySelector("#hb-search-status");
  var list = root.querySelector("#hb-search-results");
  var more = root.querySelector("#hb-search-more");
  var help = root.querySelector("#hb-search-help");
  var suggest = root.querySelector("#hb-search-suggest");
  var opener = document.querySelector(".hb-search-open");
  var lang = document.documentElement.lang === "en" ? "en" : "sv";
  var PAGE = 10;  // results shown at a time; "Visa fler" shows the next ten

  // --- language --------------------------------------------------------------
  var STOP = {
    sv: "och i att det som en ett pa ar av for med till den har de inte om var jag sig fran vi sa kan man nar " +
        "ska skulle kommer ut finns vara hur vad vem vilka vilken vilket varfor maste gor gora oss mig min " +
        "mitt du dig din ni er eller men nu dar vid mot efter under ocksa eftersom bara mer sin sitt sina alla " +
        "blir bli hade hon han dem deras hans hennes sjalv nagon nagot nagra dessa detta denna",
    en: "a an the and or of to in on for with is are do does did can could what who whom how when which why i we " +
        "you my our your it its be at by from should must may might there this that these those am was were " +
        "has have had me us them they their he she his her not no if then so as get about into"
  };
  var stop = {};
  STOP[lang].split(" ").forEach(function (w) { stop[w] = true; });

  function fold(word) {
    return word.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  // Snowball's Swedish stemmer (snowballstem.org), on folded words, with the neuter
  // definite -et/-ets (hembesöket), -orn (kuratorn) and the e that -el loses (regel, regler) added; its vowels
  // ä, å, ö have become a, a, o, which are vowels too, so the regions are the same.
  var SV_SUFFIXES = ("heterna hetens anden andes andet arens arnas ernas heten heter ornas ande ades aren " +
    "arna arne aste erna erns orna ad ade ar at as en er es or ern ast het a e" +
    " et ets orn").split(" ")
    .sort(function (a, b) { return b.length - a.length; });
  var S_ENDING = /[bcdfghjklmnoprtvy]s$/;
  function r1(word) {
    var m = /[aeiouy][^aeiouy]/.exec(word);
    return m ? Math.max(3, m.index + 2) : word.length;
  }
  function stemSv(word) {
    if (word.length < 4) return word;
    var start = r1(word), i, s;
    for (i = 0; i < SV_SUFFIXES.length; i++) {
      s = SV_SUFFIXES[i];
      if (word.length - s.length >= start && word.slice(-s.length) === s) { word = word.slice(0, -s.length); break; }
    }
    if (i === SV_SUFFIXES.length && word.length - 1 >= start && S_ENDING.test(word)) word = word.slice(0, -1);
    if (/(dd|gd|nn|dt|gt|kt|tt)$/.test(word) && word.length - 1 >= start) word = word.slice(0, -1);
    if (/(lig|els)$/.test(word) && word.length - 3 >= start) word = word.slice(0, -3);
    else if (/ig$/.test(word) && word.length - 2 >= start) word = word.slice(0, -2);
    else if (/lost$/.test(word) && word.length - 4 >= start) word = word.slice(0, -1);
    else if (/fullt$/.test(word) && word.length - 5 >= start) word = word.slice(0, -1);
    if (/[^aeiouy]el$/.test(word) && word.length - 2 >= start) word = word.slice(0, -2) + "l";
    return word;
  }
  // English: a light stemmer (plural and common endings) is enough for a handbook.
  function stemEn(word) {
    if (word.length < 4) return word;
    return word.replace(/(ies)$/, "y").replace(/(ing|ed|es|s)$/, function (m, e, at) {
      return at >= 3 && !/ss$/.test(word) ? "" : m;
    });
  }
  var stem = lang === "sv" ? stemSv : stemEn;
  function term(word) {
    var w = fold(word);
    if (!w || stop[w]) return null;
    return stem(w);
  }
  function tokenize(text) { return text.split(/[^\p{L}\p{N}]+/u); }

  // Optimal string alignment: one wrong, missing or extra letter, or two letters swapped
  // ("consnet", "samtcyke"), is one typo. Returns max + 1 as soon as it is further off.
  function typos(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur, i, j, v, low;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i]; low = i;
      for (j = 1; j <= b.length; j++) {
        v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        if (v < low) low = v;
      }
      if (low > max) return max + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }
  // How many typos a word may have: one from five letters, two from eight; a loosened
  // search allows one from four and two from six. Shorter words (MI, VH, SoL) match exactly.
  function allowed(word, loose) {
    var n = word.length;
    return loose ? (n >= 6 ? 2 : n >= 4 ? 1 : 0) : (n >= 8 ? 2 : n >= 5 ? 1 : 0);
  }

  // --- index -------------------------------------------------------------------
  // index.json: titles, headings, also-words (MiniSearch); w/<ab>.json: the text's words,
  // fetched per word typed; x/<n>.json: page n's text, fetched for the results shown.
  var data = null, engine = null, loading = null, vocabulary = null, shards = {}, texts = {}, avgLength = 1;
  var base = new URL(root.dataset.index, location.href);
  function getJSON(path) {
    return fetch(new URL(path, base)).then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
  }
  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src; s.onload = resolve; s.onerror = reject;
      document.head.appendChild(s);
    });
  }
  function load() {
    if (loading) return loading;
    status.textContent = root.dataset.wait;
    loading = Promise.all([
      window.MiniSearch ? null : loadScript(root.dataset.library),
      getJSON("index.json")
    ]).then(function (both) {
      data = both[1];
      vocabulary = {};
      data.vocabulary.split(" ").forEach(function (w) { vocabulary[w] = true; });
      data.shardSet = {};
      data.shards.forEach(function (k) { data.shardSet[k] = true; });
      var total = 0;
      data.docs.forEach(function (doc, i) { doc.id = i; total += doc.n; });
      avgLength = Math.max(1, total / data.docs.length);
      engine = new window.MiniSearch({
        fields: ["title", "heading", "also"],
        extractField: function (doc, field) {
          if (field === "id") return doc.id;
          if (field === "title") return doc.a ? "" : data.pages[doc.p][1];
          if (field === "heading") return doc.h || "";
          return doc.s || "";
        },
        tokenize: tokenize,
        processTerm: term,
        searchOptions: {
          boost: { title: 5, heading: 3, also: 2 },
          boostDocument: function (id) { return docWeight(data.docs[id]); },
          prefix: function (t) { return t.length >= 3; },
          weights: { fuzzy: 0.3, prefix: 0.5 }
        }
      });
      engine.addAll(data.docs);
      return engine;
    });
    loading.catch(function () { loading = null; });
    return loading;
  }
  // The editing guide, the change log and family pages weigh less (handbok/search.py).
  function docWeight(doc) { return (data.weights[doc.p] || 1) * (doc.g ? 1.3 : 1); }
  function shardKey(word) { return word.slice(0, 2).replace(/[^a-z0-9]/g, "_"); }
  function shard(word) {
    var key = shardKey(word);
    if (!shards[key]) {
      shards[key] = data.shardSet[key] ? getJSON("w/" + key + ".json") : Promise.resolve({ w: {}, c: {} });
      shards[key].catch(function () { delete shards[key]; });
    }
    return shards[key];
  }
  function pageText(p) {
    if (!texts[p]) texts[p] = getJSON("x/" + p + ".json").catch(function () { delete texts[p]; return []; });
    return texts[p];
  }
  var stems = {};
  function stemOf(word) { return stems[word] || (stems[word] = stem(word)); }

  // --- the query ---------------------------------------------------------------------
  // A query becomes terms {w: folded word, s: its stem, weight}. Level 0 is the normal
  // search; when it finds nothing, the search loosens one step at a time: 1 more typos,
  // 2 word starts and parts of compounds, 3 every word of the question on its own,
  // small words too.
  function folded(text) { return tokenize(fold(text)).filter(Boolean); }
  function known(word) { return vocabulary[word] === true; }
  // A part of a compound that is a word of the site, perhaps inflected or joined by s.
  function headKnown(head) {
    return ["", "a", "e", "r", "n", "or", "ar", "er"].some(function (e) { return known(head + e); }) ||
      (head.length > 4 && head.slice(-1) === "s" && known(head.slice(0, -1)));
  }
  function split(word, shortest) {
    var best = null;
    for (var cut = shortest; cut <= word.length - shortest; cut++) {
      var head = word.slice(0, cut), tail = word.slice(cut);
      if (headKnown(head) && (known(tail) || headKnown(tail))) {
        var score = Math.min(head.length, tail.length);
        if (!best || score > best.score) best = { head: head, tail: tail, score: score };
      }
    }
    return best;
  }
  function terms(query, level) {
    var words = folded(query), content = words.filter(function (w) { return !stop[w]; });
    var asTyped = !content.length || level >= 3;  // only small words ("vem gör vad"): as typed
    var out = [], seen = {};
    // exact: the word itself or its inflections only (short words, small words, parts of compounds)
    function add(w, weight, exact) {
      if (!w || seen[w]) return;
      seen[w] = true;
      out.push({ w: w, s: stemOf(w), weight: weight, exact: exact || w.length <= 2 || !!stop[w] });
    }
    // words people also use (glossary `also:`) search for the term too; the words of a
    // phrase that led to a term ("hur ofta" → tidsregel) then count less on their own
    var padded = " " + words.join(" ") + " ", carried = {}, named = [];
    Object.keys(data.synonyms).forEach(function (phrase) {
      if (padded.indexOf(" " + phrase + " ") < 0) return;
      // a name ("sommarjobb", "far illa") stands for the term; a question ("hur ofta",
      // "how long": it has small words) only points towards it
      var phraseWords = phrase.split(" "), question = phraseWords.some(function (w) { return stop[w]; });
      if (question) phraseWords.forEach(function (w) { carried[w] = true; });
      folded(data.synonyms[phrase]).forEach(function (w) { named.push([w, question ? 0.5 : 1]); });
    });
    (asTyped ? words : content).forEach(function (w) { add(w, carried[w] ? 0.3 : 1); });
    named.forEach(function (n) { if (!stop[n[0]]) add(n[0], n[1]); });
    content.forEach(function (w) {
      if (w.length >= 4 && !known(w)) {
        // two swapped letters are one typo: try each swap against the site's words
        for (var i = 0; i + 1 < w.length; i++) {
          var swapped = w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
          if (known(swapped)) add(swapped, 0.6);
        }
      }
      // a compound finds pages with its parts (skolfrånvaro → frånvaro i skolan)
      if (lang === "sv" && w.length >= 8) {
        var parts = split(w, 4);
        if (parts) { add(parts.head, 0.5, true); add(parts.tail, 0.5, true); }
      }
      if (level >= 2) {
        if (lang === "sv" && w.length >= 6) {
          var loose = split(w, 3);
          if (loose) { add(loose.head, 0.4, true); add(loose.tail, 0.4, true); }
        }
        if (w.length >= 6) add(w.slice(0, Math.max(4, Math.ceil(w.length * 0.6))), 0.3);
      }
    });
    return out;
  }

  var K = 1.2, B = 0.7, D = 0.5;  // BM25, as MiniSearch scores
  function quality(word, t, level) {
    if (word === t.w || stemOf(word) === t.s) return 1;
    if (t.exact) return 0;
    if (t.s.length >= 3 && word.indexOf(t.s) === 0) return 0.5;
    var max = allowed(t.w, level >= 1);
    return max && typos(stemOf(word), t.s, max) <= max ? 0.3 : 0;
  }
  // The text's words, from the shards: scores per section and the words that matched.
  function bodyHits(list, level, hits) {
    return Promise.all(list.map(function (t) { return shard(t.w); })).then(function (got) {
      var N = data.docs.length;
      list.forEach(function (t, i) {
        [["w", 1], ["c", 0.6]].forEach(function (kind) {
          var words = got[i][kind[0]];
          Object.keys(words).forEach(function (word) {
            var q = quality(word, t, level);
            if (!q) return;
            var tf = {}, df = 0, id = 0;
            words[word].forEach(function (delta) { id += delta; if (!tf[id]) { tf[id] = 0; df++; } tf[id]++; });
            var idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
            Object.keys(tf).forEach(function (key) {
              var doc = data.docs[key], f = tf[key];
              var score = q * kind[1] * t.weight * docWeight(doc) * idf *
                (D + f * (K + 1) / (f + K * (1 - B + B * doc.n / avgLength)));
              var hit = hits[key] || (hits[key] = { score: 0, words: {}, terms: {} });
              hit.score += score;
              hit.terms[t.s] = true;
              hit.words[kind[0] === "w" ? word : "*" + word] = true;
            });
          });
        });
      });
      return hits;
    });
  }
  function coreHits(list, level, hits) {
    var boosts = {};
    list.forEach(function (t) { boosts[t.s] = t.weight; });
    var exact = {};
    list.forEach(function (t) { if (t.exact) exact[t.s] = true; });
    var words = list.filter(function (t) { return !stop[t.w]; }).map(function (t) { return t.w; });
    if (!words.length) return hits;
    engine.search(words.join(" "), {
      fuzzy: function (t) { return !exact[t] && allowed(t, level >= 1); },
      prefix: function (t) { return !exact[t] && t.length >= 3; },
      boostTerm: function (t) { return boosts[t] || 1; }
    }).forEach(function (r) {
      var hit = hits[r.id] || (hits[r.id] = { score: 0, words: {}, terms: {} });
      hit.score += r.score;
      r.terms.forEach(function (s) { hit.terms[s] = true; });
      Object.keys(r.match).forEach(function (m) { hit.words["~" + m] = true; });
    });
    return hits;
  }
  // One result per page, linked to its best section; each glossary term is its own result.
  // A page scores its best section and a quarter of the others: a page that answers in
  // several places is more about the question than one that mentions it once.
  // A section that holds more of the question's words scores more (by their weight).
  function rank(hits, list) {
    var best = {}, weights = {}, all = 0;
    list.forEach(function (t) { weights[t.s] = Math.max(weights[t.s] || 0, t.weight); });
    Object.keys(weights).forEach(function (s) { all += weights[s]; });
    Object.keys(hits).forEach(function (id) {
      var doc = data.docs[id], key = doc.g ? doc.p + "#" + doc.a : String(doc.p), hit = hits[id], share = 0;
      Object.keys(hit.terms).forEach(function (s) { share += weights[s] || 0; });
      hit.score *= 0.5 + share / all;
      var page = best[key] || (best[key] = { doc: doc, top: 0, sum: 0, words: {}, hits: [] });
      page.sum += hit.score;
      page.hits.push([hit.score, doc]);
      Object.keys(hit.words).forEach(function (w) { page.words[w] = true; });
      if (hit.score > page.top) { page.top = hit.score; page.doc = doc; }
    });
    return Object.keys(best).map(function (k) {
      var page = best[k];
      page.score = page.top + 0.25 * (page.sum - page.top);
      return page;
    }).sort(function (a, b) { return b.score - a.score || a.doc.id - b.doc.id; });
  }
  function search(query, level) {
    level = level || 0;
    var list = terms(query, level);
    return bodyHits(list, level, {}).then(function (hits) {
      var results = rank(coreHits(list, level, hits), list);
      if (results.length || level >= 3) return phrase(query, results).then(function () {
        return { results: results, level: level, terms: list };
      });
      return search(query, level + 1);
    });
  }
  // The words as typed, side by side ("vem gör vad"), lift the best twenty that hold them.
  var TOP = 20;
  function phrase(query, results) {
    var words = folded(query);
    if (words.length < 2) return Promise.resolve();
    var wanted = " " + words.join(" ") + " ", top = results.slice(0, TOP);
    return Promise.all(top.map(function (r) { return pageText(r.doc.p); })).then(function (pagesText) {
      top.forEach(function (r, i) {
        var doc = r.doc, text = [data.pages[doc.p][1], doc.h, pagesText[i][doc.id - firstDoc(doc.p)] || ""].join(" ");
        if ((" " + folded(text).join(" ") + " ").indexOf(wanted) >= 0) r.score *= 2;
      });
      results.sort(function (a, b) { return b.score - a.score || a.doc.id - b.doc.id; });
    });
  }

  // --- "did you mean": the site's own words nearest to each word that is not one ---------
  function suggestion(query) {
    var changed = false;
    var words = folded(query).map(function (w) {
      if (stop[w] || known(w) || w.length < 3) return w;
      var best = null, bestDistance = 4;
      Object.keys(vocabulary).forEach(function (v) {
        if (Math.abs(v.length - w.length) >= bestDistance) return;
        var d = typos(v, w, bestDistance - 1);
        if (d < bestDistance) { best = v; bestDistance = d; }
      });
      if (best) { changed = true; return best; }
      return w;
    });
    return changed ? words.join(" ") : "";
  }

  // --- results -------------------------------------------------------------------
  function href(doc) {
    return new URL("../" + data.pages[doc.p][0], base).pathname + (doc.a ? "#" + doc.a : "");
  }
  // Is this word of the page one that matched? (as typed, as a stem, or holding a matched part)
  function matcher(words) {
    var exact = {}, stemmed = {}, parts = [];
    Object.keys(words).forEach(function (w) {
      if (w[0] === "~") stemmed[w.slice(1)] = true;
      else if (w[0] === "*") parts.push(w.slice(1));
      else exact[w] = true;
    });
    return function (word) {
      var f = fold(word);
      if (!f || stop[f]) return false;
      return exact[f] || stemmed[stemOf(f)] || parts.some(function (p) { return f.indexOf(p) >= 0; });
    };
  }
  // Text with the matched words in <mark>.
  function marked(element, text, isMatch) {
    text.split(/([^\p{L}\p{N}]+)/u).forEach(function (piece) {
      if (piece && isMatch(piece)) {
        var m = document.createElement("mark");
        m.textContent = piece;
        element.appendChild(m);
      } else if (piece) {
        element.appendChild(document.createTextNode(piece));
      }
    });
    return element;
  }
  // About 180 characters of the section, around the first matched word.
  function excerpt(text, isMatch) {
    var re = /[\p{L}\p{N}]+/gu, m, at = -1;
    while ((m = re.exec(text))) { if (isMatch(m[0])) { at = m.index; break; } }
    var start = at > 60 ? text.lastIndexOf(" ", at - 50) + 1 : 0;
    var cut = text.slice(start);
    if (cut.length > 180) cut = cut.slice(0, 180).replace(/\s+\S*$/, "") + " …";
    return (start > 0 ? "… " : "") + cut;
  }
  // The section shown: the best one where the matched words can be seen (a page found by
  // its glossary also-words shows where the word stands in its text).
  function shown(result, pageTexts) {
    var isMatch = matcher(result.words), first = firstDoc(result.doc.p);
    var hits = result.hits.sort(function (a, b) { return b[0] - a[0]; }).map(function (h) { return h[1]; });
    for (var i = 0; i < hits.length; i++) {
      var doc = hits[i], text = pageTexts[doc.id - first] || "";
      if ((data.pages[doc.p][1] + " " + (doc.h || "") + " " + text).split(/[^\p{L}\p{N}]+/u).some(isMatch)) {
        return { doc: doc, text: text, isMatch: isMatch };
      }
    }
    return { doc: result.doc, text: pageTexts[result.doc.id - first] || "", isMatch: isMatch };
  }
  function item(result, pageTexts) {
    var pick = shown(result, pageTexts), doc = pick.doc, text = pick.text, isMatch = pick.isMatch;
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = href(doc);
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    article.appendChild(marked(document.createElement("h3"), data.pages[doc.p][1] + (doc.h ? " – " + doc.h : ""), isMatch));
    article.appendChild(marked(document.createElement("p"), excerpt(text || "", isMatch), isMatch));
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }
  // Shows the next ten results; resolves when they are on screen.
  var current = null, adding = null;
  function showMore() {
    if (adding && adding.found === current) return adding.done;  // a second click adds nothing twice
    var found = current, from = list.children.length, batch = found.results.slice(from, from + PAGE);
    var mine = adding = { found: found };
    mine.done = Promise.all(batch.map(function (r) { return pageText(r.doc.p); })).then(function (pagesText) {
      if (adding === mine) adding = null;
      if (found !== current) return;
      batch.forEach(function (r, i) { list.appendChild(item(r, pagesText[i])); });
      var left = found.results.length - list.children.length;
      more.hidden = left <= 0;
      if (left > 0) more.textContent = root.dataset.more.replace("#", String(Math.min(PAGE, left)));
    });
    return mine.done;
  }
  var firsts = null;
  function firstDoc(p) {
    if (!firsts) {
      firsts = {};
      data.docs.forEach(function (doc, i) { if (!(doc.p in firsts)) firsts[doc.p] = i; });
    }
    return firsts[p];
  }
  function showHelp(query, show) {
    help.hidden = !show;
    var text = show ? suggestion(query) : "";
    suggest.hidden = !text;
    var span = suggest.querySelector("span");
    span.textContent = "";
    if (text) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "hb-search-suggestion";
      b.textContent = text;
      b.addEventListener("click", function () { input.value = text; run(); input.focus(); });
      span.appendChild(b);
    }
  }
  function show(query, found) {
    list.textContent = "";
    current = found;
    more.hidden = true;
    if (!found) {
      status.textContent = root.dataset.wait; status.dataset.query = query; showHelp(query, false);
      return Promise.resolve();
    }
    return showMore().then(function () {
      if (found !== current) return;  // a later query is shown meanwhile: never announce this one over it
      var n = found.results.length;  // the live region announces how many pages answer
      showHelp(query, n === 0);
      status.textContent = (n === 0 ? root.dataset.none : n === 1 ? root.dataset.one
        : root.dataset.other.replace("#", String(n))) + (n && found.level ? ". " + root.dataset.loose : "");
      status.dataset.query = query;
    });
  }

  var pending = 0;
  // A file that did not arrive (a phone losing its connection for a moment, a busy
  // server) is asked for again: the shard and index caches forget a failed fetch.
  function attempt(query, tries) {
    return load().then(function () {
      if (!query.trim()) return null;
      return search(query);
    }).catch(function (err) {
      if (tries <= 0) throw err;
      return new Promise(function (resolve) { setTimeout(resolve, 300); }).then(function () {
        return attempt(query, tries - 1);
      });
    });
  }
  function run() {
    var query = input.value, ticket = ++pending;
    attempt(query, 3).then(function (found) {
      if (ticket === pending) return show(query, found);
    });
  }

  // --- opening, closing and the keyboard ---------------------------------------------
  // The search opens when the reader types in the field, clicks it, presses its button or
  // a key (s, f, /); only passing through the field with Tab does not open it, and
  // leaving the search with Tab closes it, so the page is never left dimmed behind focus.
  function open() {
    if (!toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
    input.focus();
    load();
  }
  function close(restoreFocus) {
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
    if (restoreFocus === false) return;
    input.blur();
    if (opener && opener.offsetParent !== null) opener.focus();
  }
  input.addEventListener("input", function () { if (!toggle.checked) open(); run(); });
  input.addEventListener("click", open);
  more.addEventListener("click", function () {
    var next = list.children.length;
    showMore().then(function () { var a = list.children[next] && list.children[next].querySelector("a"); if (a) a.focus(); });
  });
  root.addEventListener("focusout", function (event) {
    if (toggle.checked && event.relatedTarget && !root.contains(event.relatedTarget)) close(false);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  form.addEventListener("reset", function () { setTimeout(function () { show("", null); input.focus(); }, 0); });
  toggle.addEventListener("change", function () { if (toggle.checked) { load(); setTimeout(function () { input.focus(); }, 0); } });
  if (opener) opener.addEventListener("click", open);
  document.addEventListener("keydown", function (event) {
    var target = event.target, inForm = root.contains(target);
    if (toggle.checked && event.key === "Escape") { event.preventDefault(); close(); return; }
    if (toggle.checked && inForm && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      var links = [input].concat(Array.prototype.slice.call(list.querySelectorAll("a")));
      var i = links.indexOf(document.activeElement);
      var next = links[(i + (event.key === "ArrowDown" ? 1 : -1) + links.length) % links.length];
      event.preventDefault();
      next.focus();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || target.isContentEditable ||
        /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    if (event.key === "s" || event.key === "f" || event.key === "/") { event.preventDefault(); open(); }
  });
})();
