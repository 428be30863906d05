"""The published site in headless Chromium: served under a sub-path and opened from file://.

Every page is crawled (no 404, no console error, no request leaving the site),
search and the country filter are used as a reader would, the list is checked
with JavaScript off, axe-core scans each page type, and screenshots at 1280 and
390 px go to tests/.artifacts/publish/ (with a check that nothing is wider
than the window).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.browser.conftest import Watch, new_context, watched_page
from tests.browser.site_workspace import ALL_IDS, EXAMPLE_ID, FOLLOWUP_ID, TALKS_ID

LINKS_JS = """() => Array.from(
  document.querySelectorAll('a[href], link[href], script[src], img[src], iframe[src]'),
  e => e.href || e.src)"""
IDS_JS = "() => Array.from(document.querySelectorAll('[id]'), e => e.id)"

PAGE_TYPES = {
    "index": "index.html",
    "brief": f"{EXAMPLE_ID}/index.html",
    "country": "countries/ru.html",
    "countries": "countries/index.html",
    "participant": "participants/marsh.html",
    "participants": "participants/index.html",
    "tag": "tags/fisheries.html",
    "tags": "tags/index.html",
}


def _visible_cards(page: object) -> list[str]:
    return page.eval_on_selector_all(  # type: ignore[attr-defined]
        "#brief-list li.card", "cards => cards.filter(c => !c.hidden).map(c => c.dataset.id)"
    )


def _crawl(browser: object, base: str, site_root: Path) -> tuple[set[str], Watch]:
    """Open every page reachable from index.html; check every other file it links exists."""
    watch = Watch(base)
    context = new_context(browser, watch)
    page = watched_page(context, watch)
    queue, seen_pages, resources = [base + "index.html"], set(), set()
    anchors: dict[str, set[str]] = {}  # page → fragments linked to it
    ids: dict[str, set[str]] = {}
    while queue:
        url = queue.pop()
        if url in seen_pages:
            continue
        seen_pages.add(url)
        try:
            response = page.goto(url)  # type: ignore[attr-defined]
        except PlaywrightError as exc:  # file:// answers a missing page with an error
            watch.failed.append(f"{url}: {exc.message.splitlines()[0]}")
            page.close()  # type: ignore[attr-defined]
            page = watched_page(context, watch)  # an error page would cut the next load short
            continue
        if base.startswith("http"):
            assert response is not None and response.status == 200, url
        page.wait_for_load_state("load")  # type: ignore[attr-defined]
        ids[url] = set(page.evaluate(IDS_JS))  # type: ignore[attr-defined]
        for link in page.evaluate(LINKS_JS):  # type: ignore[attr-defined]
            target, fragment = urldefrag(link)
            if not target.startswith(base):
                assert target.startswith(("http://", "https://")), f"{url} links to {link}"
                continue  # a link out of the site (a source's web address) is not followed
            if fragment:
                anchors.setdefault(target, set()).add(fragment)
            if target.endswith(".html"):
                queue.append(target)
            else:
                resources.add(target)
    context.close()  # type: ignore[attr-defined]
    for resource in sorted(resources):
        relative = unquote(urlsplit(resource).path).split(SUB_PATH_MARK, 1)[-1]
        if base.startswith("file:"):
            relative = unquote(resource[len(base) :])
        assert (site_root / relative).is_file(), f"missing {resource}"
    missing_anchors = [
        f"{page_url}#{fragment}"
        for page_url, fragments in anchors.items()
        for fragment in fragments
        if fragment not in ids.get(page_url, set())
    ]
    assert not missing_anchors
    return seen_pages, watch


SUB_PATH_MARK = "/desk/briefs/"


@pytest.mark.parametrize("where", ["http", "file"])
def test_crawl_every_page_without_errors(
    where: str, browser: object, http_base: str, file_base: str, site_root: Path
) -> None:
    base = http_base if where == "http" else file_base
    if where == "http":
        assert urlsplit(base).path == SUB_PATH_MARK  # really under a sub-path
    pages, watch = _crawl(browser, base, site_root)
    on_disk = {base + p.relative_to(site_root).as_posix() for p in site_root.rglob("*.html")}
    # every page is reachable by following links from the index
    assert pages == on_disk
    assert not watch.problems()


def test_http_resources_are_served(browser: object, http_base: str, site_root: Path) -> None:
    watch = Watch(http_base)
    context = new_context(browser, watch)
    for name in ("feed.xml", "sitemap.xml", "briefs.json", "search-index.js", "site.css"):
        assert context.request.get(http_base + name).status == 200  # type: ignore[attr-defined]
    pdf = context.request.get(f"{http_base}{EXAMPLE_ID}/{EXAMPLE_ID}.pdf")  # type: ignore[attr-defined]
    assert pdf.status == 200 and pdf.body()[:5] == b"%PDF-"
    context.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize("where", ["http", "file"])
def test_search_finds_lavrov_and_nothing_for_nonsense(
    where: str, browser: object, http_base: str, file_base: str
) -> None:
    base = http_base if where == "http" else file_base
    watch = Watch(base)
    context = new_context(browser, watch)
    page = watched_page(context, watch)
    page.goto(base + "index.html")  # type: ignore[attr-defined]
    assert page.is_visible("#finder")  # type: ignore[attr-defined]
    assert _visible_cards(page) == list(ALL_IDS)

    page.fill("#finder-q", "Lavrov")  # type: ignore[attr-defined]
    assert _visible_cards(page) == [EXAMPLE_ID]
    match = page.text_content(f"li[data-id='{EXAMPLE_ID}'] .card-match")  # type: ignore[attr-defined]
    assert "Lavrov" in match
    assert "1 of 3 briefs match" in page.text_content("#finder-status")  # type: ignore[attr-defined]
    assert page.url.endswith("#q=Lavrov")  # type: ignore[attr-defined]

    page.fill("#finder-q", "positive and constructive")  # type: ignore[attr-defined]
    assert _visible_cards(page) == [EXAMPLE_ID]  # a quote
    page.fill("#finder-q", "çavuşoğlu")  # type: ignore[attr-defined]
    assert _visible_cards(page) == [EXAMPLE_ID]  # accents ignored, aliases searched
    page.fill("#finder-q", "harbour marsh")  # type: ignore[attr-defined]
    assert _visible_cards(page) == [FOLLOWUP_ID, TALKS_ID]  # every word must occur

    page.fill("#finder-q", "qzxvwplmk")  # type: ignore[attr-defined]
    assert _visible_cards(page) == []
    assert page.is_visible("#no-results")  # type: ignore[attr-defined]
    page.click("#finder-reset")  # type: ignore[attr-defined]
    page.wait_for_function("() => document.getElementById('no-results').hidden")  # type: ignore[attr-defined]
    assert _visible_cards(page) == list(ALL_IDS)
    context.close()  # type: ignore[attr-defined]
    assert not watch.problems()


@pytest.mark.parametrize("where", ["http", "file"])
def test_country_tag_and_year_filters(
    where: str, browser: object, http_base: str, file_base: str
) -> None:
    base = http_base if where == "http" else file_base
    watch = Watch(base)
    context = new_context(browser, watch)
    page = watched_page(context, watch)
    page.goto(base + "index.html")  # type: ignore[attr-defined]
    page.select_option("#finder-country", "no")  # type: ignore[attr-defined]
    assert _visible_cards(page) == [FOLLOWUP_ID, TALKS_ID]
    page.select_option("#finder-country", "ru")  # type: ignore[attr-defined]
    assert _visible_cards(page) == [EXAMPLE_ID]
    page.select_option("#finder-country", "dk")  # type: ignore[attr-defined]
    assert _visible_cards(page) == [FOLLOWUP_ID]  # a context country counts
    page.select_option("#finder-country", "")  # type: ignore[attr-defined]
    page.select_option("#finder-tag", "fisheries")  # type: ignore[attr-defined]
    page.select_option("#finder-year", "2024")  # type: ignore[attr-defined]
    assert _visible_cards(page) == [TALKS_ID]
    # the filter state is in the address, so a filtered list can be bookmarked
    page.goto(base + "index.html#country=ru")  # type: ignore[attr-defined]
    page.reload()  # type: ignore[attr-defined]
    assert page.input_value("#finder-country") == "ru"  # type: ignore[attr-defined]
    assert _visible_cards(page) == [EXAMPLE_ID]
    context.close()  # type: ignore[attr-defined]
    assert not watch.problems()


def test_list_is_complete_without_javascript(browser: object, http_base: str) -> None:
    watch = Watch(http_base)
    context = new_context(browser, watch, java_script_enabled=False)
    page = watched_page(context, watch)
    page.goto(http_base + "index.html")  # type: ignore[attr-defined]
    assert not page.is_visible("#finder")  # type: ignore[attr-defined]
    cards = page.locator("#brief-list li.card")  # type: ignore[attr-defined]
    assert cards.count() == 3
    for index, brief_id in enumerate(ALL_IDS):
        card = cards.nth(index)
        assert card.get_attribute("data-id") == brief_id
        assert card.is_visible()
        assert card.locator(".marking").is_visible()
    text = page.inner_text("#brief-list")  # type: ignore[attr-defined]
    assert "TLP:AMBER" in text and "Russia" in text and "fisheries" in text
    context.close()  # type: ignore[attr-defined]
    assert not watch.problems()


@pytest.mark.parametrize("page_type", sorted(PAGE_TYPES))
def test_axe_finds_no_serious_violations(
    page_type: str, browser: object, http_base: str, axe_path: Path
) -> None:
    watch = Watch(http_base)
    # axe is injected as an inline script, which the site's CSP (rightly) refuses: bypass it here.
    context = new_context(browser, watch, bypass_csp=True)
    page = watched_page(context, watch)
    page.goto(http_base + PAGE_TYPES[page_type])  # type: ignore[attr-defined]
    page.add_script_tag(path=str(axe_path))  # type: ignore[attr-defined]
    result = page.evaluate(  # type: ignore[attr-defined]
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert result["passes"] is not None
    assert not serious
    context.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_and_no_horizontal_scrolling(
    width: int, browser: object, http_base: str, artifacts: Path
) -> None:
    watch = Watch(http_base)
    context = new_context(browser, watch, viewport={"width": width, "height": 900})
    page = watched_page(context, watch)
    for name in ("index", "brief", "participant", "country"):
        page.goto(http_base + PAGE_TYPES[name])  # type: ignore[attr-defined]
        page.wait_for_load_state("load")  # type: ignore[attr-defined]
        page.screenshot(path=str(artifacts / f"{name}-{width}.png"), full_page=True)  # type: ignore[attr-defined]
        overflow = page.evaluate(  # type: ignore[attr-defined]
            "() => document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 0, f"{name} at {width} px is {overflow} px wider than the window"
    context.close()  # type: ignore[attr-defined]
    assert not watch.problems()
