/* Cite a paragraph or the whole text in the style a reader chooses, copied in one click.
 *
 * The reading page carries <div id="citation-data" data-citation="{JSON}">, written in Python
 * (scholion.bib.citing, scholion.bib.styles): the text and a paragraph in each citation style (a
 * reference-list entry and an in-text citation, formatted by citeproc at build time) and in each
 * format for reference managers (BibTeX, CSL-JSON, RIS), as templates. In them {{N}} stands for the
 * paragraph number and {{LOC}} for its locator, made of the paragraph's form and, where the printed
 * page is known (data.pages), the page's form before it: the style's own (", p. 5, para. 14") or the
 * corpus's (data.locator: "p. 5, ¶14"). The day a reader cites is {{ACCESSED}} (2026-12-07) in the
 * formats and {{DAY}} {{MONTH}} {{YEAR}} in a style, whose twelve month names (style.months: "Sept."
 * in MLA) citeproc gave. The page has a "cite" button after every ¶ permalink (a.para-link): this
 * file opens its panel, fills the templates in, and copies. The "Cite this text" box is in the page
 * as written, in the first style and without an access date; this file adds the style chooser and
 * the date. The style chosen, in either place, is remembered (localStorage) for every page and visit.
 * Material's instant navigation swaps pages without a reload, so the text box is set up on document$.
 */
(function () {
  "use strict";

  var PANEL_ID = "cite-panel";
  var STYLE_KEY = "scholion.citeStyle";
  var STYLE_BLOCKS = ["reference", "in-text"];  // the reference's label is the style's
  var IN_TEXT = "In-text citation";

  function citationData() {
    var node = document.getElementById("citation-data");
    if (!node) return null;
    try {
      return JSON.parse(node.getAttribute("data-citation"));
    } catch (error) {
      return null;
    }
  }

  var chosenHere = null;  // where the browser refuses storage, the choice holds until the next reload

  function chosenStyle(data) {
    var key = null;
    try {
      key = window.localStorage.getItem(STYLE_KEY);
    } catch (error) { /* storage refused */ }
    if (!data.styles[key]) key = chosenHere;
    return data.styles[key] ? key : Object.keys(data.styles)[0];
  }

  function rememberStyle(key) {
    chosenHere = key;
    try {
      window.localStorage.setItem(STYLE_KEY, key);
    } catch (error) { /* storage refused */ }
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function locate(forms, number, page) {
    var paragraph = forms.paragraph.split("{{N}}").join(number);
    if (!page) return paragraph;
    return (page.indexOf("–") >= 0 ? forms.pages : forms.page).split("{{PAGE}}").join(page) + paragraph;
  }

  // A template as read today; ``style`` (one of data.styles) for a style's template, else a format's.
  function fill(template, data, number, style) {
    var day = new Date();
    var text = template
      .split("{{ACCESSED}}").join(day.getFullYear() + "-" + pad(day.getMonth() + 1) + "-" + pad(day.getDate()))
      .split("{{DAY}}").join(String(day.getDate()))
      .split("{{MONTH}}").join(style ? style.months[day.getMonth()] : "")
      .split("{{YEAR}}").join(String(day.getFullYear()));
    if (number) {
      var loc = locate(style ? style.locator : data.locator, number, (data.pages || {})[number]);
      text = text.split("{{LOC}}").join(loc).split("{{N}}").join(number);
    }
    return text;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      try {
        if (document.execCommand("copy")) resolve();
        else reject(new Error("copy refused"));
      } catch (error) {
        reject(error);
      } finally {
        document.body.removeChild(area);
      }
    });
  }

  // The button says what it copies when clicked: a style block's label changes with the style.
  function copyButton(getText, getLabel, status) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cite-copy";
    button.textContent = "Copy";
    button.addEventListener("click", function () {
      var label = getLabel();
      copyText(getText()).then(
        function () {
          button.textContent = "Copied";
          status.textContent = label + " copied to the clipboard.";
          window.setTimeout(function () { button.textContent = "Copy"; }, 2000);
        },
        function () {
          status.textContent = "Copying failed: select the text and copy it by hand.";
        }
      );
    });
    return button;
  }

  // A label and its copy button; the label's text sits in a span of its own so that a style block
  // can be relabelled without touching the button.
  function addCopy(head, code, status) {
    var text = head.querySelector(".cite-format-name");
    if (!text) {
      text = document.createElement("span");
      text.className = "cite-format-name";
      text.textContent = head.textContent;
      head.textContent = "";
      head.appendChild(text);
    }
    var button = copyButton(function () { return code.textContent; }, function () { return text.textContent; }, status);
    button.setAttribute("aria-label", "Copy " + text.textContent);
    head.appendChild(button);
  }

  function formatBlock(key, label, text, status) {
    var block = document.createElement("div");
    block.className = "cite-format";
    block.setAttribute("data-format", key);
    var head = document.createElement("p");
    head.className = "cite-format-label";
    head.textContent = label;
    var pre = document.createElement("pre");
    pre.className = "cite-text";
    pre.setAttribute("data-format", key);
    var code = document.createElement("code");
    code.textContent = text;
    pre.appendChild(code);
    block.appendChild(head);
    block.appendChild(pre);
    addCopy(head, code, status);
    return block;
  }

  function statusLine() {
    var status = document.createElement("p");
    status.className = "cite-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    return status;
  }

  // Fill a panel's or the box's style blocks with the style chosen; ``number`` for a paragraph.
  function showStyle(container, data, number) {
    var key = chosenStyle(data), style = data.styles[key];
    var templates = number ? style.paragraph : style.text;
    STYLE_BLOCKS.forEach(function (format) {
      var block = container.querySelector('.cite-format[data-format="' + format + '"]');
      if (block) block.querySelector("pre code").textContent = fill(templates[format], data, number, style);
    });
    var reference = container.querySelector('.cite-format[data-format="reference"]');
    if (reference) {
      reference.querySelector(".cite-format-name").textContent = style.label;
      reference.querySelector(".cite-copy").setAttribute("aria-label", "Copy " + style.label);
    }
    var select = container.querySelector(".cite-style select");
    if (select) select.value = key;
  }

  function showStyleEverywhere(data) {
    var panel = document.getElementById(PANEL_ID);
    if (panel) showStyle(panel, data, panel.getAttribute("data-paragraph"));
    var box = document.getElementById("cite-this-text");
    if (box) showStyle(box, data);
  }

  function styleChooser(data, id) {
    var chooser = document.createElement("p");
    chooser.className = "cite-style";
    var label = document.createElement("label");
    label.setAttribute("for", id);
    label.textContent = "Citation style";
    var select = document.createElement("select");
    select.id = id;
    Object.keys(data.styles).forEach(function (key) {
      var option = document.createElement("option");
      option.value = key;
      option.textContent = data.styles[key].label;
      select.appendChild(option);
    });
    select.addEventListener("change", function () {
      rememberStyle(select.value);
      showStyleEverywhere(data);
    });
    chooser.appendChild(label);
    chooser.appendChild(select);
    return chooser;
  }

  function closePanel(returnFocus) {
    var panel = document.getElementById(PANEL_ID);
    if (!panel) return;
    var owner = document.querySelector('.cite-button[aria-expanded="true"]');
    panel.parentNode.removeChild(panel);
    if (owner) {
      owner.setAttribute("aria-expanded", "false");
      if (returnFocus) owner.focus();
    }
  }

  function openPanel(button, paragraph, data) {
    var number = paragraph.id.replace(/^p/, "");
    closePanel(false);
    var panel = document.createElement("div");
    panel.id = PANEL_ID;
    panel.className = "cite-panel";
    panel.setAttribute("role", "region");
    panel.setAttribute("aria-label", "Cite paragraph " + number);
    panel.setAttribute("data-paragraph", number);
    var title = document.createElement("p");
    title.className = "cite-panel-title";
    title.textContent = "Cite ¶" + number;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "cite-close";
    close.textContent = "×";
    close.setAttribute("aria-label", "Close the citation box");
    close.addEventListener("click", function () { closePanel(true); });
    title.appendChild(close);
    panel.appendChild(title);
    panel.appendChild(styleChooser(data, "cite-style-paragraph"));
    var status = statusLine();
    panel.appendChild(formatBlock("reference", "", "", status));
    panel.appendChild(formatBlock("in-text", IN_TEXT, "", status));
    Object.keys(data.paragraph).forEach(function (key) {
      panel.appendChild(formatBlock(key, (data.labels || {})[key] || key, fill(data.paragraph[key], data, number), status));
    });
    panel.appendChild(status);
    showStyle(panel, data, number);
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") closePanel(true);
    });
    paragraph.insertAdjacentElement("afterend", panel);
    button.setAttribute("aria-expanded", "true");
    panel.querySelector(".cite-copy").focus({ preventScroll: true });
  }

  // The buttons are in the page (after each ¶ link): one listener, on the document, serves them all,
  // on every page Material's instant navigation swaps in.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.cite-button");
    var paragraph = button && button.closest("[id]");
    var data = paragraph && /^p\d+$/.test(paragraph.id) ? citationData() : null;
    if (!data) return;
    if (button.getAttribute("aria-expanded") === "true") closePanel(false);
    else openPanel(button, paragraph, data);
  });

  function setUpTextBox() {
    var box = document.getElementById("cite-this-text");
    var data = citationData();
    if (!box || !data || box.querySelector(".cite-copy")) return;
    var status = statusLine();
    box.querySelectorAll(".cite-format").forEach(function (block) {
      var head = block.querySelector(".cite-format-label");
      var code = block.querySelector("pre code");
      if (!head || !code) return;
      var template = data.text[block.getAttribute("data-format")];
      if (template) code.textContent = fill(template, data);
      addCopy(head, code, status);
    });
    var first = box.querySelector(".cite-format");
    if (first) first.parentNode.insertBefore(styleChooser(data, "cite-style-text"), first);
    showStyle(box, data);
    box.appendChild(status);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setUpTextBox);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpTextBox);
  } else {
    setUpTextBox();
  }
})();
