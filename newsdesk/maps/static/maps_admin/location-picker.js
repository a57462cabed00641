// The event form's location picker: click the map, or search the gazetteer, to fill in
// latitude, longitude, place and country. Without this script the number boxes still work.
(function () {
  "use strict";

  function field(id) {
    return document.getElementById(id);
  }

  function setValue(input, value) {
    if (!input) return;
    input.value = value;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function round(value) {
    return Math.round(value * 100000) / 100000;
  }

  function init(picker) {
    if (typeof L === "undefined") return;
    var latInput = field(picker.dataset.latitudeInput);
    var lonInput = field(picker.dataset.longitudeInput);
    if (!latInput || !lonInput) return;
    picker.hidden = false;

    var map = L.map(picker.querySelector("[data-map]"), {
      center: [35, 40],
      zoom: 5,
      minZoom: 2,
      maxZoom: 14,
      attributionControl: false,
    });
    if (window.topojson && picker.dataset.countriesUrl) {
      fetch(picker.dataset.countriesUrl)
        .then(function (response) { return response.json(); })
        .then(function (world) {
          L.geoJSON(window.topojson.feature(world, world.objects.countries), {
            style: { color: "#6b7280", weight: 1, fillColor: "#f3f4f6", fillOpacity: 1 },
            interactive: false,
          }).addTo(map);
        })
        .catch(function () { /* the map still takes clicks without borders */ });
    }

    var marker = null;
    function place(lat, lon, pan) {
      if (marker) {
        marker.setLatLng([lat, lon]);
      } else {
        marker = L.circleMarker([lat, lon], { radius: 7, color: "#b91c1c", weight: 3 }).addTo(map);
      }
      if (pan) map.setView([lat, lon], Math.max(map.getZoom(), 8));
    }
    function fromInputs() {
      var lat = parseFloat(latInput.value);
      var lon = parseFloat(lonInput.value);
      if (isFinite(lat) && isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
        place(lat, lon, true);
      }
    }
    fromInputs();
    latInput.addEventListener("change", fromInputs);
    lonInput.addEventListener("change", fromInputs);

    map.on("click", function (event) {
      var latlng = event.latlng.wrap();
      setValue(latInput, round(latlng.lat));
      setValue(lonInput, round(latlng.lng));
      place(latlng.lat, latlng.lng, false);
    });

    var query = picker.querySelector("[data-place-query]");
    var results = picker.querySelector("[data-place-results]");
    var timer = null;
    function choose(found) {
      setValue(latInput, found.lat);
      setValue(lonInput, found.lon);
      setValue(field("id_place_name"), found.label);
      setValue(field("id_country"), found.country);
      place(found.lat, found.lon, true);
      results.replaceChildren();
    }
    function show(places) {
      results.replaceChildren();
      places.forEach(function (found) {
        var lang = document.documentElement.lang || "en";
        found.label = (lang.indexOf("ar") === 0 && found.name_ar) ||
          (lang.indexOf("fa") === 0 && found.name_fa) || found.name;
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button button-small button-secondary";
        button.textContent = found.label + " (" + found.country + ")" +
          (found.name_ar ? " — " + found.name_ar : "");
        button.addEventListener("click", function () { choose(found); });
        item.appendChild(button);
        results.appendChild(item);
      });
    }
    function search() {
      var text = query.value.trim();
      if (text.length < 2) { results.replaceChildren(); return; }
      var url = picker.dataset.placesUrl + "?q=" + encodeURIComponent(text);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { places: [] }; })
        .then(function (body) { show(body.places); })
        .catch(function () { results.replaceChildren(); });
    }
    query.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    query.addEventListener("keydown", function (event) {
      // Enter searches here; it must not submit the event form.
      if (event.key === "Enter") {
        event.preventDefault();
        search();
      }
    });
  }

  function start() {
    document.querySelectorAll("[data-location-picker]").forEach(init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
