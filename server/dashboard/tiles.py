"""The map's tile source, from configuration: 天地图 with its key, an XYZ URL, or none."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# 天地图 (www.tianditu.gov.cn) web-Mercator WMTS as XYZ templates: vector map and its labels
TIANDITU_LAYER = (
    "https://t{s}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles"
    "&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}"
)
TIANDITU_SUBDOMAINS = "01234567"
TIANDITU_ATTRIBUTION = "© 天地图 国家地理信息公共服务平台"


def _tianditu_layer(layer: str, key: str) -> dict[str, Any]:
    url = TIANDITU_LAYER.replace("{layer}", layer).replace("{key}", key)
    return {"url": url, "subdomains": TIANDITU_SUBDOMAINS, "attribution": TIANDITU_ATTRIBUTION}


def tile_source(config: Mapping[str, Any]) -> dict[str, Any]:
    """``{provider, layers, max_zoom}`` for the app's map. ``MAP_TILES``: ``tianditu`` (needs
    ``TIANDITU_KEY``), ``xyz`` (``MAP_TILE_URL``, e.g. an intranet server) or ``none``: no
    layers, points on a plain background. A provider without its key or URL is ``none``."""
    provider = (config.get("MAP_TILES") or "none").strip().lower()
    key = (config.get("TIANDITU_KEY") or "").strip()
    url = (config.get("MAP_TILE_URL") or "").strip()
    if provider == "tianditu" and key:
        layers = [_tianditu_layer("vec", key), _tianditu_layer("cva", key)]
        return {"provider": "tianditu", "layers": layers, "max_zoom": 18}
    if provider == "xyz" and url:
        layers = [{"url": url, "subdomains": "", "attribution": ""}]
        return {"provider": "xyz", "layers": layers, "max_zoom": 18}
    return {"provider": "none", "layers": [], "max_zoom": 18}
