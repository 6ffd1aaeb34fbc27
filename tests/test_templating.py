"""The pages' templates escape as html.escape does, so a page's bytes do not depend on who escaped."""
from __future__ import annotations

import html

from hypothesis import given, strategies as st
from markupsafe import Markup

from scholion.pages.templating import environment


@given(st.text())
def test_a_printed_value_is_escaped_as_html_escape_does(text):
    template = environment().from_string('<p title="{{ value }}">{{ value }}</p>')
    assert template.render(value=text) == f'<p title="{html.escape(text)}">{html.escape(text)}</p>'


def test_markup_and_other_values():
    template = environment().from_string("{{ safe }} {{ number }} {{ other }}")
    assert template.render(safe=Markup("<b>x</b>"), number=7, other=["'", '"']) == "<b>x</b> 7 " + html.escape(str(["'", '"']))


def test_tooltip_titles_are_escaped_twice():
    template = environment().from_string('<a title="{{ text|tooltip }}">')
    assert template.render(text="<img src=x onerror=alert(1)> & 'q'") == (
        '<a title="&amp;lt;img src=x onerror=alert(1)&amp;gt; &amp;amp; &#x27;q&#x27;">')
