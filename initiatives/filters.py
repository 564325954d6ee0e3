import django_filters
from django import forms

from meetings.models import Meeting

from .models import RTC, Category, Initiative


class InitiativeFilter(django_filters.FilterSet):
    """The filters of /initiatives/: each may repeat to mean "any of these"."""

    SORTS = {
        "newest": ("-meeting__start_date", "rtc__name", "title"),
        "title": ("title",),
        "rtc": ("rtc__name", "-meeting__start_date", "title"),
    }

    q = django_filters.CharFilter(
        label="Search", method="search", widget=forms.SearchInput(attrs={"maxlength": 200})
    )
    rtc = django_filters.ModelMultipleChoiceFilter(
        label="RTC",
        field_name="rtc__slug",
        to_field_name="slug",
        queryset=RTC.objects.published(),
        widget=forms.CheckboxSelectMultiple,
    )
    category = django_filters.ModelMultipleChoiceFilter(
        label="Kind of delivery",
        field_name="categories__slug",
        to_field_name="slug",
        queryset=Category.objects.published(),
        widget=forms.CheckboxSelectMultiple,
        distinct=True,
    )
    meeting = django_filters.ModelMultipleChoiceFilter(
        label="Meeting",
        field_name="meeting__slug",
        to_field_name="slug",
        queryset=Meeting.objects.published(),
        widget=forms.CheckboxSelectMultiple,
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        method="sort_by",
        choices=[("newest", "Newest first"), ("title", "Title"), ("rtc", "RTC")],
        empty_label=None,
    )

    class Meta:
        model = Initiative
        fields = ["q", "rtc", "category", "meeting", "sort"]

    def search(self, queryset, name, value):
        return queryset.search(value)

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*self.SORTS[value])
