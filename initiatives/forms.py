"""The GET forms of the RTC pages: the matrix's meeting, the RTCs to compare."""

from django import forms
from django.core.exceptions import ValidationError

from meetings.models import Meeting

from .models import RTC


class MatrixForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label="Meeting",
        queryset=Meeting.objects.published(),
        to_field_name="slug",
        required=False,
        empty_label="All meetings",
    )


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
