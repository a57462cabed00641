// Turns the Most Viewed lists (Day, Week, Month: all shown without JS) into tabs, as in
// the WAI-ARIA tabs pattern: arrow keys move between tabs (mirrored right to left),
// Home and End go to the first and last, Tab moves into the shown list.
(function () {
  "use strict";

  function enhance(root) {
    var tablist = root.querySelector("[data-most-viewed-tabs]");
    var tabs = Array.prototype.slice.call(tablist.querySelectorAll(".most-viewed__tab"));
    // The roles come with the behaviour (valid HTML without script: no tab without panel).
    tablist.setAttribute("role", "tablist");
    tablist.setAttribute("aria-labelledby", "block-most-viewed");
    tabs.forEach(function (tab) {
      tab.setAttribute("role", "tab");
    });
    var panels = tabs.map(function (tab) {
      return document.getElementById(tab.getAttribute("aria-controls"));
    });

    function select(index, focus) {
      tabs.forEach(function (tab, i) {
        var selected = i === index;
        tab.setAttribute("aria-selected", selected ? "true" : "false");
        tab.tabIndex = selected ? 0 : -1;
        panels[i].hidden = !selected;
      });
      if (focus) tabs[index].focus();
    }

    panels.forEach(function (panel, i) {
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tabs[i].id);
      panel.tabIndex = 0;
      // The tab names the panel now; its own heading would say the same twice.
      panel.querySelector(".most-viewed__heading").hidden = true;
    });

    tabs.forEach(function (tab, i) {
      tab.addEventListener("click", function () {
        select(i, false);
      });
      tab.addEventListener("keydown", function (event) {
        var rtl = getComputedStyle(tablist).direction === "rtl";
        var step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[event.key];
        var target = null;
        if (step) target = (i + step + tabs.length) % tabs.length;
        else if (event.key === "Home") target = 0;
        else if (event.key === "End") target = tabs.length - 1;
        if (target === null) return;
        event.preventDefault();
        select(target, true);
      });
    });

    tablist.hidden = false;
    root.classList.add("most-viewed--tabs");
    select(0, false);
  }

  document.querySelectorAll("[data-most-viewed]").forEach(enhance);
})();
