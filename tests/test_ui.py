"""The web UI in headless Chromium (Debian's /usr/bin/chromium driven by Python playwright; never a browser
download), served by a real uvicorn server on loopback. Assertions are on the DOM; screenshots of the network
and of the US–Japan pair view are written to the test's tmp dir, and to docs/ with DETENTE_UPDATE_SCREENSHOTS=1
(from the ingested samples + seeds, once they yield events).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT
from test_aggregate import XSS_TEXT, build_synthetic_store
from test_api import ingested_store, running_server

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not CHROMIUM.exists():
    pytest.skip(f"UI tests need Debian's chromium at {CHROMIUM}: run 'make browser' (apt-get install chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Iterator[str]:
    from detente.store.search import build_index

    db = build_synthetic_store(tmp_path_factory.mktemp("ui") / "synthetic.duckdb")
    build_index(db)  # as ingest does: the server only reads the search index
    with running_server(db) as url:
        yield url


class Page:
    """A page that records script errors and every URL it asks for (all must be on our own server)."""

    def __init__(self, browser, base: str):
        self.base = base
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self, route: str) -> object:
        self.page.goto(f"{self.base}/{route}")
        return self.ready()

    def ready(self) -> object:
        self.page.wait_for_selector('#view[data-ready="1"]', timeout=20_000)
        assert self.page.get_attribute("#view", "data-error") is None, self.page.inner_text("#view")
        return self.page

    def go(self, route: str) -> object:
        """Navigate inside the app (hash change) and wait for the new view."""
        self.page.evaluate("document.getElementById('view').dataset.ready = '0'")
        self.page.evaluate(f"location.hash = {route!r}")
        return self.ready()


@pytest.fixture
def ui(browser, base) -> Iterator[Page]:
    page = Page(browser, base)
    yield page
    foreign = [u for u in page.requests if not u.startswith(base) and not u.startswith("data:")]
    page.context.close()
    assert not page.errors, page.errors
    assert not foreign, f"the UI fetched from outside its own server: {foreign}"


def count(page, selector: str) -> int:
    return page.eval_on_selector_all(selector, "els => els.length")


# -- network --------------------------------------------------------------------------------------------


def test_network_renders_and_clicks_through(ui):
    page = ui.open("#/network")
    stage = page.locator("#network")
    assert stage.get_attribute("data-renderer") == "sigma"
    assert int(stage.get_attribute("data-nodes")) == 6 and int(stage.get_attribute("data-edges")) == 6
    assert count(page, "#network canvas") > 0
    assert page.locator("#ties li").first.inner_text().startswith("Japan – United States")
    # a real click on the Japan node of the WebGL canvas opens the actor page
    x, y = node_position(page, "JPN")
    page.mouse.click(x, y)
    page.wait_for_function("location.hash === '#/actor/JPN'")
    ui.ready()
    assert page.inner_text("h2").startswith("Japan")


def node_position(page, node: str) -> tuple[float, float]:
    at = page.evaluate("""id => {
        const stage = document.getElementById('network');
        const r = stage.sigma, box = stage.getBoundingClientRect();
        const p = r.graphToViewport(r.getGraph().getNodeAttributes(id));
        return [box.left + p.x, box.top + p.y];
    }""", node)
    return at[0], at[1]


def test_network_edge_click_opens_the_pair(ui):
    page = ui.open("#/network")
    (ax, ay), (bx, by) = node_position(page, "PRK"), node_position(page, "USA")
    page.mouse.click((ax + bx) / 2, (ay + by) / 2)
    page.wait_for_function("location.hash.startsWith('#/pair/')")
    ui.ready()
    assert page.evaluate("location.hash") == "#/pair/PRK/USA"


def test_network_person_level(ui):
    page = ui.open("#/network?level=actor")
    # 5 states + 4 people; South Korea drops out: its only events name Moon Jae-in
    assert int(page.get_attribute("#network", "data-nodes")) == 9
    assert "Donald Trump – Moon Jae-in" in page.inner_text("#ties")


# -- pair view ------------------------------------------------------------------------------------------


def test_pair_view_timeline_events_quotes(ui, tmp_path):
    page = ui.open("#/pair/USA/JPN")
    assert page.inner_text("h2") == "Japan – United States"
    assert page.get_attribute("#timeline svg.plot", "data-points") == "2"
    assert count(page, "#timeline svg.plot circle") >= 2 + 5  # period means + one dot per scored event
    assert count(page, "ol.events li.event") == 6 and count(page, "ol.events li.event.unscored") == 1
    assert "could threaten tariffs" in page.inner_text("ol.events li.event.unscored")
    assert count(page, "ul.quotes li") == 1
    assert "cooperative" in page.inner_text(".summary") and "stable" in page.inner_text(".summary")
    page.select_option("select[name=period]", "week")
    ui.ready()
    assert page.get_attribute("#timeline svg.plot", "data-points") == "3"
    page.screenshot(path=str(tmp_path / "pair.png"), full_page=True)
    assert (tmp_path / "pair.png").stat().st_size > 20_000


def test_pairs_table_links_to_pairs(ui):
    page = ui.open("#/pairs")
    assert count(page, "#pairs-table tbody tr") == 6
    page.click("#pairs-table a:text('North Korea – United States')")
    ui.ready()
    assert page.evaluate("location.hash").startswith("#/pair/PRK/USA")
    assert "hostile" in page.inner_text(".summary")


# -- article view and escaping --------------------------------------------------------------------------


def test_article_highlights(ui):
    page = ui.open("#/article/a1?hl=event:1")
    shown = page.inner_text("#article-text")
    api_text = page.evaluate("fetch('/api/articles/a1').then(r => r.json()).then(b => b.text)")
    assert page.eval_on_selector("#article-text", "e => e.textContent") == api_text  # highlighting adds no text
    assert "Trump hosted Abe" in shown
    assert count(page, "#article-text .hl-actor") == 7
    assert count(page, "#article-text .hl-quote") >= 1 and count(page, "#article-text .hl-event") >= 2
    assert page.eval_on_selector_all("#article-text .flash", "els => els.map(e => e.textContent).join('')") == \
        "Abe offered firm backing"
    page.click("#article-text .hl-quote.hl-actor")  # "Washington" inside Abe's quote
    inspector = page.inner_text("#inspector")
    assert "United States" in inspector and "Shinzo Abe" in inspector


def test_markup_in_data_stays_inert(ui):
    page = ui.open("#/article/xss")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.evaluate("typeof window.__xss_title") == "undefined"
    assert count(page, "#view script") == 0 and count(page, "#view img") == 0
    assert page.eval_on_selector("#article-text", "e => e.textContent") == XSS_TEXT
    assert page.inner_text("h2") == "<script>window.__xss_title = 1</script>"
    for route in ("#/articles", "#/actor/JPN", "#/search?q=prankster"):
        ui.go(route)
        assert count(page, "#view script") == 0 and count(page, "#view img") == 0, route
    assert "<script>window.__xss_title = 1</script>" in page.inner_text("#hits")
    assert page.evaluate("typeof window.__xss") == "undefined"


# -- actor page, quotes, search -------------------------------------------------------------------------


def test_actor_page(ui):
    page = ui.open("#/actor/person:shinzo-abe")
    assert page.inner_text("h2").startswith("Shinzo Abe")
    partners = page.inner_text("#partners")
    assert "Donald Trump" in partners and "United States" in partners
    assert "We stand with Washington" in page.inner_text("ul.quotes")
    page.click("#partners a:text('Donald Trump')")
    ui.ready()
    assert page.evaluate("location.hash").startswith("#/pair/person%3Ashinzo-abe/person%3Adonald-trump")


def test_quote_explorer_and_search(ui):
    page = ui.open("#/quotes")
    assert count(page, "ul.quotes li") == 2
    page.fill("#quote-form input[name=speaker]", "person:xi-jinping")
    page.click("#quote-form button")
    ui.ready()
    assert count(page, "ul.quotes li") == 1 and "face the past" in page.inner_text("ul.quotes")
    page.fill("#search-form input[name=q]", "naval drill")
    page.press("#search-form input[name=q]", "Enter")
    ui.ready()
    assert page.evaluate("location.hash") == "#/search?q=naval+drill"
    assert count(page, "#hits li") >= 1 and count(page, "#hits mark") >= 1


def test_unknown_route_and_api_error_show_a_message(ui):
    page = ui.open("#/nowhere")
    assert "No page at #/nowhere" in page.inner_text("#view")
    page.goto(f"{ui.base}/#/article/missing")
    page.wait_for_selector('#view[data-ready="1"]')
    assert page.get_attribute("#view", "data-error") == "404"
    assert "no article with id 'missing'" in page.inner_text("#view .error")


# -- screenshots of the real corpus ---------------------------------------------------------------------


def test_screenshots_of_the_demo_corpus(browser, tmp_path_factory, tmp_path):
    import duckdb

    db = ingested_store(tmp_path_factory.getbasetemp() / "ingested")
    with duckdb.connect(str(db), read_only=True) as con:
        has_pair = con.execute("SELECT count(*) FROM events WHERE least(source, target) = 'JPN' "
                               "AND greatest(source, target) = 'USA'").fetchone()[0]
    with running_server(db) as url:
        ui = Page(browser, url)
        page = ui.open("#/network")
        assert int(page.get_attribute("#network", "data-nodes")) > 0
        page.wait_for_timeout(500)  # let WebGL finish its first frame
        page.screenshot(path=str(tmp_path / "network.png"))
        shots = [("network.png", "network.png")]
        if has_pair:
            ui.go("#/pair/USA/JPN")
            page.screenshot(path=str(tmp_path / "pair-usa-jpn.png"))
            shots.append(("pair-usa-jpn.png", "pair-usa-jpn.png"))
        ui.context.close()
        assert not ui.errors, ui.errors
    for name, _ in shots:
        assert (tmp_path / name).stat().st_size > 20_000
    if os.environ.get("DETENTE_UPDATE_SCREENSHOTS") == "1":
        for name, target in shots:
            shutil.copy(tmp_path / name, ROOT / "docs" / target)
    if not has_pair:
        pytest.skip("the ingested samples + seeds hold no US–Japan event (is the events stage registered?): "
                    "pair screenshot not taken")


def test_network_without_webgl_falls_back_to_svg(browser, base):
    no_gl = browser.browser_type.launch(executable_path=str(CHROMIUM),
                                        args=ARGS + ["--disable-webgl", "--disable-3d-apis"])
    try:
        ui = Page(no_gl, base)
        page = ui.open("#/network")
        assert page.get_attribute("#network", "data-renderer") == "svg"
        assert count(page, "#network svg g.node") == 6 and count(page, "#network svg line") == 6
        page.click("#network svg g.node:has(text:text-is('India')) circle")
        page.wait_for_function("location.hash === '#/actor/IND'")
        ui.ready()
        assert not ui.errors, ui.errors
    finally:
        no_gl.close()


def test_actor_list_filters(ui):
    page = ui.open("#/actors")
    assert count(page, "#actors-table tbody tr") == 9
    page.select_option("select[name=kind]", "person")
    ui.ready()
    assert count(page, "#actors-table tbody tr") == 4
    page.fill("#view input[name=q]", "moon")
    page.click("#view form.controls button")
    ui.ready()
    assert page.inner_text("#actors-table tbody").startswith("Moon Jae-in")
