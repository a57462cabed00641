// The breaking-news ticker: remember in the reader's own browser that they dismissed it.
// The page is shared by every reader, so it never changes with a dismissal; without this
// file, the Dismiss box still hides the line on the page being read.
(function () {
  "use strict";
  var KEY = "newsdesk:ticker-dismissed";
  var box = document.querySelector(".ticker[data-ticker]");
  if (!box) return;
  var toggle = box.querySelector(".ticker__toggle");
  var id = box.getAttribute("data-ticker");
  try {
    if (window.localStorage.getItem(KEY) === id) toggle.checked = true;
  } catch (error) {
    // Storage refused (private mode): the line shows on each page, dismissable there.
  }
  toggle.addEventListener("change", function () {
    try {
      if (toggle.checked) window.localStorage.setItem(KEY, id);
    } catch (error) {
      // As above: dismissed on this page only.
    }
  });
})();
