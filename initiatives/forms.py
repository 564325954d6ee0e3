"""The GET forms of the RTC pages: the matrix's meeting, the RTCs to compare."""

from django import forms
from django.core.exceptions import ValidationError

from meetings.models import Meeting

from .models import RTC


class MatrixForm(forms.Form):
    # The menu offers the latest meetings only (one option per meeting would weigh 100 KB at
    # 2,000 meetings); any published meeting's address still works, and is then offered too.
    MENU_MEETINGS = 30

    meeting = forms.ModelChoiceField(
        label="Meeting",
        queryset=Meeting.objects.published(),
        to_field_name="slug",
        required=False,
        empty_label="All meetings",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        latest = list(
            Meeting.objects.published()
            .order_by("-start_date", "-number")
            .only("title", "slug", "start_date", "number")[: self.MENU_MEETINGS]
        )
        chosen = self.data.get("meeting") if self.is_bound else None
        if chosen and chosen not in {meeting.slug for meeting in latest}:
            latest += list(Meeting.objects.published().filter(slug=chosen).only("title", "slug"))
        self.fields["meeting"].widget.choices = [("", "All meetings")] + [
            (meeting.slug, str(meeting)) for meeting in latest
        ]


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
