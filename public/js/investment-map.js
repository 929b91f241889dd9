// Progressive enhancement: draws investment maps with Leaflet (served by the portal itself). The page's
// text says everything a map shows (the list, the address, the coordinate fields); without JavaScript
// the map stays hidden. Markers are links to the investments, so they work by keyboard too. Without a
// tile server (or when it cannot be reached) the markers still show on a plain background.
(function () {
  'use strict';

  function noTilesNotice(map, text) {
    var Notice = window.L.Control.extend({
      onAdd: function () {
        var p = document.createElement('p');
        p.className = 'investment-map__notice';
        p.textContent = text;
        return p;
      },
    });
    new Notice({ position: 'bottomleft' }).addTo(map);
  }

  function markerIcon(href, title) {
    var el = document.createElement(href ? 'a' : 'span');
    el.className = 'investment-marker__pin';
    if (href) {
      el.href = href;
      el.title = title;
      var label = document.createElement('span');
      label.className = 'visually-hidden';
      label.textContent = title;
      el.appendChild(label);
    } else {
      el.setAttribute('aria-hidden', 'true');
    }
    return window.L.divIcon({ className: 'investment-marker', html: el, iconSize: [28, 28], iconAnchor: [14, 28] });
  }

  function init(el) {
    var L = window.L;
    if (!L) return;
    el.hidden = false;
    var b = el.getAttribute('data-bounds').split(',').map(Number);
    var cityBounds = L.latLngBounds([b[0], b[1]], [b[2], b[3]]);
    var map = L.map(el, { scrollWheelZoom: false });
    map.fitBounds(cityBounds);
    var tiles = el.getAttribute('data-tiles');
    var noTiles = el.getAttribute('data-no-tiles');
    if (tiles) {
      var warned = false;
      var layer = L.tileLayer(tiles, { maxZoom: 19, attribution: '' });
      // Attribution is plain text from configuration: set as text, never as HTML.
      map.attributionControl.addAttribution(el.getAttribute('data-attribution').replace(/[<>&"]/g, ''));
      layer.on('tileerror', function () {
        if (warned) return;
        warned = true;
        el.classList.add('investment-map--no-tiles');
        noTilesNotice(map, noTiles);
      });
      layer.addTo(map);
    } else {
      el.classList.add('investment-map--no-tiles');
      noTilesNotice(map, noTiles);
    }

    var point = el.getAttribute('data-point');
    if (point) {
      var p = point.split(',').map(Number);
      L.marker(p, { icon: markerIcon(null, ''), interactive: false, keyboard: false }).addTo(map);
      map.setView(p, 16);
    }

    var picker = el.getAttribute('data-picker');
    if (picker) initPicker(map, picker.split(','));

    var url = el.getAttribute('data-geojson');
    if (url) {
      fetch(url, { headers: { Accept: 'application/geo+json' }, credentials: 'same-origin' })
        .then(function (res) { return res.ok ? res.json() : { features: [] }; })
        .then(function (data) {
          var markers = data.features.map(function (f) {
            var c = f.geometry.coordinates; // [longitude, latitude]
            return L.marker([c[1], c[0]], { icon: markerIcon(f.properties.path, f.properties.title), interactive: false, keyboard: false }).addTo(map);
          });
          // Without the zoom animation: the markers are where they stay once data-markers says they are
          // there (a click during the animation could miss its moving marker), and nothing moves on load.
          if (markers.length > 0) map.fitBounds(L.featureGroup(markers).getBounds(), { padding: [30, 30], maxZoom: 15, animate: false });
          el.setAttribute('data-markers', String(markers.length));
        })
        .catch(function () { el.setAttribute('data-markers', '0'); });
    }
  }

  // Staff pick a point: a click writes the coordinates into the form's fields, which stay the real input.
  function initPicker(map, ids) {
    var L = window.L;
    var lat = document.getElementById(ids[0]);
    var lon = document.getElementById(ids[1]);
    if (!lat || !lon) return;
    var marker = null;
    var read = function (input) { return Number(String(input.value).replace(',', '.')); };
    function place(latlng, pan) {
      if (marker) marker.setLatLng(latlng);
      else marker = L.marker(latlng, { icon: markerIcon(null, ''), interactive: false, keyboard: false }).addTo(map);
      if (pan) map.setView(latlng, Math.max(map.getZoom(), 15));
    }
    function fromFields() {
      if (lat.value.trim() === '' || lon.value.trim() === '') return;
      var a = read(lat);
      var o = read(lon);
      if (isFinite(a) && isFinite(o) && Math.abs(a) <= 90 && Math.abs(o) <= 180) place([a, o], true);
    }
    fromFields();
    lat.addEventListener('change', fromFields);
    lon.addEventListener('change', fromFields);
    map.on('click', function (e) {
      lat.value = e.latlng.lat.toFixed(6);
      lon.value = e.latlng.lng.toFixed(6);
      place(e.latlng, false);
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-investment-map]'), init);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
