// The print buttons of family pages and staff handouts. A file, not an inline
// onclick, so the Content-Security-Policy needs no 'unsafe-inline' or 'unsafe-hashes'.
document.querySelectorAll("[data-hb-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
