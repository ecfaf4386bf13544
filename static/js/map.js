/* Groundwork's map: enhances a page that already lists its groups and events.
 * Reads the points from the JSON script element named by the map's data-points attribute and
 * draws them with Leaflet on OpenStreetMap tiles. Without JavaScript (or Leaflet) the map stays
 * hidden and the server-rendered lists are the page. */
(function () {
  "use strict";
  var containers = document.querySelectorAll("[data-map]");
  if (!containers.length || !window.L) {
    return;
  }
  Array.prototype.forEach.call(containers, function (container) {
    var source = document.getElementById(container.getAttribute("data-points"));
    var points = source ? JSON.parse(source.textContent) : [];
    if (!points.length) {
      return;
    }
    container.hidden = false;
    var map = L.map(container, { scrollWheelZoom: false });
    L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 19,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    }).addTo(map);
    var bounds = [];
    points.forEach(function (point) {
      var where = [point.lat, point.lng];
      var popup = document.createElement("div");
      var link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.label;
      popup.appendChild(link);
      if (point.detail) {
        popup.appendChild(document.createElement("br"));
        popup.appendChild(document.createTextNode(point.detail));
      }
      var marker = point.kind === "group"
        ? L.circleMarker(where, { radius: 8, color: "#0b4f8a", weight: 3, fillOpacity: 0.3 })
        : L.marker(where, { title: point.label, alt: point.label });
      marker.bindPopup(popup).addTo(map);
      bounds.push(where);
    });
    if (bounds.length === 1) {
      map.setView(bounds[0], 15);
    } else {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
    }
  });
})();
