// Live coverage: an open page shows new and corrected entries without reloading.
// Progressive enhancement: without this file the page has a "Refresh for new entries"
// link. (Its videos' facade is film-facade.js, shared with the gallery's films.)
//
// It asks for the page's entries alone (?part=entries), which the page cache, the fast
// path and caches in front keep and purge exactly as the page (tag live:<id>). The
// request revalidates (If-None-Match: an unchanged part is a 304 of a few bytes) and
// carries no cookies, so it is the shared copy every reader gets. It waits longer while
// nothing changes (up to 8 times the first wait), pauses while the tab is hidden, and
// stops once coverage has ended.
(function () {
  "use strict";

  var region = document.querySelector("[data-live-url]");
  if (!region || !window.fetch || !window.DOMParser) { return; }
  var url = region.getAttribute("data-live-url");
  var first = Math.max(parseFloat(region.getAttribute("data-live-poll")) || 15, 1) * 1000;
  var longest = first * 8;
  var wait = first;
  var timer = null;
  var last = null;
  var stopped = false;

  function later() {
    window.clearTimeout(timer);
    if (!stopped && !document.hidden) { timer = window.setTimeout(ask, wait); }
  }

  function ask() {
    window.fetch(url, { cache: "no-cache", credentials: "omit", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (html) {
        var changed = html !== last ? merge(html) : false;
        last = html;
        wait = changed ? first : Math.min(wait * 1.5, longest);
        later();
      })
      .catch(function () {
        wait = Math.min(wait * 2, longest);
        later();
      });
  }

  function entriesOf(root) {
    var found = {};
    root.querySelectorAll("[data-live-entries] [data-entry]").forEach(function (entry) {
      found[entry.getAttribute("data-entry")] = entry;
    });
    return found;
  }

  // Adds what is new, replaces what was corrected; says whether anything changed.
  function merge(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-live-feed]");
    var feed = region.querySelector("[data-live-feed]");
    if (!fresh || !feed) { return false; }
    if (fresh.getAttribute("data-live-state") !== "running") {
      feed.replaceWith(document.importNode(fresh, true));
      stopped = true;
      return true;
    }
    var changed = false;
    var list = feed.querySelector("[data-live-entries]");
    if (!list) {
      // The first entries: the whole feed, as the server made it.
      if (fresh.querySelector("[data-live-entries], .live__pinned")) {
        feed.replaceWith(document.importNode(fresh, true));
        return true;
      }
      return false;
    }
    var shown = entriesOf(feed);
    var added = [];
    fresh.querySelectorAll("[data-live-entries] > li").forEach(function (item) {
      var entry = item.querySelector("[data-entry]");
      var old = shown[entry.getAttribute("data-entry")];
      if (!old) {
        added.push(item);
      } else if (old.getAttribute("data-version") !== entry.getAttribute("data-version")) {
        old.replaceWith(document.importNode(entry, true));
        changed = true;
      }
    });
    for (var i = added.length - 1; i >= 0; i -= 1) {
      var item = document.importNode(added[i], true);
      item.firstElementChild.classList.add("live-entry--new");
      list.insertBefore(item, list.firstChild);
    }
    var pinned = feed.querySelector(".live__pinned");
    var freshPinned = fresh.querySelector(".live__pinned");
    var key = function (section) {
      var entry = section && section.querySelector("[data-entry]");
      return entry ? entry.getAttribute("data-entry") + ":" + entry.getAttribute("data-version") : "";
    };
    if (key(pinned) !== key(freshPinned)) {
      if (pinned) { pinned.remove(); }
      if (freshPinned) { feed.insertBefore(document.importNode(freshPinned, true), feed.querySelector(".live__status").nextSibling); }
      changed = true;
    }
    return changed || added.length > 0;
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { wait = first; ask(); }
  });
  later();
})();
