"""The pages that answer "which RTC does what, and how does it change": the RTC-by-category
matrix, side-by-side comparisons of RTCs and each RTC's history across meetings."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.urls import reverse
from django.views.generic import TemplateView

from meetings.models import Meeting
from rtcportal.views import BreadcrumbsMixin

from .models import RTC, Category, Initiative


def initiatives_list_url(**filters):
    """/initiatives/ with these filters, e.g. rtc="japan-rtc", category=..."""
    query = urlencode({name: value for name, value in filters.items() if value})
    return f"{reverse('initiatives:list')}?{query}"


class BoundFormMixin:
    """A GET form on a page: bound only when the page has parameters; invalid input is a 400."""

    form_class = None

    def get_form(self):
        data = self.request.GET if self.request.GET else None
        return self.form_class(data)

    def get(self, request, *args, **kwargs):
        self.form = self.get_form()
        response = super().get(request, *args, **kwargs)
        if self.form.is_bound and not self.form.is_valid():
            response.status_code = 400
        return response

    def valid_data(self):
        """The cleaned data, or None when the form is unbound or invalid."""
        if self.form.is_bound and self.form.is_valid():
            return self.form.cleaned_data
        return None


# --- The matrix ------------------------------------------------------------------------------


class MatrixForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label="Meeting",
        queryset=Meeting.objects.published(),
        to_field_name="slug",
        required=False,
        empty_label="All meetings",
    )


@dataclass
class MatrixCell:
    count: int
    url: str


@dataclass
class MatrixRow:
    rtc: RTC
    total: int
    total_url: str
    cells: list = field(default_factory=list)


def initiative_matrix(meeting=None):
    """(categories, rows): per published RTC, how many published initiatives of each category.

    Three queries whatever the data: the RTCs with their totals, the categories, and one
    aggregate over the initiative-category links.
    """
    initiatives = Initiative.objects.published()
    if meeting is not None:
        initiatives = initiatives.filter(meeting=meeting)
    meeting_slug = meeting.slug if meeting else None
    categories = list(Category.objects.published())
    rtcs = RTC.objects.published().annotate(
        total=Count("initiatives", filter=Q(initiatives__in=initiatives))
    )
    links = Initiative.categories.through.objects.filter(
        initiative__in=initiatives, category__in=categories
    )
    counts = {
        (row["initiative__rtc"], row["category"]): row["count"]
        for row in links.values("initiative__rtc", "category").annotate(count=Count("pk"))
    }
    rows = []
    for rtc in rtcs:
        row = MatrixRow(
            rtc=rtc,
            total=rtc.total,
            total_url=initiatives_list_url(rtc=rtc.slug, meeting=meeting_slug),
        )
        for category in categories:
            url = initiatives_list_url(rtc=rtc.slug, category=category.slug, meeting=meeting_slug)
            row.cells.append(MatrixCell(counts.get((rtc.pk, category.pk), 0), url))
        rows.append(row)
    return categories, rows


class MatrixView(BoundFormMixin, BreadcrumbsMixin, TemplateView):
    template_name = "initiatives/rtc_matrix.html"
    form_class = MatrixForm

    def get_breadcrumbs(self):
        return [("RTCs", reverse("initiatives:rtc-list")), ("Who does what", None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.valid_data() or {}
        meeting = data.get("meeting")
        context["form"] = self.form
        context["meeting"] = meeting
        context["categories"], context["rows"] = initiative_matrix(meeting)
        return context


# --- Comparing RTCs --------------------------------------------------------------------------


class CompareForm(forms.Form):
    MIN, MAX = 2, 3

    rtc = forms.ModelMultipleChoiceField(
        label="RTCs to compare",
        queryset=RTC.objects.published(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose two or three RTCs to compare."},
    )

    def clean_rtc(self):
        rtcs = self.cleaned_data["rtc"]
        if not self.MIN <= len(rtcs) <= self.MAX:
            raise ValidationError(
                "Choose two or three RTCs to compare; you chose %(count)d.",
                params={"count": len(rtcs)},
            )
        return rtcs


def comparison(rtcs):
    """What the compare page shows for these RTCs, in columns in the order given."""
    rtcs = list(rtcs)
    initiatives = (
        Initiative.objects.published()
        .filter(rtc__in=rtcs)
        .with_related()
        .order_by("meeting__start_date", "title")
    )
    categories = {rtc.pk: {} for rtc in rtcs}
    by_meeting = {}
    for initiative in initiatives:
        meeting_row = by_meeting.setdefault(initiative.meeting, {rtc.pk: [] for rtc in rtcs})
        meeting_row[initiative.rtc_id].append(initiative)
        for category in initiative.categories.all():
            categories[initiative.rtc_id][category.pk] = category
    return {
        "rtcs": rtcs,
        "categories": [
            sorted(categories[rtc.pk].values(), key=lambda category: category.name) for rtc in rtcs
        ],
        "meetings": [
            (meeting, [per_rtc[rtc.pk] for rtc in rtcs]) for meeting, per_rtc in by_meeting.items()
        ],
    }


class CompareView(BoundFormMixin, BreadcrumbsMixin, TemplateView):
    template_name = "initiatives/rtc_compare.html"
    form_class = CompareForm

    def get_breadcrumbs(self):
        return [("RTCs", reverse("initiatives:rtc-list")), ("Compare", None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        data = self.valid_data()
        if data:
            chosen = {rtc.slug: rtc for rtc in data["rtc"].select_related("host")}
            # Columns in the order the visitor asked for them.
            order = dict.fromkeys(self.request.GET.getlist("rtc"))
            context["comparison"] = comparison(chosen[slug] for slug in order if slug in chosen)
        return context


# --- An RTC's history ------------------------------------------------------------------------


@dataclass
class HistoryRow:
    meeting: Meeting
    initiatives: list
    categories: list
    new_categories: list


def rtc_history(rtc):
    """The RTC's published initiatives meeting by meeting, oldest first, from the first meeting
    it reported at: what it showed and which kinds of delivery were new for it."""
    initiatives = (
        Initiative.objects.published()
        .for_rtc(rtc)
        .with_related()
        .order_by("meeting__start_date", "title")
    )
    by_meeting = {}
    for initiative in initiatives:
        by_meeting.setdefault(initiative.meeting_id, []).append(initiative)
    if not by_meeting:
        return []
    first = min(initiative.meeting.start_date for initiative in initiatives)
    seen = set()
    rows = []
    for meeting in Meeting.objects.published().filter(start_date__gte=first).order_by("start_date"):
        reported = by_meeting.get(meeting.pk, [])
        categories = {c.pk: c for i in reported for c in i.categories.all()}
        ordered = sorted(categories.values(), key=lambda category: category.name)
        rows.append(
            HistoryRow(
                meeting=meeting,
                initiatives=reported,
                categories=ordered,
                new_categories=[category for category in ordered if category.pk not in seen],
            )
        )
        seen.update(categories)
    return rows
