"""What the public record's loader (loader.py) remembers between runs."""

from django.db import models


class LoadedRecord(models.Model):
    """A record the loader created, by its model and natural key (the fields it looks the
    record up by). A record the loader made once and no longer finds was deleted, or had its
    key changed, by the secretariat: the loader leaves it so, unless told to `--restore`."""

    model = models.CharField(max_length=100, help_text='e.g. "meetings.meeting".')
    key = models.TextField(help_text="The lookup the loader found or made the record by.")
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "key"], name="one_loaded_record_per_key")
        ]

    def __str__(self):
        return f"{self.model} {self.key}"
