"""What a phone downloads for a meeting page with 10 photos: the page, its stylesheet and the
thumbnails its <img srcset> picks (320 px wide at 1x, 640 px at 2x), never the originals.

The photos are synthetic 3000 x 2000 JPEGs (colour gradients with grain at two scales); real
photos compress differently, so read the figures as an order of magnitude. Runs in a scratch
test database, created and dropped here.

    DJANGO_SECRET_KEY=bench .venv/bin/python bench/meeting_photos.py
"""

import gzip
import io
import os
import sys
import tempfile
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from PIL import Image  # noqa: E402

from tests.support import factories  # noqa: E402


def photo(seed):
    gradient = Image.linear_gradient("L").resize((3000, 2000)).rotate(seed * 17, expand=False)
    # Grain at several scales, so that detail survives into the thumbnails as in a real photo.
    noise = Image.blend(
        Image.effect_noise((300, 200), 60 + seed).resize((3000, 2000), Image.Resampling.BICUBIC),
        Image.effect_noise((3000, 2000), 30),
        0.3,
    )
    image = Image.merge("RGB", (gradient, noise, Image.blend(gradient, noise, 0.5)))
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=90)
    return output.getvalue()


def body(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content) if response.streaming else response.content


def main():
    settings.MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="rtcportal-bench-media-"))
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        meeting = factories.make_meeting()
        photos = [
            factories.make_document(
                attached_to=meeting, title=f"Photo {n}", content=photo(n), name=f"{n}.jpg"
            )
            for n in range(10)
        ]
        client = Client()
        html = body(client, meeting.get_absolute_url())
        css = (Path(settings.BASE_DIR) / "static/css/site.css").read_bytes()
        originals = sum(document.size for document in photos)
        by_width = {
            width: sum(
                len(body(client, url)) for d in photos for url, w in d.thumbnails if w == width
            )
            for width in (320, 640)
        }
        text = len(gzip.compress(html)) + len(gzip.compress(css))
        print(
            f"page HTML {len(html):,} B ({len(gzip.compress(html)):,} gzipped), CSS {len(css):,} B"
        )
        print(f"10 originals: {originals:,} B")
        for width, size in by_width.items():
            print(
                f"10 thumbnails at {width} px: {size:,} B; page total with them: {text + size:,} B"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
