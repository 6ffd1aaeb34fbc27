"""The Content-Security-Policy every themed page carries, as a ``<meta http-equiv>`` tag.

Contributor text is escaped wherever it lands; the policy is the second wall should an escape ever be
missed: no inline script runs but the page's own (allowed by their exact hashes), and nothing loads
from another origin. Material writes a few inline scripts (``__md_scope``, the palette, tabbed
content); the one in ``<head>`` names the page's relative base URL, so hashes are taken per page from
the HTML as written. A script Material re-runs on instant navigation sits in the body and is the same
on every page, so the first page's policy covers the pages reached from it.
"""
from __future__ import annotations

import base64
import hashlib
import re

# An inline script the browser executes: no src, and no type or a JavaScript one (JSON data blocks
# such as Material's __config are never run, so they need no hash).
_INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\ssrc=)(?![^>]*\stype=\"(?!text/javascript|module)[^\"]*\")[^>]*>(.*?)</script>", re.S)
_CHARSET = '<meta charset="utf-8">'

# 'wasm-unsafe-eval' lets WebAssembly compile (Pagefind's search runs in it), never a string as script.
POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
          "frame-src 'none'; base-uri 'self'; form-action 'self'")


def script_hashes(html: str) -> list[str]:
    """CSP sources (``'sha256-…'``) for the inline scripts of ``html``, in order, each once."""
    hashes = [f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"
              for body in _INLINE_SCRIPT.findall(html)]
    return list(dict.fromkeys(hashes))


def with_policy(html: str) -> str:
    """``html`` with the policy tag right after its charset (a policy governs only what follows it)."""
    hashes = "".join(f" {source}" for source in script_hashes(html))
    tag = f'<meta http-equiv="Content-Security-Policy" content="{POLICY.format(hashes=hashes)}">'
    head, charset, rest = html.partition(_CHARSET)
    if not charset:
        raise ValueError("a page without <meta charset=\"utf-8\"> cannot carry the security policy")
    return f"{head}{charset}\n    {tag}{rest}"
