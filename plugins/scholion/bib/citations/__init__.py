"""Find the works cited in note texts and in running text, and resolve them to bibliography entries.

Running text (body paragraphs, list items, block quotes) cites author–date, in parentheses or narratively
(``(Casier 2018: 207)``, ``Sakwa's (2017)``): :mod:`.body`, with the same names, locators and lookup.

The notes of one text are read in order, as a reader reads them (:mod:`.resolve`). Each note is cut
into segments (:mod:`.segments`, after lead-ins such as ``See also:`` or ``Cited in``:
:mod:`.leadins`), and each citation form looks for itself in every segment, in the order of its
priority in a registry (:mod:`.registry`, as Python-Markdown's inline patterns):

* Ibid. (:mod:`.forms.ibid`): ``Ibid.`` / ``Ibid, p. 61`` → the work(s) of the previous note;
* author–date (:mod:`.forms.authordate`): ``Casier 2018, p. 207``, ``Romanova (2018)``,
  ``Romanova 2018a``, ``Gehring et al. 2017``, ``Tass, 3 November 2019``;
* short forms (:mod:`.forms.shortform`): ``Hughes, p. 1013`` → the Hughes work this text cited before
  (several → ambiguous); a note that is only a surname (``Troitskiy.``);
* documents (:mod:`.forms.documents`): a title the bibliography knows, with its year
  (``Foreign Policy Concept of the Russian Federation (… 2016)``);
* addresses (:mod:`.forms.urls`): a URL the bibliography knows;
* organisations (:mod:`.forms.organisations`): a corporate author and its year
  (``UN Security Council, Resolution 1244 (1999)``).

Matching uses the surnames, years, titles and URLs in the .bib data, never the entry keys, so a
new text that cites works already in ``bib/`` needs no code. What was found is a
:class:`~.model.Citation`; every author–date citation that looks like one and does not resolve
becomes a Problem.
"""
