"""The site in a real browser: headless Debian Chromium (Playwright) against `graph-api serve` on the sample graph."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator

import pytest
from playwright.async_api import Browser, Page, Response, async_playwright, expect
from redis.asyncio import Redis

from graph_api.access import redis_keys
from graph_api.ingest.kinds import load
from graph_api.store.graph import Graph
from tests.data import FIXTURES
from tests.integration.support import reset
from tests.integration.web_site import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, need_browser, serve

PASSWORD = "correct horse battery"
# The machine is shared: a first full-text query or a busy Neo4j can take seconds, which is not a failure.
expect.set_options(timeout=20_000)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    need_browser()
    yield from serve()


PTP_HEADER = (FIXTURES / "ptp_part1.txt").read_text().splitlines(keepends=True)[:6]


@pytest.fixture(scope="module")
async def browser(base_url: str, graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Browser]:
    """The sample graph, the drug-table fixture (index search) and 25 PTP edits of 36000 (a table of two pages)."""
    await reset(graph)
    await load(graph, "sample")
    await load(graph, "icd10cm", [FIXTURES / "icd10cm_drug_fixture.xml"])
    ptp = tmp_path_factory.mktemp("ptp") / "ccipra-v990r0-f1.txt"
    rows = [f"36000\t{20000 + i}\t\t20200101\t*\t1\tStandards of medical/surgical practice\r\n" for i in range(25)]
    ptp.write_text("".join(PTP_HEADER + rows))
    await load(graph, "ptp", [ptp], setting="practitioner")
    async with async_playwright() as p:
        launched = await p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        await launched.close()


@pytest.fixture
async def page(browser: Browser, base_url: str, redis: Redis) -> AsyncIterator[Page]:
    """A fresh visitor (no cookies) on a flushed Redis: every test starts as a first-time guest."""
    context = await browser.new_context(base_url=base_url, viewport={"width": 1100, "height": 900})
    visitor = await context.new_page()
    problems: list[str] = []  # uncaught script errors and anything the Content-Security-Policy blocked
    visitor.on("pageerror", lambda error: problems.append(str(error)))
    visitor.on(
        "console",
        lambda m: problems.append(m.text) if m.type == "error" and "Content Security Policy" in m.text else None,
    )
    yield visitor
    await context.close()
    assert problems == []


async def open_code(page: Page, path: str) -> None:
    await page.goto(path)
    await expect(page.get_by_test_id("code-page")).to_have_attribute("aria-busy", "false")


async def register(page: Page, email: str) -> None:
    await page.get_by_label("Email").fill(email)
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Create account").click()


async def test_guest_sees_the_first_code_page_and_a_register_prompt_on_the_second(page: Page) -> None:
    await open_code(page, "/codes/CPT/97551")
    await expect(page.get_by_test_id("plain-description")).to_contain_text("Each further 15 minutes")
    await expect(page.get_by_test_id("primary-codes")).to_contain_text("97550")
    await expect(page.get_by_test_id("meter")).to_contain_text("0 code page views left of 1")
    await expect(page.get_by_test_id("view-limit")).to_have_count(0)
    await expect(page.get_by_test_id("graph")).to_have_attribute("data-nodes", "2")
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "code-page.png"), full_page=True)

    await open_code(page, "/codes/CPT/97550")
    prompt = page.get_by_test_id("view-limit")
    await expect(prompt).to_be_visible()
    await expect(prompt.get_by_role("link", name="Register free")).to_be_visible()
    await expect(page.get_by_test_id("plain-description")).to_be_hidden()
    await expect(page.get_by_test_id("long-description")).to_be_hidden()
    # The rest of the page stays: 97550's add-on codes, its short description, the picture.
    await expect(page.get_by_test_id("addon-codes")).to_contain_text("97551")
    await expect(page.locator("#short")).to_contain_text("Caregiver training, first 30 min")
    await expect(page.get_by_test_id("graph")).to_have_attribute("data-nodes", "2")
    await page.screenshot(path=str(ARTIFACTS / "code-page-withheld.png"), full_page=True)

    # Going back to the page already seen is free.
    await open_code(page, "/codes/CPT/97551")
    await expect(page.get_by_test_id("plain-description")).to_be_visible()


async def test_registering_from_the_prompt_gives_five_more_pages_on_the_same_meter(page: Page, redis: Redis) -> None:
    await open_code(page, "/codes/CPT/97551")
    await open_code(page, "/codes/CPT/97550")
    await page.get_by_test_id("view-limit").get_by_role("link", name="Register free").click()
    await register(page, "coder@example.org")
    await page.wait_for_url("**/codes/CPT/97550")
    await expect(page.get_by_test_id("plain-description")).to_contain_text("Teaching one patient's caregivers")
    await expect(page.get_by_test_id("meter")).to_contain_text("4 code page views left of 6")
    await expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    for path in ["/codes/CPT/97552", "/codes/CPT/99291", "/codes/CPT/99292", "/codes/CPT/22600"]:
        await open_code(page, path)
        await expect(page.get_by_test_id("plain-description")).to_be_visible()
        await expect(page.get_by_test_id("view-limit")).to_have_count(0)
    await expect(page.get_by_test_id("meter")).to_contain_text("0 code page views left of 6")

    await open_code(page, "/codes/CPT/22610")
    await expect(page.get_by_test_id("view-limit")).to_contain_text("Upgrade to premium")
    await expect(page.get_by_test_id("plain-description")).to_be_hidden()

    # The API's own meter holds the guest's page and the five more, under the account.
    user_id = (await redis.hget(redis_keys.user_emails(), "coder@example.org")).decode()  # type: ignore[misc]
    viewed = {v.decode() for v in await redis.smembers(redis_keys.views(f"user:{user_id}"))}  # type: ignore[misc]
    assert viewed == {f"CPT:{c}" for c in ["97551", "97550", "97552", "99291", "99292", "22600"]}

    await page.get_by_role("button", name="Sign out").click()
    await page.wait_for_url("**/")
    await expect(page.get_by_role("link", name="Register free")).to_be_visible()
    await page.goto("/login")
    await page.get_by_label("Email").fill("coder@example.org")
    await page.get_by_label("Password").fill("not the password")
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.get_by_role("alert")).to_have_text("The email or password is wrong.")
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Sign in").click()
    await page.wait_for_url("**/")
    await expect(page.get_by_test_id("meter")).to_contain_text("0 code page views left of 6")


async def test_search_lists_caregiver_training_codes_grouped_by_code_set(page: Page) -> None:
    await page.goto("/?q=caregiver%20training")
    results = page.get_by_test_id("search-results")
    for code in ["97550", "97551", "97552"]:
        await expect(results.get_by_role("link", name=code, exact=True)).to_be_visible()
    await expect(results.get_by_role("heading", name="CPT")).to_be_visible()
    await expect(page.get_by_test_id("search-input")).to_have_value("caregiver training")
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "search-page.png"), full_page=True)

    await page.get_by_test_id("search-input").fill("E11.6")
    await page.get_by_test_id("search-input").press("Enter")
    await expect(results.get_by_role("heading", name="ICD-10-CM")).to_be_visible()
    await expect(results.get_by_role("link", name="E11.65", exact=True)).to_be_visible()
    await results.get_by_role("link", name="E11.65", exact=True).click()
    await expect(page.get_by_test_id("code-page")).to_contain_text("Type 2 diabetes with hyperglycemia")


async def test_search_marks_deleted_codes(page: Page) -> None:
    # Without a date of service a deleted code is still found, marked (issue 15: deleted codes keep their page);
    # on a date after its deletion it is not in effect, so it is not found.
    await page.goto("/?q=99356")
    await expect(page.get_by_test_id("search-results").locator(".deleted")).to_contain_text("deleted 2022-12-31")
    await page.goto("/?q=99356&asOf=2023-06-01")
    await expect(page.get_by_test_id("search-results")).to_contain_text("No codes match")


async def test_search_reaches_codes_through_icd_index_terms(page: Page) -> None:
    await page.goto("/?q=acetaminophen%20adverse%20effect")
    results = page.get_by_test_id("search-results")
    await expect(results.get_by_role("heading", name="ICD-10-CM")).to_be_visible()
    await expect(results.get_by_role("link")).to_have_text(["T39.1X5"])
    await results.get_by_role("link", name="T39.1X5").click()
    await expect(page.locator("#index")).to_contain_text("Table of Drugs and Chemicals: Acetaminophen — Adverse effect")


async def test_ptp_edits_are_a_paged_table(page: Page) -> None:
    await open_code(page, "/codes/CPT/36000")
    edits = page.get_by_test_id("ptp-edits")
    await expect(edits.locator("h2")).to_contain_text("(25)")
    await expect(edits.locator("tbody tr")).to_have_count(20)
    await expect(edits.locator("tbody tr").first).to_contain_text("1 (allowed)")
    await edits.get_by_role("button", name="Show more edits").click()
    await expect(edits.locator("tbody tr")).to_have_count(25)
    await expect(edits.locator("tbody tr").last).to_contain_text("20024")
    await expect(edits.get_by_role("button", name="Show more edits")).to_be_hidden()


async def test_graph_picture_draws_neighbours_widens_and_opens_a_node(page: Page) -> None:
    await open_code(page, "/codes/ICD10CM/E11.65")
    graph = page.get_by_test_id("graph")
    await expect(graph).to_have_attribute("data-nodes", "3")  # E11.65, its parent E11.6, GEM target 250.80
    await expect(graph.locator("canvas").first).to_be_visible()
    await page.get_by_role("button", name="Widen by one hop").click()
    await expect(page.locator("#graph-status")).not_to_contain_text("3 codes")
    assert int(await graph.get_attribute("data-nodes") or 0) > 3
    await graph.screenshot(path=str(ARTIFACTS / "graph-widened.png"))
    position = await page.evaluate("CodeGraph.position('ICD9CM:25080')")
    await page.mouse.click(position["x"], position["y"])
    await page.wait_for_url("**/codes/ICD9CM/25080")
    await expect(page.locator("#heading")).to_contain_text("250.80")


async def test_date_of_service_changes_the_answer(page: Page) -> None:
    await open_code(page, "/codes/HCPCS/G2211")
    await expect(page.get_by_test_id("primary-codes")).to_contain_text("99213")
    await page.get_by_label("Date of service").fill("2022-06-01")
    await page.get_by_role("button", name="Show").click()
    await expect(page.get_by_test_id("primary-codes")).to_be_hidden()
    await expect(page.locator("#facts")).not_to_contain_text("Add-on code")
    assert page.url.endswith("?asOf=2022-06-01")
    await page.reload()
    await expect(page.get_by_label("Date of service")).to_have_value("2022-06-01")
    await expect(page.get_by_test_id("primary-codes")).to_be_hidden()


async def test_graphiql_runs_a_query_with_nothing_but_this_service(page: Page, base_url: str) -> None:
    elsewhere: list[str] = []

    async def only_this_service(route: object) -> None:
        request = route.request  # type: ignore[attr-defined]
        if request.url.startswith(base_url) or request.url.startswith("data:"):
            await route.continue_()  # type: ignore[attr-defined]
        else:
            elsewhere.append(request.url)
            await route.abort()  # type: ignore[attr-defined]

    await page.route("**/*", only_this_service)
    await page.goto("/graphql")
    run = page.locator(".graphiql-execute-button")
    await expect(run).to_be_visible()
    await run.click()
    await expect(page.locator(".result-window")).to_contain_text('"97550"')
    await page.screenshot(path=str(ARTIFACTS / "graphiql.png"))
    assert elsewhere == []


async def test_code_page_transfers_under_100_kb_before_the_picture_library(page: Page) -> None:
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))
    await open_code(page, "/codes/CPT/99213")
    await expect(page.get_by_test_id("graph")).to_have_attribute("data-nodes", re.compile(r"^[1-9]"))
    sizes = [(r.url, len(await r.body())) for r in responses]
    vendor = [url.rsplit("/", 1)[1] for url, _ in sizes if "/static/vendor/" in url]
    assert vendor == ["cytoscape.min.js"]
    assert sum(1 for url, _ in sizes if url.endswith("/graphql")) == 2  # the page, then the picture's neighbours
    before_library = sum(size for url, size in sizes if "/static/vendor/" not in url)
    assert 0 < before_library < 100_000, sizes


async def test_phone_width_and_keyboard(browser: Browser, base_url: str, redis: Redis) -> None:
    context = await browser.new_context(base_url=base_url, viewport={"width": 360, "height": 740})
    phone = await context.new_page()
    try:
        await open_code(phone, "/codes/CPT/97551")
        await expect(phone.get_by_test_id("plain-description")).to_be_visible()
        assert await phone.evaluate("document.documentElement.scrollWidth") <= 360
        await phone.screenshot(path=str(ARTIFACTS / "code-page-phone.png"), full_page=True)
        await phone.keyboard.press("Tab")
        await expect(phone.get_by_role("link", name="Skip to content")).to_be_focused()
        await phone.goto("/")
        await expect(phone.get_by_test_id("search-input")).to_be_visible()
        assert await phone.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        await context.close()
