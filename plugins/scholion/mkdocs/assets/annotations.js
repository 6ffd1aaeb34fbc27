/* Annotations beside their paragraph: open on wide screens, collapsed on narrow ones, open in print.
 *
 * Each paragraph's annotations are a <details class="annotations"> (reading.css floats it
 * into the margin column on wide screens). Without this script they are collapsed everywhere and
 * open on a click, so nothing is lost. A reader's own click wins over the screen width.
 * Runs again after each instant-navigation page change (document$).
 */
(function () {
  "use strict";

  var wide = window.matchMedia("(min-width: 90em)");  // the margin column of reading.css

  function sync() {
    document.querySelectorAll("details.annotations").forEach(function (details) {
      if (details.dataset.readerToggled) return;
      details.open = wide.matches;
    });
  }

  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var target = document.getElementById(id);
    var details = target && target.closest("details.annotations");
    if (details && !details.open) {
      details.open = true;
      target.scrollIntoView();
    }
  }

  function setUp() {
    document.querySelectorAll("details.annotations > summary").forEach(function (summary) {
      if (summary.dataset.watched) return;
      summary.dataset.watched = "1";
      summary.addEventListener("click", function () {
        summary.parentElement.dataset.readerToggled = "1";
      });
    });
    sync();
    openTarget();
  }

  if (wide.addEventListener) wide.addEventListener("change", sync);
  // A printed page shows every annotation whole; the screen's state comes back after printing.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.annotations").forEach(function (details) {
      details.dataset.openOnScreen = details.open ? "1" : "";
      details.open = true;
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details.annotations").forEach(function (details) {
      details.open = details.dataset.openOnScreen === "1";
    });
  });
  window.addEventListener("hashchange", openTarget);
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.annotation-ref");
    if (!link) return;
    // Material's instant navigation turns hrefs absolute: read the fragment from the resolved URL.
    var target = document.getElementById(decodeURIComponent(new URL(link.href, window.location.href).hash.slice(1)));
    var details = target && target.closest("details.annotations");
    if (details) details.open = true;
  });

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
