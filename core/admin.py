"""What every content admin page shares: history and undo, spreadsheets, the publishing workflow.

- `ContentAdmin`: history with who/when/what (django-simple-history), restore an earlier
  version, recover deleted records, export the list as CSV or XLSX (django-import-export).
- `PublishableAdmin`: the draft -> in review -> published workflow on top, with bulk actions
  that check the permission, a status field that offers only what the user may choose, and a
  preview link for records the public cannot see yet.
- `ImportableAdmin`: imports from CSV/XLSX with a dry run, and a template file to download.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from import_export.admin import ExportMixin, ImportMixin
from import_export.formats.base_formats import CSV, XLSX
from simple_history.admin import SimpleHistoryAdmin

from . import workflow
from .models import Status, Synonym

SPREADSHEET_FORMATS = [CSV, XLSX]


def admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


class ContentAdmin(ExportMixin, SimpleHistoryAdmin):
    change_list_template = "admin/portal/change_list.html"
    change_form_template = "admin/portal/change_form.html"
    formats = SPREADSHEET_FORMATS
    list_per_page = 50

    # Messages that say what to do, in place of Django's "... with this Slug already exists."
    error_messages = {
        "slug": {
            "unique": "Another record already has this address (slug). Change it, for example "
            "by adding the year or the RTC's name."
        },
    }

    def admin_path(self, route, view, suffix):
        """A URL of this model's admin, named like Django's own: app_model_suffix."""
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}_{suffix}"
        return path(route, self.admin_site.admin_view(view), name=name)

    def get_urls(self):
        return [self.admin_path("deleted/", self.deleted_view, "deleted"), *super().get_urls()]

    def deleted_records(self):
        """The last state of each deleted record that has not been recovered since."""
        history = self.model.history
        existing = self.model.objects.values("pk")
        latest = {}
        for record in (
            history.filter(history_type="-")
            .exclude(id__in=existing)
            .select_related("history_user")
            .order_by("-history_date")
        ):
            latest.setdefault(record.id, record)
        return list(latest.values())

    def deleted_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        records = [
            (record, admin_url(self.model, "simple_history", record.id, record.history_id))
            for record in self.deleted_records()
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Recover deleted {opts.verbose_name_plural}",
            "opts": opts,
            "records": records,
        }
        return TemplateResponse(request, "admin/portal/deleted_records.html", context)

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if self.has_change_permission(request):
            extra_context["recover_deleted_url"] = admin_url(self.model, "deleted")
        return super().changelist_view(request, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        record = self.model.history.filter(id=object_id, history_id=version_id).first()
        if record and record.history_type == "-" and record.prev_record:
            # Deleting clears the links before the record goes, so the deletion's own
            # snapshot has none; take them from the version just before.
            links_from = record.prev_record
        else:
            links_from = record
        # simple-history rebuilds the record's own fields; its links (categories, partners,
        # programmes) come from the history too, or a restore would keep today's.
        request.historical_m2m = {
            field.name: [
                getattr(row, f"{field.m2m_reverse_field_name()}_id")
                for row in getattr(links_from, field.name).all()
            ]
            for field in (record._history_m2m_fields if record else [])
        }
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        fields = {field.name for field in self.model._meta.get_fields()}
        kwargs.setdefault(
            "error_messages",
            {name: messages for name, messages in self.error_messages.items() if name in fields},
        )
        form_class = super().get_form(request, obj, change, **kwargs)
        historical_m2m = getattr(request, "historical_m2m", None)
        if not historical_m2m:
            return form_class

        class HistoricalVersionForm(form_class):
            def __init__(self, *args, **form_kwargs):
                super().__init__(*args, **form_kwargs)
                self.initial.update(historical_m2m)

        return HistoricalVersionForm

    def extra_object_tools(self, request, obj):
        """(label, url) links shown at the top of the change form."""
        return []

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "extra_object_tools": self.extra_object_tools(request, obj) if obj else [],
        }
        return super().change_view(request, object_id, form_url, extra_context)


class PublishableAdmin(ContentAdmin):
    """Draft -> in review -> published, moved only through core.workflow."""

    actions = ["send_for_review", "publish", "unpublish"]
    readonly_fields = ["status_changed"]

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user, self.model)

    @admin.display(description="Status last changed")
    def status_changed(self, obj):
        if not obj.status_changed_at:
            return "—"
        who = obj.status_changed_by or "someone no longer on record"
        return f"{obj.status_changed_at:%d %B %Y %H:%M} by {who}"

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not self.has_publish_permission(request):
            kwargs["choices"] = [
                (value, label) for value, label in Status.choices if value != Status.PUBLISHED
            ]
            kwargs["help_text"] = "Send it for review when it is ready; a reviewer publishes it."
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj and obj.is_published and not self.has_publish_permission(request):
            # Taking a record off the public site is a reviewer's call.
            readonly.append("status")
        return readonly

    def save_model(self, request, obj, form, change):
        # Compare with the database, not the form: a restored old version or a recovered
        # deleted record must pass the same permission check as the change form.
        stored = self.model.objects.filter(pk=obj.pk).values_list("status", flat=True)
        old_status = (stored.first() if obj.pk else None) or Status.DRAFT
        if old_status != obj.status:
            workflow.record_form_move(obj, old_status, request.user)
        super().save_model(request, obj, form, change)

    def _move(self, request, queryset, status, done):
        try:
            moved = workflow.move(queryset, status, request.user)
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        opts = self.model._meta
        name = opts.verbose_name if moved == 1 else opts.verbose_name_plural
        self.message_user(request, f"{moved} {name} {done}.", messages.SUCCESS)

    @admin.action(description="Send selected for review", permissions=["change"])
    def send_for_review(self, request, queryset):
        # Published records stay published: unpublish them first if they need rework.
        self._move(
            request, queryset.filter(status=Status.DRAFT), Status.IN_REVIEW, "sent for review"
        )

    @admin.action(description="Publish selected", permissions=["publish"])
    def publish(self, request, queryset):
        self._move(request, queryset, Status.PUBLISHED, "published")
        # An initiative shows only with its RTC, host and meeting; say so rather than let
        # the reviewer wonder why the public page is still missing.
        model = self.model
        hidden = model.objects.filter(pk__in=queryset, status=Status.PUBLISHED).exclude(
            pk__in=model.objects.published()
        )
        if hidden:
            names = ", ".join(f"“{record}”" for record in hidden[:5])
            self.message_user(
                request,
                f"Published but not yet on the public site: {names}. Publish the records they "
                "belong to (RTC, host administration, meeting) too.",
                messages.WARNING,
            )

    @admin.action(description="Unpublish selected (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._move(request, queryset.filter(status=Status.PUBLISHED), Status.DRAFT, "unpublished")

    def preview_url(self, obj):
        """The staff preview of a record's public page, for models that have one: the
        project's preview URLconf names each after the model (preview:meeting, …)."""
        try:
            return reverse(f"preview:{self.model._meta.model_name}", args=[obj.slug])
        except NoReverseMatch:
            return None

    def view_on_site(self, obj):
        # The public page 404s until the record is published; staff see the preview instead.
        if not obj.is_published:
            return self.preview_url(obj)
        public_url = getattr(obj, "get_absolute_url", None)
        return public_url() if public_url else None

    def extra_object_tools(self, request, obj):
        tools = super().extra_object_tools(request, obj)
        preview = self.preview_url(obj)
        if preview:
            tools.append(("Preview", preview))
        return tools


class ImportableAdmin(ImportMixin, ContentAdmin):
    """Imports CSV/XLSX through a dry run; `resource_classes` says which columns."""

    import_export_change_list_template = "admin/import_export/change_list_import_export.html"
    # The admin's own form reads CSV as "utf-8-sig", so a byte-order mark is dropped.
    import_error_display = ("message",)

    def get_urls(self):
        template = self.admin_path(
            "import-template/<str:file_format>/", self.import_template_view, "import_template"
        )
        return [template, *super().get_urls()]

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            bad = len(result.invalid_rows) + len(result.row_errors())
            self.message_user(
                request,
                f"Nothing was imported: {bad} row(s) are no longer valid (the file or the "
                "records it names changed since the preview). Upload the file again to see "
                "which rows and why.",
                messages.ERROR,
            )
            return redirect(admin_url(self.model, "import"))
        return super().process_result(result, request)

    def import_template_view(self, request, file_format):
        """An empty spreadsheet with the right column headings, to fill in and import."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        formats = {fmt().get_extension(): fmt for fmt in self.get_import_formats()}
        if file_format not in formats:
            raise Http404("Templates come as csv or xlsx.")
        fmt = formats[file_format]()
        resource = self.get_import_resource_classes(request)[0]()
        dataset = resource.template_dataset()
        response = HttpResponse(fmt.export_data(dataset), content_type=fmt.get_content_type())
        filename = f"{self.model._meta.model_name}-import-template.{file_format}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    """The field's words that mean the same; core.fulltext widens every search with them."""

    list_display = ["term", "equivalents_shown"]
    search_fields = ["term", "equivalents"]

    @admin.display(description="Equivalents")
    def equivalents_shown(self, synonym):
        return " / ".join(synonym.terms[1:])
