/* A link to a passage of another page lands on the passage.
 *
 * Material's instant navigation scrolls to the link's fragment as soon as the new page is in. What
 * changes the page after that can carry the passage away: annotations opened in the margin on wide
 * screens (annotations.js), words marked by a search (search.js), paragraphs above it taking their
 * real heights as they are laid out (reading.css lays out only those near the screen). Each time the
 * page scrolls by itself or the article changes size in the first moments, the passage is brought
 * back into view, unless the reader has moved meanwhile (a wheel, a touch, a key, a click) or gone
 * elsewhere.
 */
(function () {
  "use strict";

  var SETTLE_MS = 1500;  // how long after a page comes in the passage is kept in place
  var moved = false;
  var watching = null;
  var landedIn = null;  // the article of the page last landed in

  function atEnd() {
    return window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 1;
  }

  function land() {
    if (watching) watching();
    // Only a page that came in: a jump within the page (Material passes some through here) is the browser's.
    var article = document.querySelector("article") || document.body;
    if (article === landedIn) return;
    landedIn = article;
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (!target) return;
    moved = false;
    var pending = false;
    // Where the passage belongs: its top at its scroll margin (below the fixed header), unless the
    // page ends too soon for that.
    function check() {
      pending = false;
      if (moved || !target.isConnected || decodeURIComponent(window.location.hash.slice(1)) !== id) return;
      var margin = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
      if (Math.abs(target.getBoundingClientRect().top - margin) > 2 && !atEnd()) target.scrollIntoView();
    }
    function soon() {
      if (!pending) {
        pending = true;
        requestAnimationFrame(check);
      }
    }
    window.addEventListener("scroll", soon, { passive: true });
    var resizes = typeof ResizeObserver === "function" ? new ResizeObserver(soon) : null;
    if (resizes) resizes.observe(article);
    var timer = setTimeout(function () { watching(); }, SETTLE_MS);
    watching = function () {
      window.removeEventListener("scroll", soon);
      if (resizes) resizes.disconnect();
      clearTimeout(timer);
      watching = null;
    };
    requestAnimationFrame(soon);
  }

  ["wheel", "touchstart", "keydown", "pointerdown"].forEach(function (type) {
    window.addEventListener(type, function () { moved = true; }, { passive: true, capture: true });
  });

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(land);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", land);
  } else {
    land();
  }
})();
