"""The field's usual synonyms and abbreviations, as a start the secretariat extends in the
admin (Core > Synonyms). Reversing removes only these terms, and only if nobody edited them."""

from django.db import migrations

# term: equivalents, one per line as the admin shows them.
SYNONYMS = {
    "VR": "virtual reality",
    "AI": "artificial intelligence",
    "e-learning": "online learning\ndistance learning\nelearning",
    "MOOC": "massive open online course",
    "ROCB A/P": "ROCB AP\nROCB\nRegional Office for Capacity Building",
    "RILO A/P": "RILO AP\nRILO\nRegional Intelligence Liaison Office",
    "CLiKC!": "Customs Learning and Knowledge Community",
    "WCO": "World Customs Organization\nWorld Customs Organisation",
    "RTC": "Regional Training Centre\nRegional Training Center",
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
    dependencies = [("core", "0001_synonym")]

    operations = [migrations.RunPython(add_synonyms, remove_synonyms, elidable=False)]
