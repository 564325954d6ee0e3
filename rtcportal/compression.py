"""Compression of the portal's own text responses: brotli where the client takes it, else gzip.

Django's GZipMiddleware does the gzip part; brotli follows its rules (not for short bodies,
not twice, the smaller body or none, streams stay streams). Static files never get here:
WhiteNoise, earlier in the chain, serves its own precompressed copies.

Never compressed: the admin, and any response that carries a CSRF token or sets a session.
Compressing a secret beside text an attacker can make the page repeat lets them guess the
secret a byte at a time from the compressed length (BREACH; see docs/operations.md).
"""

import brotli
from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers

from core.codings import content_coding

# Brotli's fast settings: at its default (11) the 13 KB home page takes some 12 ms to
# compress, at 5 under a millisecond, and comes out still about 10 % smaller than gzip.
BROTLI_QUALITY = 5
BROTLI_FLUSH_BYTES = 64 * 1024
TEXT_TYPES = {
    "application/json",
    "application/xml",
    "application/atom+xml",
    "application/rss+xml",
    "application/javascript",
}
# Django's own threshold: shorter bodies may grow.
MIN_LENGTH = 200


def is_text(response):
    content_type = response.get("Content-Type", "").partition(";")[0].strip().lower()
    return (
        content_type.startswith("text/")
        or content_type in TEXT_TYPES
        or content_type.endswith(("+xml", "+json"))
    )


def carries_secret(request, response):
    match = getattr(request, "resolver_match", None)
    return (
        (match is not None and "admin" in match.namespaces)
        # Django sets the CSRF cookie on every response whose page asked for a token.
        or settings.CSRF_COOKIE_NAME in response.cookies
        or settings.SESSION_COOKIE_NAME in response.cookies
    )


def brotli_sequence(sequence):
    compressor = brotli.Compressor(quality=BROTLI_QUALITY)
    pending = 0
    for chunk in sequence:
        data = compressor.process(chunk)
        pending += len(chunk)
        # Left alone, brotli keeps megabytes before it writes a byte; a flush per row would
        # cost the ratio. Every BROTLI_FLUSH_BYTES a block leaves, so a long export streams.
        if pending >= BROTLI_FLUSH_BYTES:
            data += compressor.flush()
            pending = 0
        if data:
            yield data
    yield compressor.finish()


class CompressionMiddleware(GZipMiddleware):
    # No random bytes in the gzip header: they only blur BREACH, and nothing with a secret is
    # compressed here. Without them the same page always compresses to the same bytes, as the
    # strong ETag (rtcportal/http.py) promises.
    max_random_bytes = 0

    def process_response(self, request, response):
        if not is_text(response) or carries_secret(request, response):
            return response
        coding = content_coding(request)
        if coding == "identity":
            patch_vary_headers(response, ("Accept-Encoding",))
            return response
        # Django's gzip, which also takes async streams, reads the header for itself; by
        # here gzip is acceptable whenever it names it (q=0 gives "identity" above).
        if coding == "gzip" or getattr(response, "is_async", False):
            return super().process_response(request, response)
        if response.has_header("Content-Encoding"):
            return response
        if not response.streaming and len(response.content) < MIN_LENGTH:
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        if response.streaming:
            response.streaming_content = brotli_sequence(response.streaming_content)
            del response.headers["Content-Length"]
        else:
            compressed = brotli.compress(response.content, quality=BROTLI_QUALITY)
            if len(compressed) >= len(response.content):
                return response
            response.content = compressed
            response.headers["Content-Length"] = str(len(compressed))
        # As Django's gzip: a strong ETag set inside names the uncompressed bytes.
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "br"
        return response
