"""Comparison across the texts, the data only (the pages are :mod:`scholion.pages.compare`,
:mod:`scholion.pages.overview` and :mod:`scholion.pages.charts`).

``topics``     the files ``topics/<slug>.yml``: loading and checking them
``texts``      each text as a comparison sees it: paragraphs, title, short label
``selection``  the paragraphs a topic selects in each text, and the comparison of all texts
``excerpts``   the sentences of a paragraph that hold a topic's matches
``years``      the years the texts mention, and their timeline
``overview``   glossary terms per text, and the works the texts cite
"""
