"""Records both benchmark generators make in bulk (import after django.setup())."""

from core.models import Status
from meetings.models import Body


def published_bodies(name, slug, kind, count):
    """`count` published bodies named "<name> 0", "<name> 1", … with slugs "<slug>-0", …"""
    return Body.objects.bulk_create(
        Body(name=f"{name} {n}", slug=f"{slug}-{n}", kind=kind, status=Status.PUBLISHED)
        for n in range(count)
    )
