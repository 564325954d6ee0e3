"""How django-axes names the account behind a login attempt."""

from axes.models import AccessAttempt

USERNAME_MAX_LENGTH = AccessAttempt._meta.get_field("username").max_length


def attempted_username(request, credentials=None):
    """The username typed, cut to what axes can store.

    No real account has a name this long, so cutting it loses nothing, while storing the
    whole of an absurd name would fail on PostgreSQL and turn a wrong login into a 500.
    """
    if credentials:
        username = credentials.get("username")
    else:
        username = getattr(request, "data", request.POST).get("username")
    return username[:USERNAME_MAX_LENGTH] if isinstance(username, str) else username
