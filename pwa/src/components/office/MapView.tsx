/**
 * The Leaflet map of projects: the configured tile layers (天地图 or an XYZ URL), or none (a
 * plain background), a metric scale bar, and one circle per project. Reached only through the
 * map page's dynamic import, so Leaflet stays out of the app shell.
 */
import { useEffect, useRef } from 'preact/hooks';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { MapProject, ProjectMap } from '../../api/dashboard';
import { boundsOf, pointStyle } from '../../lib/map';

const DEFAULT_CENTRE: L.LatLngExpression = [30, 115];

export function MapView({
  data,
  onSelect,
}: {
  data: ProjectMap;
  onSelect: (project: MapProject) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    const tiles = data.tiles;
    const map = L.map(box.current!, {
      attributionControl: tiles.layers.length > 0,
      maxZoom: tiles.max_zoom,
      zoomSnap: 0.5,
    });
    for (const layer of tiles.layers) {
      L.tileLayer(layer.url, {
        subdomains: layer.subdomains || 'abc',
        attribution: layer.attribution,
        maxZoom: tiles.max_zoom,
      }).addTo(map);
    }
    L.control.scale({ metric: true, imperial: false, position: 'bottomleft' }).addTo(map);
    const points = L.featureGroup().addTo(map);
    for (const project of data.projects) {
      L.circleMarker([project.lat, project.lon], {
        ...pointStyle(project),
        bubblingMouseEvents: false,
      })
        .on('click', () => select.current(project))
        .addTo(points);
    }
    const bounds = boundsOf(data.projects);
    if (bounds) map.fitBounds(bounds, { padding: [28, 28], maxZoom: 15 });
    else map.setView(DEFAULT_CENTRE, 5);
    const observer = new ResizeObserver(() => map.invalidateSize());
    observer.observe(box.current!);
    return () => {
      observer.disconnect();
      map.remove();
    };
  }, [data]);

  return (
    <div
      ref={box}
      class={`project-map${data.tiles.layers.length ? '' : ' no-tiles'}`}
      data-testid="project-map"
    />
  );
}
