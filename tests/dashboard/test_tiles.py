"""The map's tile source comes from configuration."""

from __future__ import annotations

from server.dashboard.tiles import tile_source


def test_none_by_default() -> None:
    assert tile_source({}) == {"provider": "none", "layers": [], "max_zoom": 18}


def test_tianditu_with_its_key_gives_the_map_and_its_labels() -> None:
    source = tile_source({"MAP_TILES": "tianditu", "TIANDITU_KEY": "k123"})
    assert source["provider"] == "tianditu"
    urls = [layer["url"] for layer in source["layers"]]
    assert ["vec_w/wmts" in urls[0], "cva_w/wmts" in urls[1]] == [True, True]
    for url in urls:
        assert url.startswith("https://t{s}.tianditu.gov.cn/")
        assert "tk=k123" in url and "TILEMATRIX={z}&TILEROW={y}&TILECOL={x}" in url
        assert "{layer}" not in url and "{key}" not in url


def test_tianditu_without_a_key_is_none() -> None:
    assert tile_source({"MAP_TILES": "tianditu", "TIANDITU_KEY": " "})["provider"] == "none"


def test_an_xyz_url_is_used_as_given() -> None:
    url = "https://tiles.example.gov.cn/{z}/{x}/{y}.png"
    source = tile_source({"MAP_TILES": "xyz", "MAP_TILE_URL": url})
    assert (source["provider"], source["layers"][0]["url"]) == ("xyz", url)
