// The search page: /?q= lists matching codes grouped by code set, deleted codes marked.
"use strict";
(() => {
  const { gql, el, codeLink, showMeter, SYSTEM_NAMES } = Site;
  const QUERY = `query Search($text: String!, $run: Boolean!, $asOf: Date) {
    viewer { tier limit used remaining }
    searchCodes(text: $text, first: 50, asOf: $asOf) @include(if: $run) {
      totalCount
      edges { node { system code display shortDescription status terminationDate } }
    }
  }`;

  async function run() {
    const params = new URLSearchParams(location.search);
    const q = params.get("q") || "";
    const asOf = params.get("asOf") || null;
    const box = document.getElementById("results");
    box.classList.add("results");
    const body = await gql(QUERY, { text: q, run: q.trim() !== "", asOf });
    if (body.data && body.data.viewer) showMeter(body.data.viewer);
    if (!q.trim()) return;
    const found = body.data && body.data.searchCodes;
    if (!found) {
      const message = (body.errors || []).map((e) => e.message).join("; ") || "The search failed.";
      box.replaceChildren(el("p", { class: "alert", role: "alert" }, message));
      return;
    }
    const groups = new Map();
    for (const { node } of found.edges) {
      if (!groups.has(node.system)) groups.set(node.system, []);
      groups.get(node.system).push(node);
    }
    const shown = found.edges.length;
    const summary = found.totalCount === 0 ? `No codes match “${q}”.`
      : `${found.totalCount} code${found.totalCount === 1 ? "" : "s"} match “${q}”` +
        (shown < found.totalCount ? `; the first ${shown} are shown.` : ".");
    const parts = [el("p", {}, summary)];
    for (const [system, nodes] of groups) {
      parts.push(el("h2", {}, SYSTEM_NAMES[system] || system));
      parts.push(el("ul", {}, nodes.map((n) => el("li", {},
        codeLink(n.system, n.code, n.display), " ", n.shortDescription || "",
        n.status === "TERMINATED" ? el("span", { class: "badge deleted" }, `deleted ${n.terminationDate || ""}`.trim()) : null,
      ))));
    }
    box.replaceChildren(...parts);
  }

  run();
})();
