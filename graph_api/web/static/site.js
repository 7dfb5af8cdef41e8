// Shared by every page: the GraphQL client (the browser's own cookies identify the caller), the meter banner.
"use strict";
const Site = (() => {
  const SYSTEM_NAMES = { CPT: "CPT", HCPCS: "HCPCS Level II", ICD10CM: "ICD-10-CM", ICD10PCS: "ICD-10-PCS",
                         ICD9CM: "ICD-9-CM", ICD9PROC: "ICD-9-CM procedures" };

  async function gql(query, variables) {
    let response;
    try {
      response = await fetch("/graphql", {
        method: "POST", credentials: "same-origin",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ query, variables }),
      });
    } catch (e) {
      return { errors: [{ message: "The service cannot be reached.", extensions: { code: "NETWORK" } }] };
    }
    try {
      return await response.json();
    } catch (e) {
      return { errors: [{ message: `The service answered ${response.status}.`, extensions: { code: "HTTP" } }] };
    }
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v; else if (k === "text") node.textContent = v; else node.setAttribute(k, v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  function codeHref(system, code) {
    return `/codes/${encodeURIComponent(system)}/${encodeURIComponent(code)}`;
  }

  function codeLink(system, code, display) {
    return el("a", { href: codeHref(system, code) }, display || code);
  }

  function limitErrors(body) {
    return (body.errors || []).filter((e) => e.extensions && e.extensions.code === "VIEW_LIMIT_REACHED");
  }

  // The banner: `meter` is viewer { tier limit used remaining } or a response's extensions.meter.
  function showMeter(meter) {
    const banner = document.getElementById("meter");
    if (!banner || !meter) return;
    const signedIn = meter.tier === "registered" || meter.tier === "premium";
    document.querySelectorAll(".guest-only").forEach((n) => { n.hidden = signedIn; });
    document.querySelectorAll(".user-only").forEach((n) => { n.hidden = !signedIn; });
    let text;
    if (meter.limit === null || meter.limit === undefined) {
      text = meter.tier === "unmetered" ? "Code pages are not metered on this server." : "Unlimited code pages.";
    } else {
      const left = Math.max(meter.remaining ?? meter.limit - meter.used, 0);
      const pages = left === 1 ? "code page view" : "code page views";
      text = `${left} ${pages} left of ${meter.limit} this period`;
      if (meter.tier === "guest") text += left ? ". A free account adds 5 more." : ". Register free for 5 more.";
      else text += ".";
      banner.classList.toggle("out", left === 0);
    }
    banner.textContent = text;
    banner.hidden = false;
  }

  function date(value) { return value || "—"; }

  return { SYSTEM_NAMES, gql, el, codeHref, codeLink, limitErrors, showMeter, date };
})();
