"""The footer's "record last changed" reads the newest published initiative from an index on
`updated_at` instead of a maximum over every row (core.models.latest_published_change)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0003_rtc_history_in_search"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="initiative",
            index=models.Index(fields=["updated_at"], name="initiative_updated_idx"),
        ),
    ]
