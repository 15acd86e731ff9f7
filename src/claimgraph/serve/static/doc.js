// Document page: a click on a highlighted passage shows its card (source, cue, content, evidence, actor).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const text = document.getElementById("doc-text");
  const hint = document.getElementById("details-hint");
  const show = (id) => {
    let found = false;
    for (const card of document.querySelectorAll("#details .card")) {
      card.hidden = card.id !== id;
      found = found || card.id === id;
    }
    if (hint) hint.hidden = found;
  };
  const select = (attr, value) => {
    for (const el of text.querySelectorAll(".selected")) el.classList.remove("selected");
    for (const el of text.querySelectorAll(`[${attr}="${CSS.escape(value)}"]`)) el.classList.add("selected");
  };
  const activate = (target) => {
    const att = target.closest("[data-att]");
    if (att) { show("detail-att-" + att.dataset.att); select("data-att", att.dataset.att); return; }
    const claim = target.closest("[data-claim]");
    if (claim) { show("detail-claim-" + claim.dataset.claim); select("data-claim", claim.dataset.claim); }
  };
  text.addEventListener("click", (e) => activate(e.target));
  text.addEventListener("keydown", (e) => { if (e.key === "Enter") activate(e.target); });
  document.getElementById("details").addEventListener("click", (e) => {
    const button = e.target.closest("[data-show]");
    if (button) show(button.dataset.show);
  });
  const fromHash = () => {
    if (location.hash.startsWith("#claim-")) show("detail-claim-" + decodeURIComponent(location.hash.slice(7)));
  };
  window.addEventListener("hashchange", fromHash);
  fromHash();
});
