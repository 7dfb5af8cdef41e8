// The neighbourhood picture: add-on, PTP edit, crosswalk and hierarchy neighbours of the code, drawn with
// Cytoscape.js (vendored; loaded only after the page's facts). Every node is also a link in the sections.
"use strict";
const CodeGraph = (() => {
  const { gql, codeHref } = Site;
  const MAX_NODES = 150;
  const PTP_PER_CODE = 12;
  const QUERY = `query Neighbours($refs: [CodeRef!]!, $asOf: Date) {
    codes(refs: $refs, asOf: $asOf) {
      system code display
      primaryCodes { system code display }
      addOnCodes { system code display }
      ptpEdits(first: ${PTP_PER_CODE}) { column1 column1System column2 column2System }
      parent { system code display }
      children { system code display }
      icd9: crosswalks(to: ICD9CM) { system code display }
      icd10: crosswalks(to: ICD10CM) { system code display }
      proc9: crosswalks(to: ICD9PROC) { system code display }
      pcs: crosswalks(to: ICD10PCS) { system code display }
    }
  }`;
  const COLORS = { this: "#0b5cad", addon: "#2e8540", ptp: "#c05621", xw: "#7b3fa0", tree: "#6b7785" };
  const box = document.getElementById("graph");
  const widen = document.getElementById("widen");
  const status = document.getElementById("graph-status");
  let graph = { nodes: new Map(), edges: new Map(), frontier: [], asOf: "" };
  let cy = null;
  let library = null;

  const id = (system, code) => `${system}:${code}`;

  function addNode(system, code, display, kind, hop) {
    const key = id(system, code);
    if (!graph.nodes.has(key)) {
      if (graph.nodes.size >= MAX_NODES) return null;
      graph.nodes.set(key, { key, system, code, label: display || code, kind, hop, expanded: false });
      graph.frontier.push(key);
    }
    return key;
  }

  function addEdge(a, b, kind) {
    if (!a || !b || a === b) return;
    const key = [a, b].sort().join("|") + "|" + kind;
    if (!graph.edges.has(key)) graph.edges.set(key, { key, source: a, target: b, kind });
  }

  function absorb(c, hop) {
    const here = id(c.system, c.code);
    const node = graph.nodes.get(here);
    if (node) node.expanded = true;
    const link = (n, kind) => addEdge(here, addNode(n.system, n.code, n.display, kind, hop), kind);
    c.primaryCodes.forEach((n) => link(n, "addon"));
    c.addOnCodes.forEach((n) => link(n, "addon"));
    for (const e of c.ptpEdits) {
      const other = e.column1 === c.code && e.column1System === c.system
        ? { system: e.column2System, code: e.column2 } : { system: e.column1System, code: e.column1 };
      link(other, "ptp");
    }
    if (c.parent) link(c.parent, "tree");
    c.children.slice(0, 25).forEach((n) => link(n, "tree"));
    for (const xs of [c.icd9, c.icd10, c.proc9, c.pcs]) xs.filter((x) => x.code).forEach((x) => link(x, "xw"));
  }

  async function expand(keys, hop) {
    const refs = keys.map((k) => graph.nodes.get(k)).filter((n) => n && !n.expanded)
      .map((n) => ({ system: n.system, code: n.code }));
    if (!refs.length) return;
    const body = await gql(QUERY, { refs, asOf: graph.asOf || null });
    const found = (body.data && body.data.codes) || [];
    found.filter(Boolean).forEach((c) => absorb(c, hop));
    refs.forEach((r) => { const n = graph.nodes.get(id(r.system, r.code)); if (n) n.expanded = true; });
  }

  function loadLibrary() {
    if (window.cytoscape) return Promise.resolve(window.cytoscape);
    library = library || new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = "/static/vendor/cytoscape.min.js";
      script.onload = () => resolve(window.cytoscape);
      script.onerror = () => reject(new Error("the picture library did not load"));
      document.head.append(script);
    });
    return library;
  }

  async function draw() {
    let cytoscape;
    try {
      cytoscape = await loadLibrary();
    } catch (e) {
      status.textContent = "The picture is unavailable; the sections below list the same codes.";
      return;
    }
    const elements = [
      ...[...graph.nodes.values()].map((n) => ({ data: { id: n.key, label: n.label, kind: n.kind, hop: n.hop,
                                                          system: n.system, code: n.code } })),
      ...[...graph.edges.values()].filter((e) => graph.nodes.has(e.source) && graph.nodes.has(e.target))
        .map((e) => ({ data: { id: e.key, source: e.source, target: e.target, kind: e.kind } })),
    ];
    if (cy) cy.destroy();
    cy = cytoscape({
      container: box, elements, maxZoom: 1.6, minZoom: 0.2,
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 10, "text-valign": "bottom", "text-margin-y": 3,
            width: 14, height: 14, color: "#1b1f24", "background-color": (n) => COLORS[n.data("kind")] || COLORS.tree } },
        { selector: 'node[kind = "this"]', style: { width: 24, height: 24, "font-size": 13, "font-weight": "bold" } },
        { selector: "edge", style: { width: 1.5, "curve-style": "bezier", "line-color": (e) => COLORS[e.data("kind")] || "#999",
            opacity: 0.7 } },
      ],
      layout: { name: "cose", animate: false, randomize: true, nodeRepulsion: () => 6000,
                idealEdgeLength: () => 50, padding: 20 },
    });
    cy.on("tap", "node", (event) => {
      const d = event.target.data();
      if (d.kind !== "this") location.href = codeHref(d.system, d.code) + (graph.asOf ? `?asOf=${graph.asOf}` : "");
    });
    box.dataset.nodes = String(cy.nodes().length);
    box.dataset.edges = String(cy.edges().length);
    box.setAttribute("aria-label", `Diagram of ${cy.nodes().length - 1} codes related to this one`);
    const capped = graph.nodes.size >= MAX_NODES ? ` (limited to ${MAX_NODES})` : "";
    const n = cy.nodes().length;
    const e = cy.edges().length;
    status.textContent = `${n} code${n === 1 ? "" : "s"}, ${e} link${e === 1 ? "" : "s"}${capped}`;
  }

  async function reset(c, asOf) {
    graph = { nodes: new Map(), edges: new Map(), frontier: [], asOf, hop: 0 };
    addNode(c.system, c.code, c.display, "this", 0);
    widen.disabled = true;
    await expand(graph.frontier.splice(0), 1);
    await draw();
    widen.disabled = graph.frontier.length === 0 || graph.nodes.size >= MAX_NODES;
  }

  widen.addEventListener("click", async () => {
    widen.disabled = true;
    graph.hop += 1;
    await expand(graph.frontier.splice(0), graph.hop + 1);
    await draw();
    widen.disabled = graph.frontier.length === 0 || graph.nodes.size >= MAX_NODES;
  });

  // Where a node is drawn, in page coordinates (what a pointer would click).
  function position(key) {
    const node = cy && cy.getElementById(key);
    if (!node || node.empty()) return null;
    const box_ = box.getBoundingClientRect();
    const at = node.renderedPosition();
    return { x: box_.left + at.x, y: box_.top + at.y };
  }

  CodePage.ready.then((c) => { if (c) reset(c, CodePage.state.asOf); });
  return { reset, position };
})();
window.CodeGraph = CodeGraph;
