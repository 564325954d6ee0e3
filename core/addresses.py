"""The one way the portal builds the address of a filtered list.

People bookmark and share filtered views, so an address is part of the product: the same
filters must always give the same string. Empty values are left out; a parameter given a list
repeats, in the order given (`?rtc=a&rtc=b`).
"""

from django.http import QueryDict
from django.urls import reverse


def with_query(path, params):
    """`path` with `params` (a dict of values or lists, or a QueryDict) as its query string."""
    query = QueryDict(mutable=True)
    items = params.lists() if isinstance(params, QueryDict) else params.items()
    for name, value in items:
        values = value if isinstance(value, list | tuple) else [value]
        kept = [str(item) for item in values if item not in (None, "")]
        if kept:
            query.setlist(name, kept)
    encoded = query.urlencode()
    return f"{path}?{encoded}" if encoded else path


def filtered_list_url(url_name, **filters):
    """The list at `url_name` with these filters, e.g. ("initiatives:list", rtc="japan-rtc")."""
    return with_query(reverse(url_name), filters)
