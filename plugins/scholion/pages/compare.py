"""The comparison pages: a page per topic (``/compare/<topic>/``, a column per text) and the index ``/compare/``.

Also what every comparison page (and :mod:`scholion.pages.overview`, :mod:`scholion.pages.charts`)
shows of a text the same way: its colour, its link and a paragraph's label.
"""
from __future__ import annotations

from html import escape
from typing import Sequence

from scholion.compare.selection import Comparison, Passage
from scholion.compare.texts import ComparedText
from scholion.compare.topics import OVERVIEW_SLUG, PARAGRAPH_ID_RE, Topic
from scholion.glossary.terms import Glossary
from scholion.html.sanitising import tooltip_title
from scholion.pages.render import Heading, RenderedPage

__all__ = ["PALETTE", "colour", "colour_class", "paragraph_label", "plural", "text_href", "text_head",
           "render_topic_page", "render_index_page"]

# Colours for the texts, in corpus order. Each has at least 4.5:1 contrast on white
# (and so also the 3:1 that WCAG asks of graphics); compare.css lightens them for the
# dark scheme.
PALETTE = ("#3949ab", "#a34700", "#00695c", "#8e24aa", "#ad1457", "#4e6a00")


def colour(text: ComparedText) -> str:
    return PALETTE[text.index % len(PALETTE)]


def colour_class(text: ComparedText) -> str:
    """CSS class setting ``--compare-colour`` (compare.css adapts it to the dark scheme)."""
    return f"compare-c{text.index % len(PALETTE)}"


def paragraph_label(anchor: str) -> str:
    """``p14`` → ``¶14``, ``n3`` → ``note 3``."""
    return f"¶{anchor[1:]}" if PARAGRAPH_ID_RE.match(anchor) else (f"note {anchor[1:]}" if anchor.startswith("n") else anchor)


def text_href(root: str, text: ComparedText, anchor: str = "") -> str:
    """The link to a text's reading page (unescaped), to ``anchor`` on it if given."""
    return f"{root}{text.slug}/" + (f"#{anchor}" if anchor else "")


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def text_head(text: ComparedText, root: str) -> str:
    return (f'<span class="compare-swatch {colour_class(text)}" aria-hidden="true"></span>'
            f'<a href="{escape(text_href(root, text))}">{escape(text.label)}</a>')


def _passage_html(passage: Passage, text: ComparedText, root: str) -> str:
    href = escape(text_href(root, text, passage.anchor))
    label = paragraph_label(passage.anchor)
    pinned = ' <span class="compare-pinned" title="Chosen by the topic editors">pinned</span>' if passage.pinned and not passage.matches else ""
    return (f'<li class="compare-passage"><blockquote cite="{href}"><p>{passage.excerpt}</p></blockquote>'
            f'<p class="compare-source"><a class="compare-ref" href="{href}" '
            f'title="{tooltip_title(text.label)}, paragraph {escape(passage.anchor[1:])}">{escape(text.label)}, {escape(label)}</a>{pinned}</p></li>')


def _selectors_html(topic: Topic, glossary: Glossary, root: str) -> str:
    parts = []
    terms = [glossary.get(item.value) for item in topic.terms]
    links = [f'<a href="{escape(root)}glossary/#{escape(t.slug)}">{escape(t.term)}</a>' for t in terms if t is not None]
    if links:
        parts.append(f"<li>glossary terms (with all their spellings): {', '.join(links)}</li>")
    if topic.keywords:
        parts.append("<li>words and phrases: " + ", ".join(f"<q>{escape(k.value)}</q>" for k in topic.keywords) + "</li>")
    for name, what in (("pin", "added by hand"), ("exclude", "left out by hand")):
        entries = [f"{escape(slug)} {', '.join(escape(paragraph_label(i.value)) for i in items)}"
                   for slug, items in getattr(topic, name).items() if items]
        if entries:
            parts.append(f"<li>paragraphs {what}: {'; '.join(entries)}</li>")
    return ('<details class="compare-how"><summary>How these passages were chosen</summary>'
            f'<p>A paragraph is shown when it contains one of:</p><ul>{"".join(parts)}</ul>'
            f'<p>Each passage quotes the sentences that match, <mark>highlighted</mark>; … marks what is left out. '
            f'The topic is defined in <code>topics/{escape(topic.slug)}.yml</code>.</p></details>')


def render_topic_page(comparison: Comparison, glossary: Glossary, root: str = "../../") -> RenderedPage:
    """The page ``/compare/<topic>/``; ``root`` leads from it to the site root."""
    topic = comparison.topic
    headings: list[Heading] = []
    out = [f"<h1>{escape(topic.title)}</h1>", f'<p class="compare-summary">{escape(topic.summary)}</p>']
    counts = ", ".join(f"{escape(c.text.label)}: {plural(len(c.passages), 'passage')}" for c in comparison.columns)
    out.append(f'<p class="compare-counts">{counts}. <a href="../">All topics</a> · <a href="../{OVERVIEW_SLUG}/">Corpus overview</a></p>')
    out.append(_selectors_html(topic, glossary, root))
    out.append(f'<div class="compare-grid">')
    for column in comparison.columns:
        text = column.text
        hid = f"text-{text.slug}"
        headings.append(Heading(2, hid, text.label))
        out.append(f'<section class="compare-column {colour_class(text)}" aria-labelledby="{escape(hid)}">')
        out.append(f'<h2 id="{escape(hid)}">{text_head(text, root)}</h2>')
        out.append(f'<p class="compare-title"><cite>{escape(text.title)}</cite> · {plural(len(column.passages), "passage")}</p>')
        if column.passages:
            out.append('<ol class="compare-passages">' + "".join(_passage_html(p, text, root) for p in column.passages) + "</ol>")
        else:
            out.append('<p class="compare-none">No passage of this text matches the topic.</p>')
        out.append("</section>")
    out.append("</div>")
    return RenderedPage("\n".join(out), headings)


def render_index_page(comparisons: Sequence[Comparison], texts: Sequence[ComparedText], root: str = "../") -> RenderedPage:
    """HTML of ``/compare/``: the topics, with how many passages each text has on each."""
    out = ["<h1>Compare the texts</h1>",
           '<p class="compare-summary">Each topic page sets the texts side by side: one column per text, with the '
           "passages where it treats the topic, so you can see where the authors agree and where they differ. "
           f'The <a href="{OVERVIEW_SLUG}/">corpus overview</a> shows the works they both cite, the glossary terms '
           "each uses most, and a timeline of the years they mention.</p>"]
    if not comparisons:
        out.append("<p>No topics yet: add a file to <code>topics/</code>.</p>")
        return RenderedPage("\n".join(out))
    head = "".join(f'<th scope="col">{text_head(t, root)}</th>' for t in texts)
    rows = []
    for comparison in comparisons:
        topic = comparison.topic
        cells = "".join(f'<td class="compare-num">{len(c.passages)}</td>' for c in comparison.columns)
        rows.append(f'<tr><th scope="row"><a href="{escape(topic.slug)}/">{escape(topic.title)}</a>'
                    f'<br><span class="compare-topic-summary">{escape(topic.summary)}</span></th>{cells}</tr>')
    out.append('<div class="compare-table-wrap compare-index"><table><caption>Passages per text on each topic</caption>'
               f'<thead><tr><th scope="col">Topic</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
    out.append('<p class="compare-contribute">To add a topic, add one file <code>topics/&lt;slug&gt;.yml</code> with a '
               "<code>title</code>, a short neutral <code>summary</code> and the glossary <code>terms</code>, "
               "<code>keywords</code> or pinned paragraphs (<code>pin</code>) that select its passages; "
               "<code>exclude</code> drops a paragraph that matches by accident.</p>")
    return RenderedPage("\n".join(out))

