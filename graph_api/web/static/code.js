// The code page: every fact from one GraphQL request (the page view the meter counts), PTP edits paged.
"use strict";
const CodePage = (() => {
  const { gql, el, codeLink, limitErrors, showMeter, date, SYSTEM_NAMES } = Site;
  const CROSSWALK_TO = { ICD10CM: "ICD9CM", ICD9CM: "ICD10CM", ICD10PCS: "ICD9PROC", ICD9PROC: "ICD10PCS" };
  const LINK = "system code display addOnType effectiveDate deletionDate notes release";
  const PTP = `totalCount pageInfo { endCursor hasNextPage }
    edges { node { column1 column1System column2 column2System modifierIndicator prior1996 effectiveDate deletionDate rationale release } }`;
  const QUERY = `query CodePage($system: CodeSystem!, $code: String!, $asOf: Date, $to: CodeSystem!, $xw: Boolean!) {
    viewer { tier limit used remaining }
    code(system: $system, code: $code, asOf: $asOf) {
      system code display shortDescription status addedDate terminationDate kind isBillable isAddOn
      contractorDefinedPrimaries globalDays
      plainDescription longDescription
      guidelines { id title body source url }
      ancestors { system code display shortDescription }
      children { system code display shortDescription }
      primaryCodes { ${LINK} }
      addOnCodes { ${LINK} }
      ptpEditPage(first: 20) { ${PTP} }
      mues { setting value adjudicationText rationale release }
      modifiers { code indicator reason }
      crosswalks(to: $to) @include(if: $xw) { system code display approximate noMap combination scenario choiceList release }
      notes { kind text named level fromCode inherited targetCode targetSystem }
      indexEntries { index path heading named }
      releases { source label files }
    }
  }`;
  const MORE_PTP = `query MorePtp($system: CodeSystem!, $code: String!, $asOf: Date, $after: String) {
    code(system: $system, code: $code, asOf: $asOf) { ptpEditPage(first: 20, after: $after) { ${PTP} } }
  }`;

  const article = document.getElementById("code-page");
  const system = article.dataset.system;
  const code = article.dataset.code;
  const state = { asOf: new URLSearchParams(location.search).get("asOf") || "", after: null };

  function section(id, show) {
    const node = document.getElementById(id);
    node.hidden = !show;
    return node;
  }

  function fillRows(id, rows) {
    const tbody = document.querySelector(`#${id} tbody`);
    tbody.replaceChildren(...rows.map((cells) => el("tr", {}, cells.map((c) => el("td", {}, c)))));
  }

  function linkRows(links) {
    return links.map((l) => [codeLink(l.system, l.code, l.display), l.notes || "", String(l.addOnType),
      date(l.effectiveDate), date(l.deletionDate), el("span", { class: "src" }, l.release)]);
  }

  function ptpRows(edges) {
    return edges.map(({ node: e }) => [
      e.column1 === code ? el("strong", {}, e.column1) : codeLink(e.column1System, e.column1),
      e.column2 === code ? el("strong", {}, e.column2) : codeLink(e.column2System, e.column2),
      `${e.modifierIndicator}` + (e.modifierIndicator === 1 ? " (allowed)" : e.modifierIndicator === 0 ? " (not allowed)" : ""),
      date(e.effectiveDate) + (e.prior1996 ? " *" : ""), date(e.deletionDate), e.rationale,
      el("span", { class: "src" }, e.release)]);
  }

  function prompt(tier) {
    const back = encodeURIComponent(location.pathname + location.search);
    if (tier === "guest") {
      return el("div", { class: "view-limit", "data-testid": "view-limit", role: "region", "aria-label": "View limit" },
        el("p", {}, el("strong", {}, "You have used your free code page view."),
          " The plain-language text, official description and guidelines of this code are part of a code page view."),
        el("p", {}, el("a", { href: `/register?next=${back}` }, "Register free"), " for 5 more code pages, or ",
          el("a", { href: `/login?next=${back}` }, "sign in"), "."));
    }
    return el("div", { class: "view-limit", "data-testid": "view-limit", role: "region", "aria-label": "View limit" },
      el("p", {}, el("strong", {}, "You have used this period's code page views."),
        " Upgrade to premium for unlimited code pages; your allowance renews at the end of the period."));
  }

  function renderFacts(c) {
    const facts = [["Code set", SYSTEM_NAMES[c.system] || c.system],
      ["Status", c.status === "TERMINATED" ? `Deleted (last day ${c.terminationDate})` : "Active"]];
    if (c.addedDate) facts.push(["Added", c.addedDate]);
    if (c.kind) facts.push(["Level", c.kind]);
    if (c.isBillable !== null) facts.push(["Billable", c.isBillable ? "yes" : "no (a header; code further)"]);
    if (c.isAddOn) facts.push(["Add-on code", c.contractorDefinedPrimaries ? "yes (primaries defined by the contractor)" : "yes"]);
    if (c.globalDays) facts.push(["Global surgery days", c.globalDays]);
    document.getElementById("facts").replaceChildren(...facts.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  }

  const INDEX_NAMES = { drug: "Table of Drugs and Chemicals", neoplasm: "Neoplasm Table",
                        eindex: "External Cause Index", index: "Alphabetic Index" };

  function renderNotes(notes) {
    const box = section("notes", notes.length > 0).querySelector("dl");
    const kinds = new Map();
    for (const n of notes) {
      if (!kinds.has(n.kind)) kinds.set(n.kind, []);
      kinds.get(n.kind).push(n);
    }
    box.replaceChildren(...[...kinds.entries()].flatMap(([kind, ns]) => [
      el("dt", {}, kind.replaceAll("_", " ").toLowerCase()),
      ...ns.map((n) => el("dd", {}, n.text, " ", codeLink(n.targetSystem, n.targetCode, n.named),
        n.inherited ? el("span", { class: "src" }, ` (from ${n.level} ${n.fromCode})`) : null))]));
  }

  function renderCrosswalks(entries) {
    const box = section("crosswalks", entries.length > 0).querySelector(".body");
    const single = entries.filter((x) => !x.combination);
    const combos = new Map();
    for (const x of entries.filter((e) => e.combination)) {
      if (!combos.has(x.scenario)) combos.set(x.scenario, new Map());
      const lists = combos.get(x.scenario);
      if (!lists.has(x.choiceList)) lists.set(x.choiceList, []);
      lists.get(x.choiceList).push(x);
    }
    const parts = [];
    if (single.length) {
      parts.push(el("ul", {}, single.map((x) => el("li", {},
        x.noMap ? "No equivalent code (no map)" : codeLink(x.system, x.code, x.display),
        x.approximate ? el("span", { class: "badge" }, "approximate") : null, " ",
        el("span", { class: "src" }, x.release)))));
    }
    for (const [scenario, lists] of combos) {
      parts.push(el("div", { class: "combo" }, el("p", {}, el("strong", {}, `Combination, scenario ${scenario}`),
        ": report one code from each list together."),
        el("ol", {}, [...lists.entries()].map(([n, xs]) => el("li", {}, `List ${n}: `,
          xs.flatMap((x, i) => [i ? " or " : "", codeLink(x.system, x.code, x.display)]),
          xs[0].approximate ? el("span", { class: "badge" }, "approximate") : null, " ",
          el("span", { class: "src" }, xs[0].release))))));
    }
    box.replaceChildren(...parts);
  }

  function renderTextFields(c, withheld, tier) {
    const slot = document.getElementById("view-limit-slot");
    slot.replaceChildren(withheld ? prompt(tier) : "");
    section("plain-section", !withheld && !!c.plainDescription);
    document.getElementById("plain").textContent = c.plainDescription || "";
    section("long-section", !withheld && !!c.longDescription);
    document.getElementById("long").textContent = c.longDescription || "";
    const guides = c.guidelines || [];
    const box = section("guidelines", !withheld && guides.length > 0).querySelector(".body");
    box.replaceChildren(...guides.map((g) => el("div", {}, el("h3", {}, g.title), el("p", {}, g.body),
      el("p", { class: "src" }, "Source: ", g.url ? el("a", { href: g.url }, g.source) : g.source))));
  }

  function render(c, body) {
    document.title = `${c.system} ${c.display} · Code graph`;
    document.getElementById("heading").textContent = `${SYSTEM_NAMES[c.system] || c.system} ${c.display}`;
    document.getElementById("short").textContent = c.shortDescription || "";
    const crumbs = [...c.ancestors].reverse();
    document.getElementById("crumbs").replaceChildren(crumbs.length ? el("ol", {},
      crumbs.map((a) => el("li", {}, codeLink(a.system, a.code, a.display))), el("li", { "aria-current": "page" }, c.display)) : "");
    renderFacts(c);
    const meter = (body.extensions && body.extensions.meter) || body.data.viewer;
    renderTextFields(c, limitErrors(body).length > 0, meter.tier);
    section("primary", c.primaryCodes.length > 0);
    fillRows("primary", linkRows(c.primaryCodes));
    section("addons", c.addOnCodes.length > 0);
    fillRows("addons", linkRows(c.addOnCodes));
    const page = c.ptpEditPage;
    section("ptp", page.totalCount > 0);
    document.getElementById("ptp-count").textContent = `(${page.totalCount})`;
    fillRows("ptp", ptpRows(page.edges));
    morePtp(page);
    section("mue", c.mues.length > 0);
    fillRows("mue", c.mues.map((m) => [m.setting.toLowerCase(), String(m.value), m.adjudicationText, m.rationale,
      el("span", { class: "src" }, m.release)]));
    section("modifiers", c.modifiers.length > 0).querySelector("ul").replaceChildren(...c.modifiers.map((m) =>
      el("li", {}, el("strong", {}, m.code), ` — ${m.reason} `, el("span", { class: "src" }, m.indicator))));
    renderCrosswalks(c.crosswalks || []);
    renderNotes(c.notes);
    section("index", c.indexEntries.length > 0).querySelector("ul").replaceChildren(...c.indexEntries.map((x) =>
      el("li", {}, `${INDEX_NAMES[x.index] || x.index}: ${x.path}`, x.heading ? ` — ${x.heading}` : "", ` → ${x.named}`)));
    section("children", c.children.length > 0).querySelector("ul").replaceChildren(...c.children.map((k) =>
      el("li", {}, codeLink(k.system, k.code, k.display), " ", k.shortDescription || "")));
    section("sources", c.releases.length > 0).querySelector("ul").replaceChildren(...c.releases.map((r) =>
      el("li", {}, el("strong", {}, r.label), ` (${r.source})`, r.files.length ? `: ${r.files.join(", ")}` : "")));
    showMeter(meter);
  }

  function morePtp(page) {
    const button = document.getElementById("ptp-more");
    button.hidden = !page.pageInfo.hasNextPage;
    state.after = page.pageInfo.endCursor;
  }

  async function loadMorePtp() {
    const body = await gql(MORE_PTP, { system, code, asOf: state.asOf || null, after: state.after });
    const page = body.data && body.data.code && body.data.code.ptpEditPage;
    if (!page) return;
    const tbody = document.querySelector("#ptp tbody");
    for (const cells of ptpRows(page.edges)) tbody.append(el("tr", {}, cells.map((c) => el("td", {}, c))));
    morePtp(page);
  }

  function notFound(body) {
    const errors = (body.errors || []).filter((e) => !limitErrors({ errors: [e] }).length);
    const text = errors.length ? errors.map((e) => e.message).join("; ")
      : `There is no ${SYSTEM_NAMES[system] || system} code ${code}${state.asOf ? ` on ${state.asOf}` : ""}.`;
    document.getElementById("short").replaceChildren(el("span", { class: "alert", role: "alert" }, text));
  }

  async function load() {
    article.setAttribute("aria-busy", "true");
    const to = CROSSWALK_TO[system];
    const body = await gql(QUERY, { system, code, asOf: state.asOf || null, to: to || "ICD9CM", xw: !!to });
    article.setAttribute("aria-busy", "false");
    if (body.data && body.data.viewer) showMeter(body.data.viewer);
    const c = body.data && body.data.code;
    if (!c) { notFound(body); return null; }
    render(c, body);
    return c;
  }

  function setupDatePicker() {
    const input = document.getElementById("asof");
    input.value = state.asOf || new Date().toISOString().slice(0, 10);
    const apply = async (value) => {
      state.asOf = value;
      const url = new URL(location.href);
      if (value) url.searchParams.set("asOf", value); else url.searchParams.delete("asOf");
      history.replaceState(null, "", url);
      const c = await load();
      if (c && window.CodeGraph) window.CodeGraph.reset(c, state.asOf);
    };
    document.getElementById("asof-form").addEventListener("submit", (event) => {
      event.preventDefault();
      apply(input.value);
    });
    input.addEventListener("change", () => apply(input.value));
    document.getElementById("asof-today").addEventListener("click", () => {
      input.value = new Date().toISOString().slice(0, 10);
      apply("");
    });
  }

  document.getElementById("ptp-more").addEventListener("click", loadMorePtp);
  setupDatePicker();
  const ready = load();
  return { system, code, state, ready };
})();
