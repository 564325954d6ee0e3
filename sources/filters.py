"""The filters of /sources/ (and its CSV): kind, language, publisher and a search. The
language and publisher options are those of the published sources, so no draft's publisher
is ever named; a value that is not an option is a form error (400), never an empty list."""

import django_filters
from django import forms

from .models import Source, language_name


class SourceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="search",
        max_length=200,
        widget=forms.SearchInput(attrs={"maxlength": 200}),
    )
    kind = django_filters.MultipleChoiceFilter(
        label="Kind", choices=Source.Kind.choices, widget=forms.CheckboxSelectMultiple
    )
    language = django_filters.MultipleChoiceFilter(
        label="Language", widget=forms.CheckboxSelectMultiple
    )
    publisher = django_filters.MultipleChoiceFilter(
        label="Publisher", widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Source
        fields = ["q", "kind", "language", "publisher"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        published = Source.objects.published()
        labels = {"language": language_name, "publisher": str}
        for name, label in labels.items():
            values = published.order_by(name).values_list(name, flat=True).distinct()
            self.filters[name].extra["choices"] = [(value, label(value)) for value in values]

    def search(self, queryset, name, value):
        return queryset.search(value)
