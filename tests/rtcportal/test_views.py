"""The site-wide pages: /robots.txt here; the home page and search have files of their own."""

from django.urls import reverse


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_private_and_bulk_addresses(
    client, db
):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.text.splitlines()
    assert lines[0] == "User-agent: *"
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    for path in (
        "/admin/",
        "/preview/",
        reverse("initiatives:export-csv"),
        reverse("initiatives:export-json"),
        "/sources/export.csv",
        "/meetings/*/participants.csv",
    ):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /" not in lines


def test_robots_txt_does_not_give_away_a_custom_admin_address(client, db, settings):
    settings.ADMIN_URL = "backstage/"
    lines = client.get("/robots.txt").text.splitlines()
    assert not any("admin" in line or "backstage" in line for line in lines)


def test_robots_txt_may_be_kept_like_any_public_page(client, db):
    response = client.get("/robots.txt")
    assert "public" in response["Cache-Control"]
    assert client.get("/robots.txt", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_the_favicon_is_a_real_icon_at_the_root(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    icon = b"".join(response.streaming_content)
    # An ICO header: reserved 0, type 1 (icon), at least one image.
    assert icon[:4] == b"\x00\x00\x01\x00"
    assert int.from_bytes(icon[4:6], "little") >= 1
