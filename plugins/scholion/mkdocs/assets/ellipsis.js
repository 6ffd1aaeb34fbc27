/* A truncated title (navigation, table of contents, footer) shows its full text on hover, as text.
 *
 * Material's own tooltip for truncated titles builds its HTML from the title's text, so the plugin
 * renames those elements .scholion-ellipsis (scholion.mkdocs.ellipsis); this gives a truncated one's
 * link a title attribute instead, which the browser shows as plain text. Never in the header, whose
 * title attributes Material turns into its HTML tooltips too. Measured on hover (a hidden drawer's
 * titles have no width), so it needs nothing from instant navigation.
 */
(function () {
  "use strict";

  function entitle(event) {
    var link = event.target instanceof Element ? event.target.closest("a, label") : null;
    if (!link || link.closest(".md-header")) return;
    var title = link.querySelector(".scholion-ellipsis");
    if (title && title.offsetWidth < title.scrollWidth) {
      link.title = title.textContent.replace(/\s+/g, " ").trim();
    }
  }

  document.addEventListener("mouseover", entitle);
  document.addEventListener("focusin", entitle);
})();
