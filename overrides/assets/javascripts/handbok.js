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
  // Abbreviations explain themselves on keyboard focus too, not only on hover.
  document.querySelectorAll(".md-typeset abbr[title]").forEach(function (abbr) {
    abbr.setAttribute("tabindex", "0");
  });
})();
