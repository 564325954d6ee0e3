"""What every content admin page shares: history and undo, spreadsheets, the publishing workflow.

- `LockedSaveMixin`: a save that finds the database locked comes back as the form, nothing lost.
- `ContentAdmin`: history with who/when/what (django-simple-history), restore an earlier
  version, recover deleted records, export the list as CSV or XLSX (django-import-export),
  guarded like every download (core.exports): no formula cells, a BOM on CSV.
- `PublishableAdmin`: the draft -> in review -> published workflow on top, with bulk actions
  that check the permission, a status field that offers only what the user may choose, and a
  preview link for records the public cannot see yet.
- `PublishingRuleInlineMixin`: the same rule for records edited inline on another's page.
- `ImportableAdmin`: imports from CSV/XLSX with a dry run, and a template file to download;
  the confirmed import runs in the task worker (core.tasks) and has a page of its own.

One module, though long: the base classes build on one another (`PublishableAdmin` and
`ImportableAdmin` on `ContentAdmin`, with the helpers they share) and are read in that order,
top to bottom; every app's admin imports them from here.
"""

import tablib
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError, models
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from import_export.admin import ExportMixin, ImportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ImportForm
from simple_history.admin import SimpleHistoryAdmin

from . import imports, workflow
from .exports import spreadsheet_row
from .import_limits import check_unpacked
from .models import GlossaryTerm, ReviewNote, SpreadsheetImport, Status, Synonym
from .resources import diff_html
from .tasks import check_spreadsheet, import_spreadsheet
from .worker import end_abandoned

SPREADSHEET_FORMATS = [CSV, XLSX]


def admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def with_publishing_rule(form_class, user):
    """`form_class`, refusing any change of `user`'s that would take a published record off the
    public site when `user` may not unpublish (core.workflow.check_change)."""

    class PublishingRuleForm(form_class):
        def clean(self):
            cleaned_data = super().clean()
            model = self._meta.model
            try:
                workflow.check_change(
                    user, model, self.instance.pk, workflow.stored_changes(model, cleaned_data)
                )
            except ValidationError as error:
                self.add_error(None, error)
            return cleaned_data

    return PublishingRuleForm


def restorable_links(field, version, current):
    """The pks a restore of `version` can give many-to-many `field`, and what it cannot
    restore, in words for the person restoring.

    A restore brings back what it can rather than fail: links to records deleted since are
    left out, and a version with no links on record (saved before the history kept them) keeps
    `current`'s where the field is required.
    """
    reverse_id = f"{field.m2m_reverse_field_name()}_id"
    on_record = [getattr(row, reverse_id) for row in getattr(version, field.name).all()]
    existing = set(
        field.related_model._default_manager.filter(pk__in=on_record).values_list("pk", flat=True)
    )
    links = [pk for pk in on_record if pk in existing]
    plural = field.related_model._meta.verbose_name_plural
    notes = []
    gone = len(on_record) - len(links)
    if gone:
        verb = "no longer exists and is" if gone == 1 else "no longer exist and are"
        notes.append(f"{gone} of the {plural} of this version {verb} left out.")
    if not links and not field.blank and current is not None:
        links = list(getattr(current, field.name).values_list("pk", flat=True))
        notes.append(f"This version has no {plural} on record: the current ones are kept.")
    return links, notes


DATABASE_BUSY = (
    "Nothing was saved: the database was busy with other work for too long. Everything you "
    "typed is still here, rows below included: save again."
)


class LockedSaveMixin:
    """A save that still finds the database locked after the busy timeout (SQLite, under a
    burst of saves and imports) comes back as the form with everything typed in it, inline
    rows included, and says to save again: a 500 would lose the typing."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except OperationalError as error:
            if request.method != "POST" or "is locked" not in str(error):
                raise
        # The save's transaction was rolled back. The form is shown again through the admin's
        # own path for an invalid form (get_form below refuses it), outside a transaction:
        # nothing is written, and no write lock is waited for again.
        request.database_was_busy = True
        return self._changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        if not getattr(request, "database_was_busy", False):
            return form_class

        class NotSavedForm(form_class):
            def clean(self):
                cleaned_data = super().clean()
                self.add_error(None, DATABASE_BUSY)
                return cleaned_data

        return NotSavedForm


# What every date field of the admin says it takes (settings.FORMAT_MODULE_PATH's formats).
DATE_EXAMPLES = "26 September 2024, 26/09/2024 or 2024-09-26"


class DateHintMixin:
    """Date fields say what they take, beside the field and in the error when refused."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        is_date = isinstance(db_field, models.DateField) and not isinstance(
            db_field, models.DateTimeField
        )
        if is_date and formfield is not None:
            hint = f"Type it as {DATE_EXAMPLES}, or pick it from the calendar."
            formfield.help_text = " ".join(part for part in (formfield.help_text, hint) if part)
            formfield.error_messages["invalid"] = f"Enter a date such as {DATE_EXAMPLES}."
        return formfield


class ContentAdmin(DateHintMixin, LockedSaveMixin, ExportMixin, SimpleHistoryAdmin):
    change_list_template = "admin/portal/change_list.html"
    change_form_template = "admin/portal/change_form.html"
    formats = SPREADSHEET_FORMATS
    # A byte order mark, so Excel reads the CSV as UTF-8 (core.exports); imports drop it.
    to_encoding = "utf-8-sig"
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

    def get_data_for_export(self, request, queryset, **kwargs):
        # One guard for CSV and XLSX, the one the public CSVs use: openpyxl writes any text
        # starting with "=" as a live formula cell. django-import-export's own
        # IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT stays off (see settings): it deletes the "=",
        # ignores "+", "-" and "@", and turns every cell into text (an empty date into "None").
        dataset = super().get_data_for_export(request, queryset, **kwargs)
        return tablib.Dataset(*(spreadsheet_row(row) for row in dataset), headers=dataset.headers)

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
        current = self.model.objects.filter(pk=object_id).first()
        # simple-history rebuilds the record's own fields; its links (categories, partners,
        # programmes) come from the history too, or a restore would keep today's.
        request.historical_m2m = {}
        for field in record._history_m2m_fields if record else []:
            links, notes = restorable_links(field, links_from, current)
            request.historical_m2m[field.name] = links
            if request.method == "GET":
                for note in notes:
                    messages.warning(request, note)
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

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        return with_publishing_rule(form_class, request.user)

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
            workflow.check_move(request.user, self.model, old_status, obj.status)
        gated = obj.status in (Status.IN_REVIEW, Status.PUBLISHED) and obj.status != old_status
        if gated and workflow.has_readiness_check(self.model):
            # What is missing may be entered in this very form's inlines: saved as it was,
            # and moved once they are saved too (save_related), through the same check as
            # the list actions and the review page.
            request.move_after_save = obj.status
            obj.status = old_status
        elif old_status != obj.status:
            workflow.stamp(obj, request.user)
        super().save_model(request, obj, form, change)

    # What the form says when the record could not move: how it was saved, and what not.
    SAVED_AS = {
        Status.DRAFT: "Saved as a draft",
        Status.IN_REVIEW: "Saved, still in review",
        Status.PUBLISHED: "Saved, still published",
    }
    NOT_MOVED = {
        Status.IN_REVIEW: "not sent for review",
        Status.PUBLISHED: "not published (publish it anyway from its review page, with a reason)",
    }
    MOVED = {Status.IN_REVIEW: "was sent for review", Status.PUBLISHED: "was published"}

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        wanted = getattr(request, "move_after_save", None)
        if wanted:
            record = form.instance
            try:
                workflow.move(self.model.objects.filter(pk=record.pk), wanted, request.user)
            except workflow.NotReady as error:
                self.message_user(
                    request,
                    f"{self.SAVED_AS[record.status]}, {self.NOT_MOVED[wanted]}. {error}",
                    messages.WARNING,
                )
            else:
                record.status = wanted
                self.message_user(request, f"“{record}” {self.MOVED[wanted]}.", messages.SUCCESS)

    def _move(self, request, queryset, status, done):
        try:
            moved = workflow.move(queryset, status, request.user)
        except (PermissionDenied, workflow.NotReady) as error:
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
        project's preview URLconf names each after the model (preview:meeting, …) and
        addresses it by slug, so a model without a slug (documents) has none."""
        slug = getattr(obj, "slug", None)
        if not slug:
            return None
        try:
            return reverse(f"preview:{self.model._meta.model_name}", args=[slug])
        except NoReverseMatch:
            return None

    def view_on_site(self, obj):
        # The public page 404s until the record is published; staff see the preview instead.
        if not obj.is_published:
            return self.preview_url(obj)
        public_url = getattr(obj, "get_absolute_url", None)
        return public_url() if public_url else None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if request.method == "GET" and obj is not None and obj.status == Status.DRAFT:
            note = ReviewNote.objects.for_record(obj).select_related("written_by").first()
            if note and (not obj.status_changed_at or note.written_at >= obj.status_changed_at):
                who = note.written_by or "A reviewer"
                self.message_user(
                    request,
                    f"Sent back by {who} on {note.written_at:%d %B %Y}: {note.text}",
                    messages.WARNING,
                )
        return super().change_view(request, object_id, form_url, extra_context)

    def extra_object_tools(self, request, obj):
        tools = super().extra_object_tools(request, obj)
        preview = self.preview_url(obj)
        if preview:
            tools.append(("Preview", preview))
        return tools


class PublishingRuleInlineMixin:
    """For an inline of publishable records (initiatives on their RTC's page): an editor may
    not take a published one off the public site from there either."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = with_publishing_rule(formset.form, request.user)
        return formset


class SizeLimitedImportForm(ImportForm):
    """The upload form, refusing files above settings.IMPORT_MAX_BYTES before anything reads
    them (Django has spooled a large upload to disk, not memory)."""

    def clean_import_file(self):
        return within_import_limit(self.cleaned_data["import_file"])


def within_import_limit(upload, *, max_rows=None):
    """`upload`, or a ValidationError if it is larger than settings.IMPORT_MAX_BYTES or
    unpacks to more than core.import_limits allows (at most `max_rows` rows a sheet, when
    given), before anything parses it."""
    limit = settings.IMPORT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"This file is {filesizeformat(upload.size)}; the largest file the portal "
            f"imports is {filesizeformat(limit)}. Split it into smaller files and import "
            "them one after the other.",
            code="too_large",
        )
    check_unpacked(upload, max_rows=max_rows)
    return upload


class ImportableAdmin(ImportMixin, ContentAdmin):
    """Imports CSV/XLSX through a dry run; `resource_classes` says which columns. The
    confirmed import runs in the task worker; its page shows queued, running, done or failed."""

    import_export_change_list_template = "admin/import_export/change_list_import_export.html"
    import_form_class = SizeLimitedImportForm
    # The admin's own form reads CSV as "utf-8-sig", so a byte-order mark is dropped.
    import_error_display = ("message",)

    def get_urls(self):
        template = self.admin_path(
            "import-template/<str:file_format>/", self.import_template_view, "import_template"
        )
        progress = self.admin_path(
            "import/<int:pending_id>/", self.import_progress_view, "import_progress"
        )
        return [template, progress, *super().get_urls()]

    def import_action(self, request, **kwargs):
        """The upload: a valid file is stored and checked by the task worker (a dry run of
        10,000 rows takes longer than a request may); its page shows how that goes."""
        if request.method == "POST" and self.has_import_permission(request):
            form = self.create_import_form(request)
            if form.is_valid():
                pending = imports.store(
                    form.cleaned_data["import_file"],
                    user=request.user,
                    model=self.model,
                    resource_class=self.choose_import_resource_class(form, request),
                    format_class=self.get_import_formats()[int(form.cleaned_data["format"])],
                )
                check_spreadsheet.enqueue(pending.pk)
                return redirect(admin_url(self.model, "import_progress", pending.pk))
        # The form, or its errors (the package validates it again).
        return super().import_action(request, **kwargs)

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        """The confirmation: the checked file is queued for the worker, once."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        name = request.POST.get("import_file_name", "")
        pending = imports.claim(name, request.user)
        if pending is None:
            return self.confirmed_already(request, name)
        import_spreadsheet.enqueue(pending.pk)
        return redirect(admin_url(self.model, "import_progress", pending.pk))

    def confirmed_already(self, request, name):
        """A second confirmation, or one after the file expired: a message, not a 500."""
        earlier = SpreadsheetImport.objects.filter(name=name, created_by=request.user).first()
        if earlier and earlier.state != SpreadsheetImport.State.CHECKED:
            self.message_user(
                request, "This file was confirmed already; it is imported once.", messages.INFO
            )
            return redirect(admin_url(self.model, "import_progress", earlier.pk))
        self.message_user(
            request,
            "This file waited too long for confirmation (a day) and was discarded. Nothing "
            "was imported: upload it again.",
            messages.WARNING,
        )
        return redirect(admin_url(self.model, "import"))

    def import_progress_view(self, request, pending_id):
        """One upload's page: checking, checked with a preview and the confirm button,
        queued, importing, done with counts, or failed with every problem."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        pending = get_object_or_404(
            SpreadsheetImport,
            pk=pending_id,
            content_type__app_label=self.model._meta.app_label,
            content_type__model=self.model._meta.model_name,
        )
        if pending.created_by_id != request.user.pk and not request.user.is_superuser:
            raise PermissionDenied
        progress_url = admin_url(self.model, "import_progress", pending.pk)
        if request.method == "POST" and "run_again" in request.POST:
            if imports.run_again(pending, request.user):
                check_spreadsheet.enqueue(pending.pk)
            return redirect(progress_url)
        if not pending.is_finished:
            end_abandoned(by_age_only=True)  # a file whose worker died says so while it waits
            pending.refresh_from_db()
        rows = [
            {"import_type": row["import_type"], "diff": [diff_html(cell) for cell in row["cells"]]}
            for row in pending.preview.get("rows", [])
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Import of {pending.file_name}",
            "opts": self.model._meta,
            "pending": pending,
            "preview_headers": pending.preview.get("headers", []),
            "preview_rows": rows,
            "shows_first_rows_only": pending.new + pending.updated + pending.unchanged > len(rows),
            "changelist_url": admin_url(self.model, "changelist"),
            "import_url": admin_url(self.model, "import"),
        }
        return TemplateResponse(request, "admin/import_export/import_progress.html", context)

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
class SynonymAdmin(LockedSaveMixin, admin.ModelAdmin):
    """The field's words that mean the same; core.fulltext widens every search with them."""

    list_display = ["term", "equivalents_shown"]
    search_fields = ["term", "equivalents"]

    @admin.display(description="Equivalents")
    def equivalents_shown(self, synonym):
        return " / ".join(synonym.terms[1:])


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(LockedSaveMixin, admin.ModelAdmin):
    """The words /glossary/ explains; each page marks its first use of each (core.glossary)."""

    list_display = ["term", "expansion", "slug"]
    search_fields = ["term", "expansion", "definition"]
    prepopulated_fields = {"slug": ["term"]}
    fields = ["term", "slug", "expansion", "definition"]
