"""Which content coding a response goes out in: the one rule for the portal's compression
(rtcportal.compression) and for the precompressed copies of generated files (core.downloads)."""

# In the order chosen when the client weighs them alike.
CODINGS = ("br", "gzip")


def content_coding(request):
    """The coding the portal answers `request` with, when it compresses at all: of
    those it offers, the one the client weighs highest. A q-value of 0 means "not
    acceptable" (RFC 9110, 12.5.3); an unreadable one counts as 0."""
    weights = {}
    for item in request.headers.get("Accept-Encoding", "").split(","):
        name, *params = (part.strip() for part in item.split(";"))
        weight = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[name.lower()] = weight
    best = max(CODINGS, key=lambda coding: weights.get(coding, 0.0))
    return best if weights.get(best, 0.0) > 0 else "identity"
