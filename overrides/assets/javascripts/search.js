/* The handbook's search. Nothing is fetched until the reader opens the search: then
   the MiniSearch library and this language's index (search/index.json, written by
   handbok/search.py) are loaded from the site itself, and the index is built here.
   Words are folded (å/ä → a, ö → o, é → e) and stemmed the same way for the index
   and the query, so "hembesoket" finds "Hembesök"; words of five letters or more
   tolerate one wrong letter; words of three or more also match as the start of a
   longer word. Exact matches score above prefix and typo matches. */
(function () {
  "use strict";
  var root = document.querySelector("[data-hb-search]");
  var toggle = document.getElementById("__search");
  if (!root || !toggle) return;
  var input = root.querySelector(".md-search__input");
  var form = root.querySelector("form");
  var status = root.querySelector("#hb-search-status");
  var list = root.querySelector("#hb-search-results");
  var opener = document.querySelector(".hb-search-open");
  var lang = document.documentElement.lang === "en" ? "en" : "sv";
  var MAX = 10;

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

  // --- index -------------------------------------------------------------------
  var data = null, engine = null, loading = null;
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
      fetch(root.dataset.index).then(function (r) { return r.json(); })
    ]).then(function (both) {
      data = both[1];
      engine = new window.MiniSearch({
        fields: ["title", "heading", "also", "parts", "text"],
        extractField: function (doc, field) {
          if (field === "id") return doc.id;
          if (field === "title") return doc.a ? "" : data.pages[doc.p][1];
          if (field === "heading") return doc.h || "";
          if (field === "also") return doc.s || "";
          if (field === "parts") return doc.c || "";
          return doc.t;
        },
        tokenize: tokenize,
        processTerm: term,
        searchOptions: {
          boost: { title: 5, heading: 3, also: 4, parts: 0.6, text: 1 },
          boostDocument: function (id) { return data.docs[id].g ? 1.3 : 1; },
          prefix: function (t) { return t.length >= 3; },
          // one wrong letter from five letters; two (a swap) from eight
          fuzzy: function (t) { return t.length >= 8 ? 2 : t.length >= 5 ? 1 : false; },
          weights: { fuzzy: 0.3, prefix: 0.5 }
        }
      });
      data.docs.forEach(function (doc, i) { doc.id = i; });
      engine.addAll(data.docs);
      return engine;
    });
    loading.catch(function () { loading = null; });
    return loading;
  }

  // Words people also use (glossary `also:`) are added to the query as the term itself.
  function expand(query) {
    var folded = " " + fold(query).replace(/[^\p{L}\p{N}]+/gu, " ") + " ";
    var extra = [];
    Object.keys(data.synonyms).forEach(function (word) {
      if (folded.indexOf(" " + word + " ") >= 0) extra.push(data.synonyms[word]);
    });
    var words = tokenize(query).filter(function (w) { return w && term(w); });
    if (!words.length) words = tokenize(query).filter(Boolean);  // only small words: search them anyway
    return words.concat(extra).join(" ");
  }

  function search(query) {
    var hits = engine.search(expand(query));
    var seen = {}, out = [], total = 0;
    for (var i = 0; i < hits.length; i++) {
      var doc = data.docs[hits[i].id];
      var key = doc.g ? doc.p + "#" + doc.a : doc.p;  // one result per page; per term in the glossary
      if (seen[key]) continue;
      seen[key] = true;
      total++;
      if (out.length < MAX) out.push(doc);
    }
    return { docs: out, total: total };
  }

  // --- results -------------------------------------------------------------------
  var base = new URL(root.dataset.index, location.href);
  function href(doc) {
    return new URL("../" + data.pages[doc.p][0], base).pathname + (doc.a ? "#" + doc.a : "");
  }
  function excerpt(text) {
    return text.length > 180 ? text.slice(0, 180).replace(/\s+\S*$/, "") + " …" : text;
  }
  function show(query) {
    list.textContent = "";
    if (!query.trim()) { status.textContent = root.dataset.wait; status.dataset.query = query; return; }
    var found = search(query);
    found.docs.forEach(function (doc) {
      var li = document.createElement("li");
      li.className = "md-search-result__item";
      var a = document.createElement("a");
      a.className = "md-search-result__link";
      a.href = href(doc);
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var h = document.createElement("h3");
      h.textContent = data.pages[doc.p][1] + (doc.h ? " – " + doc.h : "");
      var p = document.createElement("p");
      p.textContent = excerpt(doc.t);
      article.appendChild(h);
      article.appendChild(p);
      a.appendChild(article);
      li.appendChild(a);
      list.appendChild(li);
    });
    var n = found.total;  // the live region announces how many pages answer; the best ten are listed
    status.textContent = n === 0 ? root.dataset.none : n === 1 ? root.dataset.one
      : root.dataset.other.replace("#", String(n));
    status.dataset.query = query;
  }

  var pending = 0;
  function run() {
    var query = input.value, ticket = ++pending;
    load().then(function () { if (ticket === pending) show(query); });
  }

  // --- opening, closing and the keyboard ---------------------------------------------
  function open() {
    if (!toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
    input.focus();
    load();
  }
  function close() {
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
    input.blur();
    if (opener && opener.offsetParent !== null) opener.focus();
  }
  input.addEventListener("focus", open);
  input.addEventListener("input", run);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  form.addEventListener("reset", function () { setTimeout(function () { show(""); input.focus(); }, 0); });
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
