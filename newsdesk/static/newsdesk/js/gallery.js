// Gallery viewer. Progressive enhancement: without this file every picture is a link to
// its own page. (A film's facade is film-facade.js, shared with live entries' videos.)
(function () {
  "use strict";

  // A full-screen viewer for a photo gallery.
  var gallery = document.querySelector("[data-gallery]");
  if (!gallery) { return; }
  var links = Array.prototype.slice.call(gallery.querySelectorAll("[data-viewer-index]"));
  if (!links.length) { return; }
  var rtl = document.documentElement.dir === "rtl";
  var strings = gallery.dataset;
  var current = -1;
  var opener = null;

  var viewer = document.createElement("div");
  viewer.className = "viewer";
  viewer.hidden = true;
  viewer.setAttribute("role", "dialog");
  viewer.setAttribute("aria-modal", "true");
  viewer.setAttribute("aria-label", strings.viewerLabel || "");
  viewer.innerHTML =
    '<figure class="viewer__figure"><img class="viewer__image" alt="">' +
    '<figcaption class="viewer__caption"></figcaption></figure>' +
    '<p class="viewer__count" aria-live="polite"></p>' +
    '<button type="button" class="viewer__button viewer__close"></button>' +
    '<button type="button" class="viewer__button viewer__prev"></button>' +
    '<button type="button" class="viewer__button viewer__next"></button>';
  document.body.appendChild(viewer);
  var image = viewer.querySelector(".viewer__image");
  var caption = viewer.querySelector(".viewer__caption");
  var counter = viewer.querySelector(".viewer__count");
  var closeButton = viewer.querySelector(".viewer__close");
  var prevButton = viewer.querySelector(".viewer__prev");
  var nextButton = viewer.querySelector(".viewer__next");
  closeButton.setAttribute("aria-label", strings.closeLabel || "Close");
  prevButton.setAttribute("aria-label", strings.prevLabel || "Previous");
  nextButton.setAttribute("aria-label", strings.nextLabel || "Next");

  // A number in the page's digits (data-digit-set: 0 to 9 as the language writes them).
  function localDigits(n) {
    var set = strings.digitSet || "0123456789";
    return String(n).replace(/[0-9]/g, function (d) { return set.charAt(+d); });
  }

  function show(index) {
    current = (index + links.length) % links.length;
    var source = links[current].querySelector("img");
    var figcaption = links[current].parentNode.querySelector("figcaption");
    image.srcset = source.srcset;
    image.src = source.src;
    image.sizes = "100vw";
    image.alt = source.alt;
    caption.innerHTML = figcaption ? figcaption.innerHTML : "";
    // "2 of 7" in the page's language, so that it reads the right way in RTL too.
    counter.textContent = (strings.countLabel || "{current} / {total}")
      .replace("{current}", localDigits(current + 1))
      .replace("{total}", localDigits(links.length));
    history.replaceState(null, "", "#image-" + (current + 1));
  }

  function open(index, from) {
    opener = from || null;
    viewer.hidden = false;
    document.documentElement.classList.add("viewer-open");
    show(index);
    closeButton.focus();
  }

  function close() {
    viewer.hidden = true;
    document.documentElement.classList.remove("viewer-open");
    var back = opener || links[current];
    if (back) { back.focus(); }
  }

  links.forEach(function (link, index) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      open(index, link);
    });
  });
  closeButton.addEventListener("click", close);
  // "Previous" is at the inline start: on the right in Arabic and Persian.
  prevButton.addEventListener("click", function () { show(current - 1); });
  nextButton.addEventListener("click", function () { show(current + 1); });

  viewer.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); close(); }
    else if (event.key === "ArrowRight") { event.preventDefault(); show(current + (rtl ? -1 : 1)); }
    else if (event.key === "ArrowLeft") { event.preventDefault(); show(current + (rtl ? 1 : -1)); }
    else if (event.key === "Tab") {
      // Keep focus inside the dialog while it is open.
      var focusable = [closeButton, prevButton, nextButton];
      var at = focusable.indexOf(document.activeElement);
      event.preventDefault();
      focusable[(at + (event.shiftKey ? focusable.length - 1 : 1)) % focusable.length].focus();
    }
  });

  // Swipe: a mostly horizontal move of at least 40 px changes the picture.
  var startX = null;
  var startY = null;
  viewer.addEventListener("touchstart", function (event) {
    startX = event.touches[0].clientX;
    startY = event.touches[0].clientY;
  }, { passive: true });
  viewer.addEventListener("touchend", function (event) {
    if (startX === null) { return; }
    var dx = event.changedTouches[0].clientX - startX;
    var dy = event.changedTouches[0].clientY - startY;
    startX = null;
    if (Math.abs(dx) < 40 || Math.abs(dx) < Math.abs(dy)) { return; }
    var forward = dx < 0 ? !rtl : rtl;
    show(current + (forward ? 1 : -1));
  });

  // A shared address with #image-N opens that picture.
  var match = /^#image-(\d+)$/.exec(location.hash);
  if (match) {
    var wanted = parseInt(match[1], 10) - 1;
    if (wanted >= 0 && wanted < links.length) { open(wanted, links[wanted]); }
  }
})();
