from django.utils.text import slugify


def free_slug(model, name, also_taken=()):
    """An address for a new record of `model`: its name's, or that with -2, -3 ... when taken
    (on record, or in `also_taken`, by records about to be added)."""
    length = model._meta.get_field("slug").max_length - 4
    base = slugify(name)[:length].strip("-") or model._meta.model_name
    slug, number = base, 1
    while slug in also_taken or model.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
