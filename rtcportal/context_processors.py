"""What every public page's footer says of the record as a whole."""

from core import counts
from core.models import latest_published_change


def record(request):
    """`record_changed`: when the record last changed, for the footer. Read only where a page
    shows it (an error page for a database failure never asks), and once per content
    generation (core.counts): every write to content starts a new one, so it is never stale
    and costs no query on the pages in between."""
    return {
        "record_changed": lambda: counts.remembered(("record-changed",), latest_published_change),
    }
