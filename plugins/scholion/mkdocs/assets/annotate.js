/* Annotate from the page: select words in one paragraph, then "Annotate" or "Report a text error".
 *
 * "Annotate" opens the repository's web editor for a new file in the text's annotations folder,
 * filled with front matter the build accepts: the paragraph id, the selected words (widened to
 * whole words) exactly as the build reads the paragraph, as many words before (or after) them as
 * make the quote unique there, today's date and a kind. "Report a text error" opens a new issue
 * quoting the words and the paragraph, with its id and address. Both come from
 * <meta name="scholion:new-annotation"> and <meta name="scholion:new-issue">, which the page has
 * only when mkdocs.yml names a GitHub repo_url; without them nothing is offered.
 * The paragraph's text is its text nodes without what the page adds to it (note markers, page
 * marks, the ¶ link, the cite button, annotation marks): what the build anchors quotes in.
 */
(function () {
  "use strict";

  var ADDED = ".note-marker, .note-sep, .page-mark, .para-link, .cite-button, .annotation-ref, .retired-anchor, .sidenotes";
  var MAX_CONTEXT_WORDS = 12;
  var toolbar = null;

  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute("content") : "";
  }

  // The paragraph's text as the build reads it, and for each of its text nodes where it starts.
  function paragraphText(paragraph) {
    var pieces = [];
    var text = "";
    var walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest(ADDED) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var node;
    while ((node = walker.nextNode())) {
      pieces.push({ node: node, start: text.length });
      text += node.nodeValue;
    }
    return { text: text, pieces: pieces };
  }

  function offsetOf(reading, container, offset) {
    for (var i = 0; i < reading.pieces.length; i++) {
      if (reading.pieces[i].node === container) return reading.pieces[i].start + offset;
    }
    // The boundary is in an element (or in what the page added): the first piece after it.
    for (var j = 0; j < reading.pieces.length; j++) {
      var position = container.compareDocumentPosition(reading.pieces[j].node);
      var inside = container.nodeType === 1 && container.childNodes[offset] &&
        (container.childNodes[offset] === reading.pieces[j].node || container.childNodes[offset].contains(reading.pieces[j].node));
      if (inside || (position & Node.DOCUMENT_POSITION_FOLLOWING && !(position & Node.DOCUMENT_POSITION_CONTAINED_BY))) {
        return reading.pieces[j].start;
      }
    }
    return reading.text.length;
  }

  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  // As scholion.annotations.anchoring matches: words in order, any run of white space between them.
  function wordsPattern(text) { return text.trim().split(/\s+/).map(escapeRegExp).join("\\s+"); }

  function occurrences(text, prefix, exact, suffix) {
    var pattern = (prefix ? wordsPattern(prefix) + "\\s*" : "") + "(" + wordsPattern(exact) + ")" +
      (suffix ? "(?=\\s*" + wordsPattern(suffix) + ")" : "");
    var regex = new RegExp(pattern, "g");
    var count = 0;
    var match;
    while ((match = regex.exec(text))) {
      count += 1;
      regex.lastIndex = match.index + 1;  // overlapping occurrences count too
    }
    return count;
  }

  // The selected words of one paragraph with what makes them unique there, or null.
  function selectedQuote() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    var range = selection.getRangeAt(0);
    var start = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentElement;
    var end = range.endContainer.nodeType === 1 ? range.endContainer : range.endContainer.parentElement;
    var paragraph = start && start.closest("p.para[id]");
    if (!paragraph || !end || end.closest("p.para[id]") !== paragraph || start.closest(ADDED)) return null;
    var reading = paragraphText(paragraph);
    var text = reading.text;
    var from = offsetOf(reading, range.startContainer, range.startOffset);
    var to = offsetOf(reading, range.endContainer, range.endOffset);
    while (from > 0 && /\S/.test(text[from - 1]) && /\S/.test(text[from] || "")) from -= 1;  // whole words
    while (to < text.length && /\S/.test(text[to]) && to > 0 && /\S/.test(text[to - 1])) to += 1;
    var exact = text.slice(from, to).trim();
    if (!exact) return null;
    from = text.indexOf(exact, from);
    to = from + exact.length;
    var before = text.slice(0, from).trim().split(/\s+/).filter(Boolean);
    var after = text.slice(to).trim().split(/\s+/).filter(Boolean);
    var prefix = "";
    var suffix = "";
    for (var n = 1; occurrences(text, prefix, exact, suffix) > 1 && n <= MAX_CONTEXT_WORDS; n++) {
      prefix = before.slice(Math.max(0, before.length - n)).join(" ");
      if (n > before.length) suffix = after.slice(0, n - before.length).join(" ");
    }
    return { paragraph: paragraph, exact: exact, prefix: prefix, suffix: suffix, text: text };
  }

  function today() {
    var now = new Date();
    function two(number) { return (number < 10 ? "0" : "") + number; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  function fileName(quote) {
    var words = quote.exact.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, " ").trim().split(" ").slice(0, 5);
    return quote.paragraph.id + "-" + (words.join("-") || "note") + ".md";
  }

  // JSON strings are YAML double-quoted scalars: the words go in as written, whatever they hold.
  function frontMatter(quote) {
    var lines = ["---", "target:", "  paragraph: " + quote.paragraph.id, "  exact: " + JSON.stringify(quote.exact)];
    if (quote.prefix) lines.push("  prefix: " + JSON.stringify(quote.prefix));
    if (quote.suffix) lines.push("  suffix: " + JSON.stringify(quote.suffix));
    lines.push("author: Your Name", "date: " + today(),
      "kind: comment  # or context, correction, cross-reference, missing-note, further-reading", "---",
      "What you have to say about these words, in Markdown.", "");
    return lines.join("\n");
  }

  function annotateUrl(quote) {
    return meta("scholion:new-annotation") + "?filename=" + encodeURIComponent(fileName(quote)) +
      "&value=" + encodeURIComponent(frontMatter(quote));
  }

  function reportUrl(quote) {
    var title = document.querySelector("article h1");
    var where = window.location.origin + window.location.pathname + "#" + quote.paragraph.id;
    var paragraphText = quote.text.length > 1500 ? quote.text.slice(0, 1500) + " …" : quote.text;
    var body = "In " + (title ? title.textContent.trim() : document.title) + ", ¶" + quote.paragraph.id.slice(1) +
      " (" + where + "), these words look wrong:\n\n> " + quote.exact + "\n\nThe paragraph:\n\n> " + paragraphText +
      "\n\nWhat the source says instead, and where (page of the printed text):\n";
    return meta("scholion:new-issue") + "?title=" + encodeURIComponent("Text error in ¶" + quote.paragraph.id.slice(1) +
      ": " + quote.exact.slice(0, 60)) + "&body=" + encodeURIComponent(body);
  }

  function close() {
    if (toolbar) toolbar.remove();
    toolbar = null;
  }

  function link(text, href) {
    var a = document.createElement("a");
    a.className = "annotate-action";
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener";
    a.textContent = text;
    return a;
  }

  function offer() {
    if (!meta("scholion:new-annotation")) return;
    var quote = selectedQuote();
    if (!quote) { close(); return; }
    close();
    toolbar = document.createElement("div");
    toolbar.className = "annotate-toolbar";
    toolbar.setAttribute("role", "group");
    toolbar.setAttribute("aria-label", "The selected words");
    toolbar.appendChild(link("Annotate", annotateUrl(quote)));
    toolbar.appendChild(link("Report a text error", reportUrl(quote)));
    // Right after the paragraph, so Tab from the selection reaches it.
    quote.paragraph.insertAdjacentElement("afterend", toolbar);
    var box = window.getSelection().getRangeAt(0).getBoundingClientRect();
    var parent = toolbar.offsetParent ? toolbar.offsetParent.getBoundingClientRect() : { left: 0, top: 0 };
    toolbar.style.left = Math.max(0, box.left - parent.left) + "px";
    toolbar.style.top = (box.bottom - parent.top + 6) + "px";
  }

  document.addEventListener("mouseup", function (event) {
    if (toolbar && toolbar.contains(event.target)) return;
    window.setTimeout(offer, 0);  // after the selection settles
  });
  document.addEventListener("keyup", function (event) {
    if (event.key === "Escape") { close(); return; }
    if (event.shiftKey || event.key === "Shift") offer();  // a selection made from the keyboard
  });
  document.addEventListener("touchend", function () { window.setTimeout(offer, 300); });
})();
