// Film facade, for films (gallery) and the videos of live entries. Progressive
// enhancement: without this file every external video is a link to its host. Nothing is
// requested from the host before the reader presses play. One listener on the document,
// so a facade that arrives later (a live entry added without reloading) works as well.
(function () {
  "use strict";

  var PLAYERS = {
    youtube: function (id) { return "https://www.youtube-nocookie.com/embed/" + encodeURIComponent(id) + "?autoplay=1"; },
    vimeo: function (id) { return "https://player.vimeo.com/video/" + encodeURIComponent(id) + "?autoplay=1&dnt=1"; }
  };

  document.addEventListener("click", function (event) {
    var facade = event.target.closest && event.target.closest("[data-film-provider]");
    if (!facade) { return; }
    var build = PLAYERS[facade.getAttribute("data-film-provider")];
    if (!build) { return; }
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.className = "film-facade__frame";
    frame.src = build(facade.getAttribute("data-film-id"));
    frame.title = facade.getAttribute("data-film-title") || "";
    frame.allow = "autoplay; fullscreen; picture-in-picture";
    frame.setAttribute("allowfullscreen", "");
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    facade.replaceWith(frame);
    frame.focus();
  });
})();
