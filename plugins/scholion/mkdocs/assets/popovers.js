/* Notes, glossary terms, citations and annotations explain themselves in place: on hover, on a tap
 * and from the keyboard.
 *
 * A mouse pointer over one, or keyboard focus on it, shows a card beside it (role=tooltip, named by
 * aria-describedby): the note's text, the term's expansion, the citation's reference, the
 * annotation's author. A click follows the link (to the Notes list, the glossary entry, the
 * annotation). A tap or Enter on a focused link (a click whose pointer is not a mouse) opens a
 * popover beside it instead, with a link to where it lives. It closes with Escape, a tap outside or
 * its close button, and gives focus back to its link. Where a site turns Material's tooltips on
 * (content.tooltips, content.footnote.tooltips) they show on hover and the cards do not; they are
 * off by default: on a long text they cost a phone about a second of script at load.
 * Nothing is built from strings: contributor text only ever arrives as text or as a clone of the
 * page's own nodes. Material's instant navigation swaps pages without a reload, so the listeners
 * sit on the window.
 */
(function () {
  "use strict";

  var TRIGGERS = "a.footnote-ref, a.note-ref-missing, a.glossary-term, a.annotation-ref";
  var HINTED = TRIGGERS + ", .citation[title]";
  var popover = null;
  var opener = null;
  var card = null;  // the hover card, and the element it explains
  var carded = null;
  var removedTitles = [];  // [element, title]: taken away while the card shows, or the browser shows its own

  var features = (function () {
    var config = document.getElementById("__config");  // Material's
    try { return (config && JSON.parse(config.textContent).features) || []; } catch (error) { return []; }
  })();

  function targetOf(link) {
    // Material's instant navigation turns hrefs absolute: read the fragment from the resolved URL.
    var id = decodeURIComponent(new URL(link.href, window.location.href).hash.slice(1));
    return id ? document.getElementById(id) : null;
  }

  function paragraph(text, className) {
    var p = document.createElement("p");
    if (className) p.className = className;
    p.textContent = text;
    return p;
  }

  function linkTo(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.className = "popover-more";
    a.textContent = text;
    return a;
  }

  // A note's text, as a copy of its entry in the Notes list (no ids, no back link).
  function noteBody(note) {
    var copy = note.cloneNode(true);
    copy.querySelectorAll("[id]").forEach(function (element) { element.removeAttribute("id"); });
    copy.querySelectorAll(".footnote-backref").forEach(function (back) { back.remove(); });
    var body = document.createElement("div");
    body.className = "popover-note";
    Array.prototype.forEach.call(copy.childNodes, function (child) { body.appendChild(child.cloneNode(true)); });
    return body;
  }

  // What the popover shows for ``link``: [accessible name, nodes].
  function contentFor(link) {
    var label = link.textContent.trim();
    var target = targetOf(link);
    if (link.matches("a.glossary-term")) {
      var term = link.textContent.trim();
      var expansion = link.getAttribute("data-expansion") || "";
      return [term, [paragraph(term, "popover-title"), paragraph(expansion), linkTo(link.href, "The glossary entry")]];
    }
    if (link.matches("a.note-ref-missing")) {
      return ["Note " + label, [paragraph("Note " + label, "popover-title"),
        paragraph("The text of this note is not in the source extract."), linkTo(link.href, "The Notes list")]];
    }
    if (link.matches("a.footnote-ref") && target) {
      return ["Note " + label, [paragraph("Note " + label, "popover-title"), noteBody(target), linkTo(link.href, "Note " + label + " in the Notes list")]];
    }
    if (link.matches("a.annotation-ref") && target) {
      var annotation = target.cloneNode(true);
      annotation.removeAttribute("id");
      annotation.querySelectorAll("[id]").forEach(function (element) { element.removeAttribute("id"); });
      return ["Annotation", [annotation, linkTo(link.href, "The annotation beside its paragraph")]];
    }
    return null;
  }

  function close(giveFocusBack) {
    if (!popover) return;
    popover.remove();
    popover = null;
    document.body.classList.remove("scholion-popover-open");
    if (opener) {
      opener.setAttribute("aria-expanded", "false");
      if (giveFocusBack) opener.focus();
    }
    opener = null;
  }

  function place(box, link) {
    var rect = link.getBoundingClientRect();
    var width = Math.min(box.offsetWidth, document.documentElement.clientWidth - 16);
    var left = Math.max(8, Math.min(rect.left + window.scrollX - width / 2 + rect.width / 2,
      window.scrollX + document.documentElement.clientWidth - width - 8));
    var below = rect.bottom + 8;
    var fitsBelow = below + box.offsetHeight < window.innerHeight || rect.top < box.offsetHeight + 16;
    box.style.left = left + "px";
    box.style.top = (fitsBelow ? below + window.scrollY : rect.top + window.scrollY - box.offsetHeight - 8) + "px";
  }

  function open(link) {
    var content = contentFor(link);
    if (!content) return false;
    close(false);
    hideCard();
    popover = document.createElement("div");
    popover.className = "scholion-popover md-typeset";
    popover.setAttribute("role", "dialog");
    popover.setAttribute("aria-label", content[0]);
    popover.tabIndex = -1;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "popover-close";
    button.setAttribute("aria-label", "Close");
    button.textContent = "×";
    button.addEventListener("click", function () { close(true); });
    popover.appendChild(button);
    content[1].forEach(function (node) { popover.appendChild(node); });
    document.body.appendChild(popover);
    document.body.classList.add("scholion-popover-open");
    place(popover, link);
    opener = link;
    link.setAttribute("aria-expanded", "true");
    popover.focus();
    return true;
  }

  // ------------------------------------------------------------ hover cards

  function materialShows(element) {
    return element.matches(".footnote-ref") ? features.indexOf("content.footnote.tooltips") >= 0
      : features.indexOf("content.tooltips") >= 0;
  }

  // A title as Material's tooltip shows it: read as HTML (titles are written escaped for that, see
  // scholion.html.sanitising.tooltip_title), in an inert document, of which only the text is kept.
  function titleText(title) {
    return new DOMParser().parseFromString("<body>" + title + "</body>", "text/html").body.textContent;
  }

  // What the card shows for ``element``: nodes, or null.
  function hintFor(element) {
    var target = targetOf(element);
    if (element.matches("a.footnote-ref")) return target ? [noteBody(target)] : null;
    if (element.matches("a.glossary-term")) return [paragraph(element.getAttribute("data-expansion") || "")];
    var titled = element.hasAttribute("title") ? element : element.querySelector("[title]");
    return titled ? [paragraph(titleText(titled.getAttribute("title")))] : null;
  }

  function hideCard() {
    if (!card) return;
    card.remove();
    carded.removeAttribute("aria-describedby");
    removedTitles.forEach(function (pair) { pair[0].setAttribute("title", pair[1]); });
    removedTitles = [];
    card = carded = null;
  }

  function showCard(element) {
    if (element === carded || popover || materialShows(element)) return;
    hideCard();
    var nodes = hintFor(element);
    if (!nodes) return;
    card = document.createElement("div");
    card.className = "scholion-card md-typeset";
    card.id = "scholion-card";
    card.setAttribute("role", "tooltip");
    nodes.forEach(function (node) { card.appendChild(node); });
    [element].concat(Array.prototype.slice.call(element.querySelectorAll("[title]"))).forEach(function (titled) {
      if (titled.hasAttribute("title")) {
        removedTitles.push([titled, titled.getAttribute("title")]);
        titled.removeAttribute("title");
      }
    });
    carded = element;
    element.setAttribute("aria-describedby", card.id);
    document.body.appendChild(card);
    place(card, element);
  }

  function hinted(node) {
    var element = node instanceof Element ? node.closest(HINTED) : null;
    return element && !element.closest(".scholion-popover, .scholion-card") ? element : null;
  }

  window.addEventListener("pointerover", function (event) {
    if (event.pointerType === "touch") return;  // a tap opens the popover
    var element = hinted(event.target);
    if (element) showCard(element);
  });
  window.addEventListener("pointerout", function (event) {
    if (carded && !carded.contains(event.relatedTarget) && document.activeElement !== carded) hideCard();
  });
  window.addEventListener("focusin", function (event) {
    var element = hinted(event.target);
    if (element && element.matches(":focus-visible")) showCard(element);
    else hideCard();
  });
  window.addEventListener("focusout", function (event) {
    if (event.target === carded) hideCard();
  });

  // ------------------------------------------------------------ popovers

  window.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(TRIGGERS);
    if (popover && !popover.contains(event.target) && link !== opener) close(false);
    if (carded && link === carded) hideCard();
    // A mouse follows the link (its card showed on hover); a tap or a key opens the popover.
    if (!link || link.closest(".scholion-popover, .sidenotes") || event.pointerType === "mouse") return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (link === opener) {
      close(true);
    } else if (!open(link)) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();  // before Material's instant navigation sees it
  }, true);

  window.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && card) hideCard();  // a card can be dismissed without moving (WCAG 1.4.13)
    if (event.key === "Escape" && popover) {
      close(true);
      event.stopPropagation();
    }
  }, true);

  window.addEventListener("resize", function () { close(false); hideCard(); });
})();
