// onrecord: a tooltip with speaker and cue over highlighted statements, and the
// highlight of every part of the statement a link (#s<id>) points at.
(function () {
  "use strict";
  const tip = document.createElement("div");
  tip.id = "tooltip";
  tip.hidden = true;
  tip.setAttribute("role", "tooltip");

  function show(mark) {
    const party = mark.dataset.party ? " (" + mark.dataset.party + ")" : "";
    // textContent, never innerHTML: names and cues come from arbitrary articles.
    tip.textContent = mark.dataset.speaker + party + " · " + mark.dataset.kind + " · cue: " + mark.dataset.cue;
    const box = mark.getBoundingClientRect();
    tip.style.left = window.scrollX + box.left + "px";
    tip.style.top = window.scrollY + box.bottom + 6 + "px";
    tip.hidden = false;
  }

  function activate() {
    document.querySelectorAll("mark.active").forEach((mark) => mark.classList.remove("active"));
    const match = /^#s(\d+)$/.exec(window.location.hash);
    if (!match) return;
    const parts = document.querySelectorAll('mark[data-statement="' + match[1] + '"]');
    parts.forEach((mark) => mark.classList.add("active"));
    if (parts.length) parts[0].scrollIntoView({ block: "center" });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.body.appendChild(tip);
    document.querySelectorAll("mark[data-statement]").forEach((mark) => {
      // The title is the fallback without JavaScript; the tooltip replaces it.
      mark.removeAttribute("title");
      mark.addEventListener("mouseenter", () => show(mark));
      mark.addEventListener("focus", () => show(mark));
      mark.addEventListener("mouseleave", () => { tip.hidden = true; });
      mark.addEventListener("blur", () => { tip.hidden = true; });
    });
    activate();
  });
  window.addEventListener("hashchange", activate);
})();
