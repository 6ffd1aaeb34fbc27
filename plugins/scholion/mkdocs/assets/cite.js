/* Cite a paragraph or the whole text, copied in one click.
 *
 * The reading page carries <div id="citation-data" data-citation="{JSON}">: each format
 * (Chicago, in-text, BibTeX, CSL-JSON, RIS) of the text and of a paragraph as a template, in which
 * {{N}} stands for the paragraph number, {{LOC}} for its locator (p. 5, ¶14: data.locators, or ¶14
 * where no printed page is known) and {{ACCESSED}} / {{ACCESSED_LONG}} for today's date. The formats
 * are written in Python (scholion.bib.citing); the page has a "cite" button after every ¶ permalink
 * (a.para-link): this file opens its panel, fills the templates in, and copies. The "Cite this text"
 * box is in the page as written, without an access date, which this file adds. Material's instant navigation swaps pages without a reload, so the text box's copy
 * buttons are set up on document$.
 */
(function () {
  "use strict";

  var PANEL_ID = "cite-panel";

  function citationData() {
    var node = document.getElementById("citation-data");
    if (!node) return null;
    try {
      return JSON.parse(node.getAttribute("data-citation"));
    } catch (error) {
      return null;
    }
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function fill(template, data, number) {
    var day = new Date();
    var text = template
      .split("{{ACCESSED_LONG}}").join(day.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric" }))
      .split("{{ACCESSED}}").join(day.getFullYear() + "-" + pad(day.getMonth() + 1) + "-" + pad(day.getDate()));
    if (number) text = text.split("{{LOC}}").join((data.locators || {})[number] || "¶" + number).split("{{N}}").join(number);
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

  function copyButton(getText, label, status) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cite-copy";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy " + label);
    button.addEventListener("click", function () {
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
    head.appendChild(copyButton(function () { return code.textContent; }, label, status));
    block.appendChild(head);
    block.appendChild(pre);
    return block;
  }

  function statusLine() {
    var status = document.createElement("p");
    status.className = "cite-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    return status;
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
    var status = statusLine();
    Object.keys(data.paragraph).forEach(function (key) {
      var text = fill(data.paragraph[key], data, number);
      panel.appendChild(formatBlock(key, (data.labels || {})[key] || key, text, status));
    });
    panel.appendChild(status);
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") closePanel(true);
    });
    paragraph.insertAdjacentElement("afterend", panel);
    button.setAttribute("aria-expanded", "true");
    var first = panel.querySelector(".cite-copy");
    if (first) first.focus({ preventScroll: true });
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
    if (!box || box.querySelector(".cite-copy")) return;
    var status = statusLine();
    var data = citationData();
    box.querySelectorAll(".cite-format").forEach(function (block) {
      var label = block.querySelector(".cite-format-label");
      var code = block.querySelector("pre code");
      if (!label || !code) return;
      var template = data && data.text && data.text[block.getAttribute("data-format")];
      if (template) code.textContent = fill(template, data);
      label.appendChild(copyButton(function () { return code.textContent; }, label.textContent, status));
    });
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
