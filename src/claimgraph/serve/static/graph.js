// Flow graph: actors as nodes, flows as edges (colour: kind; line: evidence strength). Data from /api/graph.
"use strict";
document.addEventListener("DOMContentLoaded", async () => {
  const box = document.getElementById("graph");
  const panel = document.getElementById("edge-details");
  if (typeof cytoscape === "undefined") { box.hidden = true; return; }
  const response = await fetch(box.dataset.api, { headers: { Accept: "application/json" } });
  const data = await response.json();
  const cy = cytoscape({
    container: box,
    elements: { nodes: data.nodes, edges: data.edges },
    maxZoom: 1.6,  // a handful of actors should not fill the screen
    style: [
      { selector: "node", style: { label: "data(label)", "background-color": "#1d2330", color: "#1d2330",
        "font-size": 12, "text-valign": "bottom", "text-margin-y": 4, width: 22, height: 22 } },
      { selector: "edge", style: { width: 2.5, "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "target-arrow-shape": "triangle", "curve-style": "bezier", "line-style": "data(line)",
        "line-dash-pattern": [8, 5] } },
      { selector: "edge[line = 'dotted']", style: { "line-dash-pattern": [2, 4] } },
      { selector: ":selected", style: { width: 5, "overlay-opacity": 0.15 } },
    ],
    layout: { name: data.nodes.length > 1 ? "cose" : "grid", animate: false, randomize: false, padding: 40,
              idealEdgeLength: () => 140, nodeRepulsion: () => 900000, nodeDimensionsIncludeLabels: true },
  });
  window.claimgraphGraph = cy;  // for tests and the browser console
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text) e.textContent = text; if (cls) e.className = cls; return e; };
  const showEdges = (edges) => {
    panel.replaceChildren();
    for (const edge of edges) {
      const d = edge.data();
      const card = el("div", null, "edge-card");
      const head = el("p");
      head.append(el("strong", `${d.source_name} → ${d.target_name}`), " ", el("span", d.kind, `kind kind-${d.kind}`), " ",
                  el("span", d.evidence.replace(/_/g, " "), `badge ev-${d.evidence}`));
      const quote = el("blockquote", d.claim || "(no claim text)");
      const link = el("a", `in “${d.doc_title}”`);
      link.href = d.url;
      card.append(head, quote, link);
      if (d.claimed_by) card.append(el("p", `according to ${d.claimed_by}`, "muted"));
      panel.append(card);
    }
  };
  cy.on("tap", "edge", (e) => {
    const edge = e.target;  // every flow between the same two actors, so parallel claims are all shown
    showEdges(cy.edges().filter((x) => x.source().same(edge.source()) && x.target().same(edge.target())));
  });
  cy.on("tap", "node", (e) => { window.location.href = e.target.data("url"); });
  const stats = document.getElementById("graph-stats");
  stats.textContent = `${cy.nodes().length} actors, ${cy.edges().length} flows`;
  stats.dataset.rendered = "true";
});
