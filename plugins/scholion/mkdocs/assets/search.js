/* The site's search: a dialog over Pagefind's static index (pagefind/ at the site root).
 *
 * Every paragraph, note, annotation, glossary entry and bibliography entry is a location of its own
 * (see scholion/search/records.py): a section, under a heading with its id, of its page's entry in
 * the index. Pagefind ranks the pages and gives each page's sections with hits (its sub-results); a
 * result is one such section and links to the passage itself (/romano-2021/#n55), with ?highlight=
 * naming the words Pagefind marked; on that page the words are marked in the passage. Pagefind
 * fetches only the index chunks of the words searched and one fragment (the page's words) for each
 * page whose places are shown. Its runtime (script, WebAssembly, metadata: four requests one after
 * another) loads when the dialog opens, and the chunks of each word as it is typed, so that once the
 * reader stops typing only the fragments are left to fetch.
 *
 * It needs no theme: the header's button (overrides/partials/header.html) only has to carry
 * data-scholion-search, and "/" opens it anywhere. The dialog is a native <dialog> opened modal, so
 * the page behind is inert (focus stays in it), Escape closes it and focus goes back to its opener.
 * Up and down arrows (or Tab) move through the results, Enter opens the first.
 *
 * Nothing is built from strings: titles are set as text, and an excerpt (the record's words, escaped
 * by Pagefind, with <mark> around hits) is parsed in an inert document, of which only text and
 * <mark> are copied. Pagefind compiles WebAssembly: a Content-Security-Policy must allow
 * 'wasm-unsafe-eval' in script-src (and nothing else: no inline script, no eval).
 */
(function () {
  "use strict";

  var ROOT = new URL("../", document.currentScript.src);  // this file is <root>/assets/search.js
  var SHOWN = 10;  // places shown
  var PAGES = 5;  // pages whose places are shown: each costs its fragment to fetch
  var PER_PAGE = 3;  // places shown of one page, its best first
  var RETRY_MS = 1000;  // before a failed search is run again
  var PAUSE_MS = 300;  // of typing, before a search: a search a keystroke would queue up behind each other
  var engine = null;  // Pagefind, imported when the dialog first opens
  var dialog = null;
  var input, status, list, opener;
  var latest = 0;  // the newest query: an older one's results arrive too late to show
  var timer = 0;

  // Pagefind, imported once; ``afresh``: a new instance of it. Pagefind keeps a failure to load its
  // index (one request answered empty on a loaded network, say) for the rest of the visit, and an
  // import of the same address gives the same module back: a new instance has its own address.
  function pagefind(afresh) {
    if (!engine || afresh) {
      var address = new URL("pagefind/pagefind.js", ROOT);
      if (afresh) address.searchParams.set("instance", String(Date.now()));
      engine = import(address.href).then(function (module) {
        return module.options({ baseUrl: ROOT.pathname, excerptLength: 24 }).then(function () { return module; });
      });
      engine.catch(function () { engine = null; });  // a load that failed is tried again by the next search
    }
    return engine;
  }

  // The best places of ``query``, and in how many pages it was found.
  function search(query, afresh) {
    return pagefind(afresh).then(function (module) {
      return module.search(query);
    }).then(function (found) {
      return Promise.all(found.results.slice(0, PAGES).map(function (result) { return result.data(); }))
        .then(function (pages) {
          var places = [];
          pages.forEach(function (data) { places = places.concat(bestPlaces(data).slice(0, PER_PAGE)); });
          // A place headed by the very words searched (a glossary term, a section) comes first, then
          // the places in the order Pagefind ranks their pages.
          var named = places.filter(function (place) { return same(place.heading, query); });
          return [found.results.length, named.concat(places.filter(function (place) { return named.indexOf(place) < 0; })).slice(0, SHOWN)];
        });
    });
  }

  function same(heading, query) {
    var words = function (text) { return (text || "").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(" "); };
    return words(heading) !== "" && words(heading) === words(query);
  }

  // A page's sections with hits, the most and strongest hits first: each with the page's title and
  // its own label (a record's from the page's meta "places"; a hand-written page's heading).
  function bestPlaces(data) {
    var labels = {};
    try { labels = JSON.parse(data.meta.places || "{}"); } catch (error) { labels = {}; }
    var subs = data.sub_results && data.sub_results.length ? data.sub_results : [data];
    return subs.map(function (sub) {
      var id = sub.anchor ? sub.anchor.id : "";
      return {
        title: data.meta.title || "",
        where: labels[id] || (sub !== data && sub.title !== data.meta.title ? sub.title : ""),
        heading: sub !== data ? sub.title : "",
        url: sub.url,
        excerpt: sub.excerpt,
        score: (sub.weighted_locations || []).reduce(function (sum, hit) { return sum + hit.balanced_score; }, 0)
      };
    }).sort(function (a, b) { return b.score - a.score; });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function build() {
    dialog = element("dialog", "scholion-search");
    dialog.setAttribute("aria-label", "Search");
    var form = element("form", "scholion-search__form");
    form.setAttribute("role", "search");
    input = element("input", "scholion-search__input");
    input.type = "search";
    input.placeholder = "Search";
    input.autocomplete = "off";
    input.spellcheck = false;
    input.setAttribute("aria-label", "Search the texts, their notes, the glossary and the bibliography");
    var close = element("button", "scholion-search__close");
    close.type = "button";
    close.setAttribute("aria-label", "Close search");
    close.appendChild(element("span", "", "×")).setAttribute("aria-hidden", "true");
    form.append(input, close);
    status = element("p", "scholion-search__status");
    status.setAttribute("role", "status");
    list = element("ol", "scholion-search__results");
    list.setAttribute("aria-label", "Results");
    dialog.append(form, status, list);
    document.body.appendChild(dialog);

    input.addEventListener("input", function () {
      var query = input.value.trim();
      if (query) pagefind().then(function (module) { return module.preload(query); }).catch(function () {});
      clearTimeout(timer);
      timer = setTimeout(run, PAUSE_MS);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) first.click();
    });
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close();  // a click on the backdrop
    });
    dialog.addEventListener("keydown", keys);
    dialog.addEventListener("close", function () {
      if (opener && opener.isConnected) opener.focus();
    });
    list.addEventListener("click", function (event) {
      if (event.target.closest("a")) {
        opener = null;  // the reader goes to the passage: focus goes with the page
        dialog.close();
      }
    });
  }

  function open() {
    if (!dialog || !dialog.isConnected) build();  // a navigation that replaced the body took it
    if (dialog.open) return;
    opener = document.activeElement;
    dialog.showModal();
    input.select();
    pagefind().then(function (module) { return module.init(); }).catch(function () {});  // loads while the reader types
  }

  function keys(event) {
    if (event.key === "Escape") {  // at once: a search field would take the first Escape to clear itself
      event.preventDefault();
      dialog.close();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    var next = event.key === "ArrowDown" ? at + 1 : at - 1;
    if (!links.length || next >= links.length) return;
    event.preventDefault();
    (next < 0 ? input : links[next]).focus();
  }

  function run() {
    var query = input.value.trim();
    var mine = ++latest;
    if (!query) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    status.textContent = "Searching…";
    // Once more on failure, a moment later and with a new Pagefind: a failed load is not kept for the
    // rest of the visit, and what failed at once (an index file answered empty under load) may not again.
    search(query).catch(function () {
      return new Promise(function (resolve) { setTimeout(resolve, RETRY_MS); }).then(function () { return search(query, true); });
    }).then(function (answer) {
      if (mine !== latest) return;
      show(answer[0], answer[1], query);
    }).catch(function () {
      if (mine === latest) status.textContent = "Search is not available.";
    });
  }

  function show(pages, places, query) {
    list.dataset.query = query;  // which query the list answers (the tests wait for it)
    list.replaceChildren.apply(list, places.map(function (place) { return item(place, query); }));
    status.textContent = pages === 0 ? "No results"
      : (places.length === 1 ? "1 place" : places.length + " places") + " in "
        + (pages === 1 ? "1 page" : pages + " pages") + (pages > PAGES ? ", from the first " + PAGES : "");
  }

  function item(place, query) {
    var excerpt = excerptNodes(place.excerpt);
    var link = element("a", "scholion-search__link");
    link.href = landing(place.url, excerpt.words.length ? excerpt.words : query.split(/\s+/));
    var head = element("span", "scholion-search__head");
    head.append(element("span", "scholion-search__title", place.title));
    if (place.where) head.append(element("span", "scholion-search__where", place.where));
    var text = element("span", "scholion-search__excerpt");
    text.append.apply(text, excerpt.nodes);
    link.append(head, text);
    var li = element("li", "scholion-search__item");
    li.appendChild(link);
    return li;
  }

  // Pagefind's excerpt as text and <mark> nodes only (DOMParser runs no script and loads nothing), and the marked words.
  function excerptNodes(html) {
    var parsed = new DOMParser().parseFromString("<body>" + (html || "") + "</body>", "text/html").body;
    var nodes = [];
    var words = [];
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        nodes.push(element("mark", "", node.textContent));
        var word = node.textContent.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
        if (word && words.indexOf(word.toLowerCase()) < 0) words.push(word.toLowerCase());
      } else {
        nodes.push(document.createTextNode(node.textContent));
      }
    });
    return { nodes: nodes, words: words };
  }

  function landing(url, words) {
    var target = new URL(url, window.location.href);
    target.searchParams.set("highlight", words.join(" "));
    return target.href;
  }

  // ------------------------------------------------------------ the page a result opens

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  // The words of ?highlight= marked in the passage the fragment names (on a page section: the page's article).
  function highlight() {
    var words = (new URLSearchParams(window.location.search).get("highlight") || "").split(/\s+/).filter(Boolean);
    if (!words.length) return;
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    var scope = target && !/^H[1-6]$/.test(target.tagName) ? target : document.querySelector("article") || document.body;
    if (scope.querySelector("mark.scholion-hit")) return;
    var pattern = new RegExp("(?<![\\p{L}\\p{N}])(?:" + words.map(escapeRegExp).join("|") + ")(?![\\p{L}\\p{N}])", "giu");
    var walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentNode.closest("script, style, mark, button") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var texts = [];
    while (walker.nextNode()) texts.push(walker.currentNode);
    texts.forEach(function (node) {
      var value = node.nodeValue;
      var parts = [];
      var last = 0;
      value.replace(pattern, function (match, offset) {
        parts.push(document.createTextNode(value.slice(last, offset)), element("mark", "scholion-hit", match));
        last = offset + match.length;
      });
      if (!parts.length) return;
      parts.push(document.createTextNode(value.slice(last)));
      node.replaceWith.apply(node, parts);
    });
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-scholion-search]")) open();
  });
  document.addEventListener("keydown", function (event) {
    var typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      open();
    }
  });

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(highlight);  // Material's instant navigation: after each page it swaps in
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", highlight);
  } else {
    highlight();
  }
})();
