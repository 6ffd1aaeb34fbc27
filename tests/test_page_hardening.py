"""What the plugin does to every themed page as it is written: Material's ellipsis class swapped for
ours (its tooltip reads a title back as HTML) and the Content-Security-Policy tag added."""
from __future__ import annotations

import base64
import hashlib
import re

import pytest

from scholion.mkdocs.csp import script_hashes, with_policy
from scholion.mkdocs.ellipsis import without_material_ellipsis

PAGE = """<!doctype html>
<html><head>
<meta charset="utf-8">
<title>A &lt;b&gt; title</title>
<script>__md_scope=new URL(".",location)</script>
<script id="__config" type="application/json">{"base": "."}</script>
<script src="assets/bundle.js" defer></script>
</head><body>
<script>var palette = 1</script>
<script>var palette = 1</script>
</body></html>"""


def _sha256(body: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"


def test_only_inline_scripts_that_run_are_hashed_each_once():
    assert script_hashes(PAGE) == [_sha256('__md_scope=new URL(".",location)'), _sha256("var palette = 1")]


def test_the_policy_follows_the_charset_and_allows_no_inline_script_but_these():
    _, _, rest = with_policy(PAGE).partition('<meta charset="utf-8">')
    tag = re.match(r'\s*<meta http-equiv="Content-Security-Policy" content="([^"]*)">', rest)
    directives = dict(directive.split(" ", 1) for directive in tag[1].split("; "))
    # No 'unsafe-inline', no 'unsafe-eval': WebAssembly may compile (the search), no string runs as script.
    assert directives["script-src"] == " ".join(["'self'", "'wasm-unsafe-eval'", *script_hashes(PAGE)])
    assert directives["default-src"] == directives["connect-src"] == "'self'"  # no other origin
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"


def test_a_page_without_a_charset_is_refused():
    with pytest.raises(ValueError):
        with_policy("<html><head><title>x</title></head></html>")


def test_material_ellipsis_is_swapped_in_tags_not_in_what_a_page_says():
    html = ('<a class="md-nav__link" href="x/"><span class="md-ellipsis">\n  A title\n</span></a>'
            '<div class="md-ellipsis">Next</div><p>class="md-ellipsis" &lt;span class="md-ellipsis"&gt;</p>')
    assert without_material_ellipsis(html) == (
        '<a class="md-nav__link" href="x/"><span class="scholion-ellipsis">\n  A title\n</span></a>'
        '<div class="scholion-ellipsis">Next</div><p>class="md-ellipsis" &lt;span class="md-ellipsis"&gt;</p>')
