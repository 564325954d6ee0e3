"""The reference data a fresh install starts with, which the secretariat edits and extends in
the admin: the field's usual synonyms and abbreviations (Core > Synonyms) and the glossary's
first terms (core.glossary.SEED_TERMS, Core > Glossary terms). Reversing removes only these
entries, and only those nobody edited."""

from django.db import migrations

from core.glossary import SEED_TERMS, add_seed_terms

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


def add_reference_data(apps, schema_editor):
    Synonym = apps.get_model("core", "Synonym")
    for term, equivalents in SYNONYMS.items():
        Synonym.objects.get_or_create(term=term, defaults={"equivalents": equivalents})
    add_seed_terms(apps.get_model("core", "GlossaryTerm"))


def remove_reference_data(apps, schema_editor):
    Synonym = apps.get_model("core", "Synonym")
    for term, equivalents in SYNONYMS.items():
        Synonym.objects.filter(term=term, equivalents=equivalents).delete()
    GlossaryTerm = apps.get_model("core", "GlossaryTerm")
    for term, (slug, expansion, definition) in SEED_TERMS.items():
        GlossaryTerm.objects.filter(
            term=term, slug=slug, expansion=expansion, definition=definition
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0002_search_configuration")]

    operations = [migrations.RunPython(add_reference_data, remove_reference_data, elidable=False)]
