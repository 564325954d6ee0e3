import django_filters
from django import forms

from meetings.models import Meeting, Topic

from .models import RTC, Category, Initiative


class FacetFilter(django_filters.ModelMultipleChoiceFilter):
    """A repeatable filter whose options the list shows with counts (see views.Facet)."""

    def __init__(self, *args, **kwargs):
        # Each facet filters on a foreign key or by a subquery, so a row never repeats: a
        # DISTINCT over every column would only slow the list and its count down.
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


class InitiativeFilter(django_filters.FilterSet):
    """The filters of /initiatives/: each may repeat to mean "any of these"."""

    SORTS = {
        "newest": ("-meeting__start_date", "rtc__name", "title"),
        "title": ("title",),
        "rtc": ("rtc__name", "-meeting__start_date", "title"),
    }
    # The repeatable filters whose options show counts and whose values show as chips, each
    # with the field that names its options.
    FACETS = {"rtc": "name", "category": "name", "meeting": "title", "topic": "name"}
    # The initiative's field each facet counts by (core.models.CountingQuerySet.count_by).
    FACET_FIELDS = {
        "rtc": "rtc",
        "category": "categories",
        "meeting": "meeting",
        "topic": "topics",
    }

    q = django_filters.CharFilter(
        label="Search", method="search", widget=forms.SearchInput(attrs={"maxlength": 200})
    )
    rtc = FacetFilter(
        label="RTC",
        field_name="rtc__slug",
        to_field_name="slug",
        queryset=RTC.objects.published(),
        widget=forms.CheckboxSelectMultiple,
    )
    category = FacetFilter(
        label="Kind of delivery",
        field_name="categories__slug",
        to_field_name="slug",
        queryset=Category.objects.published(),
        widget=forms.CheckboxSelectMultiple,
        method="in_categories",
    )
    meeting = FacetFilter(
        label="Meeting",
        field_name="meeting__slug",
        to_field_name="slug",
        # The option labels need the title only, not every meeting's whole report.
        queryset=Meeting.objects.published().defer("summary", "report"),
        widget=forms.CheckboxSelectMultiple,
    )
    topic = FacetFilter(
        label="Topic",
        field_name="topics__slug",
        to_field_name="slug",
        queryset=Topic.objects.published(),
        widget=forms.CheckboxSelectMultiple,
        method="in_topics",
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        method="sort_by",
        choices=[
            ("relevance", "Best match"),
            ("newest", "Newest first"),
            ("title", "Title"),
            ("rtc", "RTC"),
        ],
        empty_label=None,
    )

    class Meta:
        model = Initiative
        fields = ["q", "rtc", "category", "meeting", "topic", "sort"]

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        # Without a search there is nothing to match best: the list is newest first. Said on
        # this form's own field: a filter's field, once built from the class (the API's schema
        # reads them), is copied to every later instance with all its choices.
        if not self.has_query(data):
            sort = self.form.fields["sort"]
            sort.choices = [choice for choice in sort.choices if choice[0] != "relevance"]

    @staticmethod
    def has_query(params):
        return bool(params and params.get("q", "").strip())

    @classmethod
    def default_sort(cls, params):
        """The order a list gets without `sort`: the search's, or newest first."""
        return "relevance" if cls.has_query(params) else "newest"

    @classmethod
    def without_default_sort(cls, params):
        """`params` (a mutable QueryDict) without a `sort` that asks for the default order
        ("Best match" with a search, else newest first): an old "Best match" without a search
        means newest too, rather than an error. The list's one address for each order, and
        what the API filters by."""
        if params.get("sort") in (cls.default_sort(params), "relevance"):
            params.pop("sort")
        return params

    def search(self, queryset, name, value):
        return queryset.search(value)

    def in_categories(self, queryset, name, categories):
        return self.tagged_with(queryset, "categories", categories)

    def in_topics(self, queryset, name, topics):
        return self.tagged_with(queryset, "topics", topics)

    @staticmethod
    def tagged_with(queryset, field_name, values):
        """The initiatives whose many-to-many `field_name` holds any of `values`. A subquery
        rather than a join: an initiative with two of them stays one row without a DISTINCT
        over every column."""
        if not values:
            return queryset
        field = Initiative._meta.get_field(field_name)
        tagged = field.remote_field.through.objects.filter(
            **{f"{field.m2m_reverse_field_name()}__in": values}
        )
        return queryset.filter(pk__in=tagged.values(field.m2m_field_name()))

    def sort_by(self, queryset, name, value):
        # "Best match" keeps the search's ranking, or the newest-first default without a search.
        if value == "relevance":
            return queryset
        return queryset.order_by(*self.SORTS[value])

    @property
    def chosen(self):
        """The values that passed validation, by filter name: what the page is filtered by."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return {name: value for name, value in self.form.cleaned_data.items() if value}

    def matching_without(self, facet):
        """The initiatives every chosen filter but `facet` gives: what `facet`'s options narrow.

        Options within one facet mean "any of", so each option's count ignores the other
        options of its own facet and honours everything else that is chosen.
        """
        queryset = self.queryset
        for name, value in self.chosen.items():
            if name not in (facet, "sort"):
                queryset = self.filters[name].filter(queryset, value)
        return queryset
