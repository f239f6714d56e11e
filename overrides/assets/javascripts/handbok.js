/* Small enhancements; every page works without this file. */
(function () {
  // The toolbox filters are CSS-only; here we only announce how many remain.
  function updateCount() {
    var out = document.querySelector("[data-hb-count]");
    if (!out) return;
    var shown = Array.prototype.filter.call(document.querySelectorAll(".hb-card"), function (card) {
      return card.offsetParent !== null;
    });
    out.textContent = String(shown.length);
  }
  document.addEventListener("change", function (event) {
    if (event.target.closest && event.target.closest(".hb-filters")) updateCount();
  });
  // Comparison tables: each column header becomes a sort button. Without
  // JavaScript the table is simply shown in its built order.
  // A cell sorts by its first year when it has one ("start year unknown, under way by 2018"
  // sorts with 2018), otherwise by its text.
  function sortKey(cell) {
    var text = cell.textContent.trim(), year = text.match(/\b(19|20)\d\d\b/);
    return year ? year[0] + " " + text : text;
  }
  document.querySelectorAll(".hb-sortable table").forEach(function (table) {
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortKey(a.cells[column]), y = sortKey(b.cells[column]);
          return (ascending ? 1 : -1) * x.localeCompare(y, document.documentElement.lang, { numeric: true });
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  // Abbreviations explain themselves on keyboard focus too, not only on hover.
  document.querySelectorAll(".md-typeset abbr[title]").forEach(function (abbr) {
    abbr.setAttribute("tabindex", "0");
  });
})();

// --- issue 15: no sitemap.xml requests
// Once the page has loaded, Material's language selector fetches sitemap.xml for every
// <link rel="alternate"> in the head, to find the same page in the other language. Our
// language links already point there (overrides/partials/alternate.html), so the head's
// alternate links (hreflang and the Atom feed) are hidden from that lookup while it runs and put back right after:
// the theme's listener was added before this file ran, so it runs before ours.
(function () {
  var links = Array.prototype.slice.call(document.querySelectorAll('link[rel="alternate"]'));
  links.forEach(function (link) { link.setAttribute("rel", "x-hb-alternate"); });
  document.addEventListener("DOMContentLoaded", function () {
    links.forEach(function (link) { link.setAttribute("rel", "alternate"); });
  });
})();
