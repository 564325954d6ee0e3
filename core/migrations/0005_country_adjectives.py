"""Synonyms for how people name a country's administration and its RTC: the adjective
("Thai", "Japanese") beside the country's name, and the Indonesian administration's name in
Bahasa ("Bea Cukai"). Data like the other synonyms (Core > Synonyms), which the secretariat
edits; reversing removes only these entries, and only those nobody edited."""

from django.db import migrations

# term: equivalents, one per line as the admin shows them.
SYNONYMS = {
    "Australia": "Australian",
    "China": "Chinese",
    "Fiji": "Fijian",
    "India": "Indian",
    "Indonesia": "Indonesian",
    "Indonesia Customs": "Indonesian Customs\nBea Cukai\nBea dan Cukai",
    "Iran": "Iranian",
    "Japan": "Japanese",
    "Korea": "Korean",
    "Malaysia": "Malaysian",
    "Thailand": "Thai",
}


def add_synonyms(apps, schema_editor):
    Synonym = apps.get_model("core", "Synonym")
    for term, equivalents in SYNONYMS.items():
        Synonym.objects.get_or_create(term=term, defaults={"equivalents": equivalents})


def remove_synonyms(apps, schema_editor):
    Synonym = apps.get_model("core", "Synonym")
    for term, equivalents in SYNONYMS.items():
        Synonym.objects.filter(term=term, equivalents=equivalents).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0004_generated_files")]

    operations = [migrations.RunPython(add_synonyms, remove_synonyms, elidable=False)]
