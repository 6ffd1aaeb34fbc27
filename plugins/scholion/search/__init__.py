"""Search: the locations a reader can land on (``records``) and the static, chunked index of them
(``index``, written with Pagefind), which the site's own search dialog (``mkdocs/assets/search.js``) reads."""
