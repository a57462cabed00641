// Reports one view of this article to our own server, once the reader can see the page:
// not while it is prerendered or opened in a background tab. No cookie, no identifier.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !navigator.sendBeacon) return;
  var endpoint = script.getAttribute("data-endpoint");
  var page = Number(script.getAttribute("data-page"));
  var sent = false;

  function send() {
    if (sent || document.prerendering || document.visibilityState !== "visible") return;
    sent = true;
    navigator.sendBeacon(endpoint, JSON.stringify({ page: page }));
  }

  document.addEventListener("visibilitychange", send);
  document.addEventListener("prerenderingchange", send);
  send();
})();
