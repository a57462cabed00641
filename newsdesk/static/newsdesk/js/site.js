// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // On phones the header's search box is folded behind a button. Without this script
  // that button is a link to the search page.
  var toggle = document.querySelector("[data-search-toggle]");
  var form = document.getElementById("masthead-search");
  if (toggle && form) {
    toggle.setAttribute("role", "button");
    toggle.setAttribute("aria-expanded", "false");
    toggle.addEventListener("click", function (event) {
      // Wide screens show the box all the time: the link is hidden there.
      event.preventDefault();
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      form.classList.toggle("is-open", open);
      if (open) form.querySelector("input").focus();
    });
  }

  // Long lists (the map's events) start folded on phones; without this script they are open.
  if (window.matchMedia("(max-width: 40rem)").matches) {
    document.querySelectorAll("details[data-fold-on-phone]").forEach(function (details) {
      details.open = false;
    });
  }

  // The browser's own share sheet where it has one (Web Share API); the plain links stay.
  var share = document.querySelector("[data-share]");
  if (share && navigator.share) {
    share.hidden = false;
    share.addEventListener("click", function () {
      navigator.share({ title: share.dataset.shareTitle, url: share.dataset.shareUrl }).catch(function () {});
    });
  }
})();
