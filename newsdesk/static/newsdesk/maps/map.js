// The map of events: progressive enhancement of a page that already lists the events
// and has a plain GET filter form. Everything it draws comes from our own host: the
// country borders (world-atlas TopoJSON), place labels embedded in the page, the events
// and areas of control from /api/v1/map/. No inline styles or scripts: colours are set
// through the CSSOM, text through textContent, and the configuration arrives in a
// <script type="application/json"> block named by the container's data-config.
(function () {
  "use strict";

  if (!window.L || !window.fetch) return;

  var HOUR = 3600 * 1000;
  var DAY = 24 * HOUR;
  var PERIODS = { "24h": DAY, "7d": 7 * DAY, "30d": 30 * DAY };
  var MAX_PAGES = 5; // 5 x 1000 events: more than any sensible view shows
  var LABEL_COUNTS = [[4, 8], [5, 20], [6, 45], [7, 110], [8, 250]];
  var LIST_SIZE = 60; // the list beside the map (newest first); the markers show every event
  var LEGEND_MAX_SHARE = 0.1; // of the map's area: a larger open legend starts folded
  var MARKER_BATCH = 20; // markers clustered at once
  var SLICE_MS = 8; // the longest piece of drawing work done at once (see later())

  function readConfig(container) {
    var node = document.getElementById(container.getAttribute("data-config"));
    return JSON.parse(node.textContent);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  function svgDisc(color) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("class", "map-disc");
    var circle = document.createElementNS(ns, "circle");
    circle.setAttribute("cx", "12");
    circle.setAttribute("cy", "12");
    circle.setAttribute("r", "11");
    circle.setAttribute("fill", color);
    svg.appendChild(circle);
    return svg;
  }

  function categoryBadge(category, iconUrl) {
    var badge = el("span", "map-badge");
    badge.appendChild(svgDisc(category.color || "#555"));
    if (iconUrl) {
      var img = el("img", "map-badge__icon");
      img.src = iconUrl;
      img.alt = "";
      badge.appendChild(img);
    }
    return badge;
  }

  // Dates written as the server writes them (newsdesk.lib.localformat): the page gives the
  // language's calendar and digits as an Intl locale (fa-u-ca-persian-nu-arabext…), in UTC.
  function formatter(format, options) {
    options.timeZone = "UTC";
    try {
      return new Intl.DateTimeFormat(format.intl, options);
    } catch (e) {
      return new Intl.DateTimeFormat("en-GB", options);
    }
  }

  // Each formatter is made when first used: making one takes a browser a while.
  function Formats(config) {
    var format = config.format;
    var made = {};
    var options = {
      day: { day: "numeric", month: "long", year: "numeric" },
      time: { hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
      short: { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
    };
    function get(name) {
      if (!made[name]) made[name] = formatter(format, options[name]);
      return made[name];
    }
    var labels = config.labels;
    this.when = function (iso, precision) {
      var date = new Date(iso);
      var day = get("day").format(date);
      if (precision === "exact") return day + format.comma + get("time").format(date) + " " + labels.utc;
      if (precision === "approximate") return labels.approximately.replace("%s", day);
      return day;
    };
    this.moment = function (ms) { return get("short").format(new Date(ms)); };
    this.dayOf = function (date) { return get("day").format(date); };
  }

  // A count in the language's digits, for the labels that hold %s.
  function localDigits(config, n) {
    return String(n).replace(/[0-9]/g, function (d) { return config.format.digits.charAt(+d); });
  }

  function isoDay(date) { return date.toISOString().slice(0, 10); }

  // ---- The filter state, kept in the address so that a view can be shared ----------

  function FilterState(form, config) {
    this.form = form;
    this.config = config;
  }

  FilterState.prototype.period = function () {
    var checked = this.form && this.form.querySelector("[name=period]:checked");
    return checked ? checked.value : "30d";
  };

  FilterState.prototype.categories = function () {
    if (!this.form) return [];
    var boxes = this.form.querySelectorAll("[name=category]");
    var on = [];
    boxes.forEach(function (box) { if (box.checked) on.push(box.value); });
    // None ticked and all ticked both mean every category; the address stays short.
    return on.length === boxes.length ? [] : on;
  };

  // [since, until] in milliseconds, until defaulting to now.
  FilterState.prototype.range = function () {
    var now = Date.now();
    var period = this.period();
    if (period !== "custom") return [now - PERIODS[period], now];
    var since = this.form.querySelector("[name=since]").value;
    var until = this.form.querySelector("[name=until]").value;
    var start = since ? Date.parse(since + "T00:00:00Z") : now - PERIODS["30d"];
    var end = until ? Date.parse(until + "T23:59:59Z") : now;
    return [Math.min(start, end), Math.max(start, end)];
  };

  FilterState.prototype.query = function () {
    var params = new URLSearchParams();
    var range = this.range();
    params.set("since", new Date(range[0]).toISOString());
    params.set("until", new Date(range[1]).toISOString());
    var categories = this.categories();
    if (categories.length) params.set("category", categories.join(","));
    if (this.config.topic) params.set("topic", this.config.topic);
    params.set("lang", this.config.events_lang);
    params.set("limit", "1000");
    return params;
  };

  FilterState.prototype.writeAddress = function (map) {
    var params = new URLSearchParams(window.location.search);
    ["period", "since", "until", "category", "page"].forEach(function (name) { params.delete(name); });
    var period = this.period();
    if (period !== "30d") params.set("period", period);
    if (period === "custom") {
      var range = this.range();
      params.set("since", isoDay(new Date(range[0])));
      params.set("until", isoDay(new Date(range[1])));
    }
    this.categories().forEach(function (slug) { params.append("category", slug); });
    if (map) {
      var centre = map.getCenter();
      params.set("lat", centre.lat.toFixed(4));
      params.set("lon", centre.lng.toFixed(4));
      params.set("z", String(map.getZoom()));
    }
    var search = params.toString();
    var address = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    window.history.replaceState(null, "", address);
  };

  function initialView(config) {
    var params = new URLSearchParams(window.location.search);
    var lat = parseFloat(params.get("lat"));
    var lon = parseFloat(params.get("lon"));
    var zoom = parseInt(params.get("z"), 10);
    var fromAddress = isFinite(lat) && isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
    return {
      centre: fromAddress ? [lat, lon] : config.centre,
      zoom: isFinite(zoom) && zoom >= 2 && zoom <= 11 ? zoom : config.zoom,
      fromAddress: fromAddress,
    };
  }

  // ---- The basemap: countries and place labels, all from our own files --------------

  // Work is handed out in small tasks, so that the page answers a reader at once while the
  // map is being drawn (one long task would block it): `later` queues a step after what the
  // browser has to do now, `idle` waits for a quiet moment.
  function later(step) { window.setTimeout(step, 0); }
  function idle(step) {
    if (window.requestIdleCallback) window.requestIdleCallback(step, { timeout: 3000 });
    else window.setTimeout(step, 200);
  }

  // Calls each(item) for every item, in tasks of a few milliseconds from the next one on,
  // then done().
  // Returns a function that stops it (a newer run replaces an older one).
  function inSlices(items, each, done) {
    var index = 0;
    var stopped = false;
    function slice() {
      if (stopped) return;
      var until = Date.now() + SLICE_MS;
      while (index < items.length && Date.now() < until) each(items[index++], index - 1);
      if (index < items.length) later(slice);
      else if (done) done();
    }
    later(slice);
    return function () { stopped = true; };
  }

  function topologyOf(address) {
    return fetch(address).then(function (response) { return response.json(); });
  }

  // The countries of a TopoJSON file, turned into shapes one slice at a time; `skip` lists
  // ids already drawn. Calls done() when all are on the map.
  function drawCountries(map, config, topology, skip, done) {
    var layer = countryLayer(map, config);
    var geometries = topology.objects.countries.geometries.filter(function (geometry) {
      return !skip[geometry.id];
    });
    inSlices(geometries, function (geometry) {
      layer.addData(window.topojson.feature(topology, geometry));
    }, function () { done(layer); });
  }

  function countryLayer(map, config) {
    return L.geoJSON(null, {
      pane: "basemap",
      interactive: false,
      style: function (feature) {
        var focus = config.focus_countries.indexOf(String(feature.id)) !== -1;
        return {
          className: "map-country" + (focus ? " map-country--focus" : ""),
          weight: 1,
          fillOpacity: 1,
        };
      },
    }).addTo(map);
  }

  // The region's countries in detail first (the full map), then, when the browser is idle,
  // the rest of the world from the lighter atlas. Drawn once the first view is settled
  // (`settled`, a promise): every change of view redraws the shapes already drawn.
  function drawBasemap(map, config, settled) {
    map.createPane("basemap").classList.add("map-pane-basemap");
    map.createPane("areas").classList.add("map-pane-areas");
    map.createPane("places").classList.add("map-pane-places");
    map.createPane("place-dots").classList.add("map-pane-place-dots");
    if (config.tiles && config.tiles.url) {
      L.tileLayer(config.tiles.url, { attribution: config.tiles.attribution, pane: "basemap" }).addTo(map);
    } else {
      map.attributionControl.addAttribution(config.labels.basemap_attribution);
      var basemap = config.basemap;
      var drawn = {};
      var region = basemap.region ? Promise.all([topologyOf(basemap.region), settled]).then(function (got) {
        var topology = got[0];
        return new Promise(function (resolve) {
          topology.objects.countries.geometries.forEach(function (g) { drawn[g.id] = true; });
          drawCountries(map, config, topology, {}, resolve);
        });
      }) : settled;
      region.then(function () {
        idle(function () {
          topologyOf(basemap.world).then(function (topology) {
            drawCountries(map, config, topology, drawn, function (layer) {
              layer.bringToBack();
              map.getContainer().classList.add("news-map__canvas--drawn");
            });
          });
        });
      });
    }
    settled.then(function () { later(function () { drawPlaces(map, config.places || [], config.lang); }); });
  }

  function drawPlaces(map, places, lang) {
    var layer = L.layerGroup().addTo(map);
    var stop = function () {};
    function show() {
      stop();
      layer.clearLayers();
      var zoom = map.getZoom();
      var count = 0;
      LABEL_COUNTS.forEach(function (step) { if (zoom >= step[0]) count = step[1]; });
      if (zoom > LABEL_COUNTS[LABEL_COUNTS.length - 1][0]) count = places.length;
      var bounds = map.getBounds().pad(0.2);
      var taken = [];
      stop = inSlices(places.slice(0, count), function (place) {
        var at = L.latLng(place[1], place[2]);
        if (!bounds.contains(at)) return;
        // Larger places come first and keep their room: a label that would overlap one
        // already placed is left out (its width estimated from its length). A label sits
        // above its place's dot, clear of a marker or cluster drawn on the place itself.
        var main = place[4] === 1;
        var point = map.latLngToContainerPoint(at);
        var half = place[0].length * (main ? 4 : 3.4) + 4;
        var box = [point.x - half, point.y - (main ? 36 : 32), point.x + half, point.y + 4];
        var overlaps = taken.some(function (other) {
          return box[0] < other[2] && other[0] < box[2] && box[1] < other[3] && other[1] < box[3];
        });
        if (overlaps) return;
        taken.push(box);
        var label = el("span", "map-place__name" + (main ? " map-place__name--main" : ""), place[0]);
        label.setAttribute("dir", "auto");
        if (place[3] && place[3] !== lang) label.setAttribute("lang", place[3]);
        // The dot under the markers (a marker on the place hides it), the name above them.
        L.circleMarker(at, {
          pane: "place-dots",
          radius: main ? 3 : 2.5,
          interactive: false,
          className: "map-place-dot",
          weight: 1,
          fillOpacity: 1,
        }).addTo(layer);
        L.marker(at, {
          pane: "places",
          interactive: false,
          keyboard: false,
          icon: L.divIcon({ className: "map-place", html: label, iconSize: null }),
        }).addTo(layer);
      }, function () { keepNamesClear(map); });
    }
    map.on("zoomend moveend", show);
    // Clusters form again after every zoom and as markers arrive: names move out of their way.
    var pending = null;
    map.on("markerschanged", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(function () { keepNamesClear(map); }, 60);
    });
    show();
  }

  // A name that a cluster or marker would cover (or that would cover one), or that would
  // stick out of the map, moves below its dot, then beside it, then to a corner. When every
  // place is taken, a minor name is hidden until the next view; a main city's name is not
  // (readers find their way by it): it takes the first place clear of other names, over the
  // markers (its pane is above theirs, on a light chip), and is hidden only when it has none.
  // Reads every box first and writes the classes after, so the page is laid out once.
  var NAME_PLACES = [
    "", "map-place__name--below", "map-place__name--east", "map-place__name--west",
    "map-place__name--north-east", "map-place__name--north-west",
    "map-place__name--south-east", "map-place__name--south-west",
  ];
  var NAME_CLASSES = NAME_PLACES.concat("map-place__name--hidden", "map-place__name--over");
  function meets(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }
  function keepNamesClear(map) {
    var container = map.getContainer();
    var names = Array.prototype.slice.call(container.querySelectorAll(".map-place__name"));
    names.forEach(function (name) {
      NAME_CLASSES.forEach(function (c) { if (c) name.classList.remove(c); });
    });
    var icons = container.querySelectorAll(".marker-cluster, .map-marker-icon");
    var markers = Array.prototype.map.call(icons, function (icon) {
      var r = icon.getBoundingClientRect();
      // A cluster's box has a margin around its disc: only the disc counts.
      var inset = icon.classList.contains("marker-cluster") ? 5 : 0;
      return [r.left + inset, r.top + inset, r.right - inset, r.bottom - inset];
    });
    var placed = [];
    var frame = container.getBoundingClientRect();
    var GAP = 9; // from the dot to a name below or beside it
    function candidates(r) {
      var w = r.width, h = r.height, x = r.left + w / 2, y = r.bottom + 15;
      return [
        [r.left, r.top],
        [x - w / 2, y + GAP],
        [x + GAP, y - h / 2],
        [x - GAP - w, y - h / 2],
        [x + GAP, y - GAP - h],
        [x - GAP - w, y - GAP - h],
        [x + GAP, y + GAP],
        [x - GAP - w, y + GAP],
      ].map(function (at) { return [at[0], at[1], at[0] + w, at[1] + h]; });
    }
    function inside(box) {
      return box[0] >= frame.left && box[2] <= frame.right && box[1] >= frame.top && box[3] <= frame.bottom;
    }
    function firstPlace(boxes, clearOf) {
      for (var i = 0; i < boxes.length; i++) {
        var box = boxes[i];
        if (inside(box) && !clearOf.some(function (o) { return meets(box, o); })) return i;
      }
      return -1;
    }
    var chosen = names.map(function (name) {
      var boxes = candidates(name.getBoundingClientRect());
      var i = firstPlace(boxes, markers.concat(placed));
      var over = false;
      if (i < 0 && name.classList.contains("map-place__name--main")) {
        i = firstPlace(boxes, placed);
        over = true;
      }
      if (i < 0) return ["map-place__name--hidden"];
      placed.push(boxes[i]);
      return [NAME_PLACES[i], over ? "map-place__name--over" : ""];
    });
    names.forEach(function (name, i) {
      chosen[i].forEach(function (c) { if (c) name.classList.add(c); });
    });
  }

  // ---- Events ------------------------------------------------------------------------

  function EventLayer(map, config, formats) {
    this.map = map;
    this.config = config;
    this.formats = formats;
    this.markers = {};
    this.features = [];
    this.cluster = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 48,
      spiderfyOnMaxZoom: true,
      chunkedLoading: true,
      chunkInterval: 10, // milliseconds of work at a time (the default 200 blocks the page)
      // The plugin's own icon, with its count in the language's digits.
      iconCreateFunction: function (cluster) {
        var count = cluster.getChildCount();
        var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
        return new L.DivIcon({
          html: "<div><span>" + localDigits(config, count) + "</span></div>",
          className: "marker-cluster marker-cluster-" + size,
          iconSize: new L.Point(40, 40),
        });
      },
    }).addTo(map);
    this.cluster.on("animationend", function () { map.fire("markerschanged"); });
    map.on("zoomend", function () { map.fire("markerschanged"); });
  }

  EventLayer.prototype.iconFor = function (category) {
    var url = this.config.icons[category.icon] || this.config.icons.other;
    var wrap = el("span", "map-marker");
    wrap.appendChild(categoryBadge(category, url));
    return L.divIcon({ className: "map-marker-icon", html: wrap, iconSize: [28, 28], iconAnchor: [14, 14], popupAnchor: [0, -12] });
  };

  function isolated(node) {
    node.setAttribute("dir", "auto");
    return node;
  }

  EventLayer.prototype.popupFor = function (feature) {
    var p = feature.properties;
    var labels = this.config.labels;
    var box = el("div", "map-popup");
    box.setAttribute("dir", this.config.dir);
    var meta = el("p", "map-popup__meta");
    // A category named in another script is isolated (dir="auto"): an English
    // name in an Arabic popup would otherwise pull the day's number to its side.
    meta.appendChild(isolated(el("span", "map-popup__category", p.category.name)));
    meta.appendChild(document.createTextNode(" · "));
    var time = el("time", null, this.formats.when(p.occurred_at, p.precision));
    time.setAttribute("datetime", p.occurred_at);
    meta.appendChild(time);
    box.appendChild(meta);
    var title = el("h3", "map-popup__title", p.title);
    title.setAttribute("dir", "auto");
    box.appendChild(title);
    if (p.place) box.appendChild(el("p", "map-popup__place", p.place));
    if (p.description) {
      var description = el("p", "map-popup__description", p.description);
      description.setAttribute("dir", "auto");
      box.appendChild(description);
    }
    if (p.articles && p.articles.length) {
      box.appendChild(el("p", "map-popup__heading", labels.our_reporting));
      var list = el("ul", "map-popup__articles");
      p.articles.forEach(function (article) {
        var item = el("li");
        var link = el("a", null, article.title);
        link.href = article.url;
        link.setAttribute("dir", "auto");
        item.appendChild(link);
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    if (p.sources && p.sources.length) {
      var sources = el("p", "map-popup__sources", labels.sources + " ");
      p.sources.forEach(function (source, index) {
        if (index) sources.appendChild(document.createTextNode(", "));
        var link = el("a", null, source.label || source.url);
        link.href = source.url;
        link.rel = "noopener noreferrer nofollow";
        sources.appendChild(link);
      });
      box.appendChild(sources);
    }
    return box;
  };

  // Makes a marker for each event, a slice at a time; done() when all are made.
  EventLayer.prototype.set = function (features, done) {
    var self = this;
    this.features = features;
    this.markers = {};
    if (this.stop) this.stop();
    this.stop = inSlices(features, function (feature) {
      var coords = feature.geometry.coordinates;
      var marker = L.marker([coords[1], coords[0]], {
        icon: self.iconFor(feature.properties.category),
        title: feature.properties.title,
        alt: feature.properties.category.name + ": " + feature.properties.title,
        riseOnHover: true,
      });
      var narrow = self.map.getSize().x < 480;
      marker.bindPopup(function () { return self.popupFor(feature); }, {
        maxWidth: Math.min(300, self.map.getSize().x - 72), // fits a phone's map too
        // On a narrow map the popup spans the controls' corners: it opens below the zoom
        // buttons (and the Categories button steps aside meanwhile, map.css).
        autoPanPaddingTopLeft: [16, narrow ? 84 : 16],
        autoPanPaddingBottomRight: [16, 16],
      });
      marker.feature = feature;
      self.markers[feature.id] = marker;
    }, done);
  };

  // Shows the events that happened by `at` (all when at is null), a few markers at a time
  // (clustering them is work); done() once all are on the map. Returns them.
  EventLayer.prototype.show = function (at, done) {
    var self = this;
    var shown = this.features.filter(function (feature) {
      return at == null || Date.parse(feature.properties.occurred_at) <= at;
    });
    var markers = shown.map(function (feature) { return self.markers[feature.id]; });
    var batches = [];
    for (var i = 0; i < markers.length; i += MARKER_BATCH) batches.push(markers.slice(i, i + MARKER_BATCH));
    if (this.stopShow) this.stopShow();
    this.cluster.clearLayers();
    this.stopShow = inSlices(batches, function (batch) { self.cluster.addLayers(batch); }, function () {
      self.map.fire("markerschanged");
      if (done) done();
    });
    return shown;
  };

  EventLayer.prototype.reveal = function (id) {
    var marker = this.markers[id];
    if (!marker || !this.cluster.hasLayer(marker)) return;
    this.cluster.zoomToShowLayer(marker, function () { marker.openPopup(); });
  };

  // Shows where `features` are, at once (no animation: the map is not yet drawn in full).
  EventLayer.prototype.fit = function (features, maxZoom, padding) {
    if (!features.length) return;
    var bounds = L.latLngBounds(features.map(function (feature) {
      var coords = feature.geometry.coordinates;
      return [coords[1], coords[0]];
    }));
    this.map.fitBounds(bounds, { padding: [padding, padding], maxZoom: maxZoom, animate: false });
  };

  function fetchEvents(url, signal) {
    var features = [];
    function page(address, count) {
      return fetch(address, { signal: signal, headers: { Accept: "application/geo+json" } })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (collection) {
          features = features.concat(collection.features);
          if (collection.next && count < MAX_PAGES) return page(collection.next, count + 1);
          return features;
        });
    }
    return page(url, 1);
  }

  // ---- Areas of control --------------------------------------------------------------

  function AreaLayer(map, config) {
    this.map = map;
    this.config = config;
    this.layer = L.geoJSON(null, {
      pane: "areas",
      style: function (feature) {
        return { color: feature.properties.color, weight: 1, fillColor: feature.properties.color, fillOpacity: 0.22, className: "map-area" };
      },
      onEachFeature: function (feature, layer) {
        layer.bindTooltip(feature.properties.party, { sticky: true, direction: "auto" });
      },
    }).addTo(map);
    this.pending = null;
    this.onChange = function () {};
  }

  AreaLayer.prototype.showAt = function (at) {
    var self = this;
    if (!this.config.api.areas) return;
    if (this.pending) this.pending.abort();
    var controller = new AbortController();
    this.pending = controller;
    var address = this.config.api.areas + "?at=" + encodeURIComponent(new Date(at).toISOString()) +
      "&lang=" + encodeURIComponent(this.config.lang);
    fetch(address, { signal: controller.signal })
      .then(function (response) { return response.ok ? response.json() : { features: [] }; })
      .then(function (collection) {
        self.layer.clearLayers();
        self.layer.addData(collection);
        self.onChange(collection.features);
      })
      .catch(function () {});
  };

  // ---- Controls: legend (category toggles) and the timeline --------------------------

  function legendControl(config, form, position) {
    var Legend = L.Control.extend({
      onAdd: function () {
        var box = el("div", "map-legend leaflet-bar");
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        // On a phone the legend starts folded (it would cover the map); its heading opens it.
        // Elsewhere it is folded too once it turns out to cover much of the map (foldIfLarge).
        var heading = el("button", "map-legend__heading map-legend__fold", config.labels.categories);
        heading.type = "button";
        var folded = window.matchMedia("(max-width: 40rem)").matches;
        heading.setAttribute("aria-expanded", folded ? "false" : "true");
        this.heading = heading;
        this.box = box;
        var self = this;
        heading.addEventListener("click", function () {
          var open = heading.getAttribute("aria-expanded") !== "true";
          heading.setAttribute("aria-expanded", open ? "true" : "false");
          self.touched = true;
        });
        box.appendChild(heading);
        var list = el("ul", "map-legend__list");
        config.categories.forEach(function (category) {
          var item = el("li");
          var checkbox = form && form.querySelector("[name=category][value='" + category.slug + "']");
          var button = el("button", "map-legend__toggle");
          button.type = "button";
          button.appendChild(categoryBadge(category, config.icons[category.icon] || config.icons.other));
          button.appendChild(el("span", "map-legend__name", category.name));
          button.setAttribute("data-category", category.slug);
          function sync() { button.setAttribute("aria-pressed", checkbox && !checkbox.checked ? "false" : "true"); }
          sync();
          if (checkbox) {
            button.addEventListener("click", function () {
              checkbox.checked = !checkbox.checked;
              checkbox.dispatchEvent(new Event("change", { bubbles: true }));
            });
            checkbox.addEventListener("change", sync);
          } else {
            button.disabled = true;
          }
          item.appendChild(button);
          list.appendChild(item);
        });
        box.appendChild(list);
        this.parties = el("ul", "map-legend__list map-legend__parties");
        this.partiesHeading = el("p", "map-legend__heading", config.labels.areas);
        this.partiesHeading.hidden = true;
        box.appendChild(this.partiesHeading);
        box.appendChild(this.parties);
        return box;
      },
      // Open, the legend may take no more than this share of the map's area.
      foldIfLarge: function (map, share) {
        this.foldShare = share;
        if (this.touched || this.heading.getAttribute("aria-expanded") !== "true") return;
        var size = map.getSize();
        var area = this.box.offsetWidth * this.box.offsetHeight;
        if (area > share * size.x * size.y) this.heading.setAttribute("aria-expanded", "false");
      },
      showParties: function (features) {
        var seen = {};
        this.parties.textContent = "";
        features.forEach(function (feature) {
          var party = feature.properties.party;
          if (seen[party]) return;
          seen[party] = true;
          var item = el("li", "map-legend__party");
          var swatch = el("span", "map-legend__swatch");
          swatch.style.backgroundColor = feature.properties.color;
          item.appendChild(swatch);
          item.appendChild(el("span", null, party));
          this.parties.appendChild(item);
        }, this);
        this.partiesHeading.hidden = features.length === 0;
        // The areas' parties make the legend longer: measured again, until the reader chose.
        if (this.foldShare) this.foldIfLarge(this._map, this.foldShare);
      },
    });
    return new Legend({ position: position });
  }

  function Timeline(panel, config, formats, onMove) {
    var labels = config.labels;
    var box = el("div", "map-timeline");
    var label = el("label", "map-timeline__label", labels.timeline);
    var id = "map-timeline-" + Math.random().toString(36).slice(2);
    label.htmlFor = id;
    var slider = el("input", "map-timeline__slider");
    slider.type = "range";
    slider.id = id;
    slider.step = String(HOUR);
    var list = el("datalist");
    list.id = id + "-changes";
    slider.setAttribute("list", list.id);
    var output = el("output", "map-timeline__value");
    output.htmlFor = id;
    var play = el("button", "map-timeline__play", labels.play);
    play.type = "button";
    box.appendChild(label);
    box.appendChild(slider);
    box.appendChild(list);
    box.appendChild(output);
    box.appendChild(play);
    panel.appendChild(box);

    var timer = null;
    var debounce = null;
    function report(immediate) {
      var value = Number(slider.value);
      output.textContent = Number(slider.value) >= Number(slider.max) ? labels.now : formats.moment(value);
      window.clearTimeout(debounce);
      debounce = window.setTimeout(function () { onMove(value); }, immediate ? 0 : 120);
    }
    function stop() {
      window.clearInterval(timer);
      timer = null;
      play.textContent = labels.play;
      play.setAttribute("aria-pressed", "false");
    }
    slider.addEventListener("input", function () { report(false); });
    play.addEventListener("click", function () {
      if (timer) return stop();
      var min = Number(slider.min);
      var max = Number(slider.max);
      var step = Math.max(HOUR, Math.round((max - min) / 60 / HOUR) * HOUR);
      if (Number(slider.value) >= max) slider.value = String(min);
      play.textContent = labels.pause;
      play.setAttribute("aria-pressed", "true");
      timer = window.setInterval(function () {
        var next = Math.min(max, Number(slider.value) + step);
        slider.value = String(next);
        report(true);
        if (next >= max) stop();
      }, 200);
    });
    play.setAttribute("aria-pressed", "false");

    this.setRange = function (range) {
      stop();
      slider.min = String(range[0] - (range[0] % HOUR));
      slider.max = String(range[1] - (range[1] % HOUR) + HOUR);
      slider.value = slider.max;
      output.textContent = labels.now;
    };
    this.setChanges = function (dates) {
      list.textContent = "";
      dates.forEach(function (iso) {
        var option = el("option");
        option.value = String(Date.parse(iso));
        list.appendChild(option);
      });
    };
    this.at = function () {
      return Number(slider.value) >= Number(slider.max) ? null : Number(slider.value);
    };
  }

  // ---- The list beside the map, kept in step with the markers ------------------------

  // The list shows the first `count` features; the page's own paging links (for readers
  // without script) give way to a "more" button, since the list now follows the filters.
  // The items are made a slice at a time and replace the old ones at once (the list never
  // shrinks and grows again under the reader); done() then. Returns a function that stops it.
  function renderList(list, features, config, formats, events, count, done) {
    if (!list) return function () {};
    var items = document.createDocumentFragment();
    return inSlices(features.slice(0, count), function (feature) {
      var p = feature.properties;
      var item = el("li", "map-event");
      item.tabIndex = -1;
      item.setAttribute("data-event-id", feature.id);
      var meta = el("p", "map-event__meta");
      meta.appendChild(categoryBadge(p.category, config.icons[p.category.icon] || config.icons.other));
      meta.appendChild(isolated(el("span", "map-event__category", p.category.name)));
      var time = el("time", null, formats.when(p.occurred_at, p.precision));
      time.setAttribute("datetime", p.occurred_at);
      meta.appendChild(time);
      if (p.place) meta.appendChild(isolated(el("span", "map-event__place", p.place)));
      item.appendChild(meta);
      var title = el("h3", "map-event__title", p.title);
      title.setAttribute("dir", "auto");
      item.appendChild(title);
      if (p.description) item.appendChild(el("p", "map-event__description", p.description));
      if (p.articles && p.articles.length) {
        var links = el("ul", "map-event__articles");
        p.articles.forEach(function (article) {
          var li = el("li");
          var a = el("a", null, article.title);
          a.href = article.url;
          li.appendChild(a);
          links.appendChild(li);
        });
        item.appendChild(links);
      }
      items.appendChild(item);
    }, function () {
      var pagination = document.querySelector("[data-map-pagination]");
      if (pagination) pagination.hidden = true;
      list.replaceChildren(items);
      enableShowButtons(list, config, events);
      if (done) done();
    });
  }

  // Whether the list's items are the first of `features`, in order (a page one).
  function listsNewest(list, features) {
    if (!list || !list.children.length || list.children.length > features.length) return false;
    for (var i = 0; i < list.children.length; i++) {
      if (list.children[i].getAttribute("data-event-id") !== String(features[i].id)) return false;
    }
    return true;
  }

  function moreButton(list, config, onClick) {
    var holder = el("p", "map-events__more");
    holder.hidden = true;
    var button = el("button", null, "");
    button.type = "button";
    button.setAttribute("data-map-more", "");
    button.addEventListener("click", onClick);
    holder.appendChild(button);
    if (list) list.parentNode.insertBefore(holder, list.nextSibling);
    return {
      show: function (rest) {
        holder.hidden = rest <= 0;
        button.textContent = config.labels.more.replace("%s", localDigits(config, Math.min(rest, LIST_SIZE)));
      },
    };
  }

  function enableShowButtons(list, config, events) {
    if (!list) return;
    list.querySelectorAll(".map-event").forEach(function (item) {
      if (item.querySelector(".map-event__show")) return;
      var button = el("button", "map-event__show", config.labels.show_on_map);
      button.type = "button";
      button.addEventListener("click", function () {
        events.map.getContainer().scrollIntoView({ block: "nearest" });
        events.reveal(item.getAttribute("data-event-id"));
      });
      item.appendChild(button);
    });
  }

  // ---- Putting it together -----------------------------------------------------------

  function makeMap(container, config) {
    var rtl = config.dir === "rtl";
    var canvas = container.querySelector("[data-map-canvas]");
    var full = config.mode === "full";
    var view = initialView(config);
    // The canvas is hidden until now (the page without script shows no empty box), and
    // Leaflet measures it when the map is made.
    container.classList.add("news-map--ready");
    var map = L.map(canvas, {
      zoomControl: false,
      attributionControl: false,
      minZoom: 2,
      maxZoom: 11,
      scrollWheelZoom: full,
      center: full ? view.centre : config.centre,
      zoom: full ? view.zoom : config.zoom,
    });
    // Controls sit on the side where reading starts: mirrored for Arabic and Persian.
    L.control.zoom({
      position: rtl ? "topright" : "topleft",
      zoomInTitle: config.labels.zoom_in,
      zoomOutTitle: config.labels.zoom_out,
    }).addTo(map);
    L.control.attribution({ position: rtl ? "bottomleft" : "bottomright", prefix: false }).addTo(map);
    return { map: map, view: view, rtl: rtl };
  }

  function initSmall(container, config) {
    var made = makeMap(container, config);
    var formats = new Formats(config);
    var events = new EventLayer(made.map, config, formats);
    var features = (config.events && config.events.features) || [];
    // Small maps show where, at a glance: never closer than the region's scale.
    events.fit(features, 6, 40);
    drawBasemap(made.map, config, Promise.resolve());
    events.set(features, function () { events.show(null); });
  }

  // The map first, then (each in tasks of their own) the basemap, the controls and the events.
  function initFull(container, config) {
    var made = makeMap(container, config);
    var map = made.map;
    var formats = new Formats(config);
    var form = document.querySelector(container.getAttribute("data-form") || "[data-map-form]");
    var list = document.querySelector(container.getAttribute("data-list") || "[data-map-list]");
    var status = container.querySelector("[data-map-status]");
    var state = new FilterState(form, config);
    var events = new EventLayer(map, config, formats);
    var areas = new AreaLayer(map, config);
    var legend = null;
    var timeline = null;
    var pending = null;
    var firstLoad = true;
    var listed = LIST_SIZE;
    var shownAt = null;
    var stopList = function () {};
    var more = null;
    var settle = null;
    var settled = new Promise(function (resolve) { settle = resolve; });

    function say(text) { if (status) status.textContent = text; }

    function render(at, keepListed, done) {
      if (!keepListed) listed = LIST_SIZE;
      shownAt = at;
      stopList();
      var shown = events.show(at, function () {
        if (!keepListed && listsNewest(list, shown)) return keep();
        stopList = renderList(list, shown, config, formats, events, listed, finish);
      });
      function finish() {
        more.show(shown.length - listed);
        var text = shown.length ? config.labels.showing.replace("%s", localDigits(config, shown.length)) : config.labels.none;
        if (shown.length > listed) text += " — " + config.labels.listed.replace("%s", localDigits(config, listed));
        say(text);
        if (done) done();
      }
      // The list the page came with stays while it shows the newest of these events: no
      // work, and nothing moves under the reader. Its pages give way to the "more" button.
      function keep() {
        listed = list.children.length;
        var pagination = document.querySelector("[data-map-pagination]");
        if (pagination) pagination.hidden = true;
        finish();
      }
    }

    function load() {
      if (pending) pending.abort();
      pending = new AbortController();
      var range = state.range();
      timeline.setRange(range);
      say(config.labels.loading);
      fetchEvents(config.api.events + "?" + state.query().toString(), pending.signal)
        .then(function (features) {
          if (firstLoad && !made.view.fromAddress) events.fit(features, 8, 16);
          firstLoad = false;
          settle();
          events.set(features, function () { render(null); });
        })
        .catch(function (error) {
          settle();
          if (error.name !== "AbortError") say(config.labels.failed);
        });
      areas.showAt(Date.now());
    }

    drawBasemap(map, config, settled);
    later(function () {
      legend = legendControl(config, form, made.rtl ? "topleft" : "topright").addTo(map);
      legend.foldIfLarge(map, LEGEND_MAX_SHARE);
      areas.onChange = function (features) { legend.showParties(features); };
      var panel = container.querySelector("[data-map-panel]") || container;
      timeline = new Timeline(panel, config, formats, function (at) {
        render(at);
        areas.showAt(at == null ? Date.now() : at);
      });
      more = moreButton(list, config, function () {
        listed += LIST_SIZE;
        render(shownAt, true, function () {
          // Keyboard and screen reader users continue at the first event just added.
          var added = list.children[listed - LIST_SIZE];
          if (added) added.focus();
        });
      });
      if (form) {
        var custom = form.querySelector("[data-custom-range]");
        var syncCustom = function () { if (custom) custom.hidden = state.period() !== "custom"; };
        syncCustom();
        form.addEventListener("change", function () {
          syncCustom();
          state.writeAddress(map);
          load();
        });
        form.addEventListener("submit", function (event) {
          event.preventDefault();
          state.writeAddress(map);
          load();
        });
        // The "Show events" button stays (it applies the filters here too): hiding it once
        // this script ran shrank the filter box and shifted the map under the reader.
      }
      map.on("moveend", function () { state.writeAddress(map); });
      enableShowButtons(list, config, events);
      if (config.api.timeline) {
        fetch(config.api.timeline)
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (dates) { timeline.setChanges(Array.isArray(dates) ? dates : dates.changes || []); })
          .catch(function () {});
      }
      load();
    });
  }

  function init(container) {
    var config = readConfig(container);
    if (config.mode === "full") initFull(container, config);
    else initSmall(container, config);
  }

  // Small maps further down a page are drawn when they come into view.
  var lazy = "IntersectionObserver" in window ? new IntersectionObserver(function (entries, observer) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      observer.unobserve(entry.target);
      init(entry.target);
    });
  }, { rootMargin: "200px" }) : null;

  document.querySelectorAll("[data-map]").forEach(function (container) {
    // The page lays the map out now, so that nothing moves when a lazy map is drawn.
    container.classList.add("news-map--ready");
    if (lazy && container.getAttribute("data-map") === "lazy") lazy.observe(container);
    else init(container);
  });
})();
