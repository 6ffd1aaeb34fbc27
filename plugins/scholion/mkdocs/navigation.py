"""Where the generated pages go in MkDocs' navigation.

MkDocs-side glue (it imports MkDocs' navigation classes): MkDocs builds the
navigation from the files' paths, so a generated page ``compare/<topic>/index.md`` would be a folder
of one page, titled by the folder, and sorted by name.
"""
from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page


def arrange(nav: Navigation, generated: Sequence[str], titles: Mapping[str, str], texts: Collection[str],
            texts_max: int) -> None:
    """Home first, then ``texts`` (reading pages), then the other ``generated`` pages in the order
    given, then hand-written ones; each generated page under its own title (``titles``), never alone in
    a folder. Above ``texts_max`` texts only ``texts/index.md`` lists them (each page carries the whole
    navigation: listing every text would make the site grow with the square of it)."""
    order = {uri: number for number, uri in enumerate(generated)}

    def position(item) -> int:
        return order.get(item.file.src_uri, len(order)) if isinstance(item, Page) else len(order)

    def lone_page(item) -> Page | None:
        """The generated page that is all of a section, if it is one."""
        if isinstance(item, Section) and len(item.children) == 1 and isinstance(item.children[0], Page) \
                and item.children[0].file.src_uri in order:
            return item.children[0]
        return None

    def pages(items: list) -> list[Page]:
        found: list[Page] = []
        for item in items:
            found += pages(item.children) if isinstance(item, Section) else [item] if isinstance(item, Page) else []
        return found

    def visit(items: list) -> None:
        for item in items:
            if not isinstance(item, Section):
                continue
            for number, child in enumerate(item.children):  # compare/<topic>/index.md: the page, not a folder
                page = lone_page(child)
                if page is not None:
                    item.children[number] = page
                    page.parent = item
            if any(isinstance(child, Page) and child.file.src_uri in order for child in item.children):
                for child in item.children:
                    if isinstance(child, Page) and child.file.src_uri in titles:
                        child.title = titles[child.file.src_uri]
                item.children.sort(key=position)
            visit(item.children)

    def rank(item) -> tuple[int, int]:
        if isinstance(item, Page) and item.is_homepage:
            return (0, 0)
        if isinstance(item, Page) and item.file.src_uri == "texts/index.md":
            return (1, -1)
        if isinstance(item, Page) and item.file.src_uri in texts:
            return (1, position(item))
        inside = [position(page) for page in pages([item])]
        return (2, min(inside)) if min(inside, default=len(order)) < len(order) else (3, 0)

    for index, item in enumerate(nav.items):  # a generated page alone in its folder: listed under its own title
        page = lone_page(item)
        if page is not None:
            page.parent = None
            page.title = titles[page.file.src_uri]  # pages are not read yet when the nav is built
            nav.items[index] = page
    visit(nav.items)
    nav.items.sort(key=rank)
    if len(texts) > texts_max:
        nav.items = [item for item in nav.items if not (isinstance(item, Page) and item.file.src_uri in texts)]
    nav.pages = pages(nav.items)  # previous/next links follow the new order
    for before, page, after in zip([None, *nav.pages], nav.pages, [*nav.pages[1:], None]):
        page.previous_page, page.next_page = before, after
