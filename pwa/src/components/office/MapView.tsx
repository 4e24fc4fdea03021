/**
 * The Leaflet map of projects: the configured tile layers (天地图 or an XYZ URL), or none (a
 * plain background), a metric scale bar, and one circle per project (on hover with a mouse, a
 * tooltip with its name and status). Reached only through the
 * map page's dynamic import, so Leaflet stays out of the app shell.
 */
import { useEffect, useRef } from 'preact/hooks';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { MapProject, ProjectMap } from '../../api/dashboard';
import { boundsOf, canHover, pointStyle, tooltipLines } from '../../lib/map';

const DEFAULT_CENTRE: L.LatLngExpression = [30, 115];

/** The hover tooltip's content, built as text (a project's name is never markup). */
function tooltip(project: MapProject): HTMLElement {
  const [name, facts] = tooltipLines(project);
  const box = document.createElement('div');
  const strong = document.createElement('strong');
  strong.textContent = name;
  const line = document.createElement('div');
  line.textContent = facts;
  box.append(strong, line);
  return box;
}

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
    const hover = canHover(); // with a mouse, a point names its project on hover
    for (const project of data.projects) {
      const point = L.circleMarker([project.lat, project.lon], {
        ...pointStyle(project),
        bubblingMouseEvents: false,
      })
        .on('click', () => select.current(project))
        .addTo(points);
      if (hover) {
        point.bindTooltip(() => tooltip(project), {
          className: 'map-tooltip',
          direction: 'top',
          offset: [0, -pointStyle(project).radius],
        });
      }
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
