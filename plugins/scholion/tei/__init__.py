"""A text as a TEI P5 document, published beside its reading page (:func:`tei_file_name`); made by
:func:`scholion.tei.document.tei_document`."""

TEI_SUFFIX = "tei.xml"


def tei_file_name(slug: str) -> str:
    """``romano-2021.tei.xml``: the name of a text's TEI file, in its page's folder."""
    return f"{slug}.{TEI_SUFFIX}"
