"""What every spreadsheet import shares (django-import-export): whole-file transactions, model
validation, and records named the way the secretariat writes them (a body by its name, a role
by its label). A name that matches nothing is reported in plain words with the nearest known
names: Unknown RTC "Jpan RTC" — did you mean "Japan RTC"?
"""

import difflib

import tablib
from diff_match_patch import diff_match_patch
from django.core.exceptions import ValidationError
from django.utils.encoding import force_str
from django.utils.html import format_html_join
from import_export import resources, widgets

from . import workflow
from .exports import unguarded_cell
from .fields import printable
from .models import Publishable

# How many names an unknown one is shown beside: enough to spot the intended one, few
# enough to read in one line of an import's problems.
NEAREST_NAMES = 5
# difflib's ratio above which a name is taken for a slip of the one intended ("did you mean").
CLOSE_CUTOFF = 0.6


# Words shorter than this ("of", "the") match too many names to tell which is nearest.
NEAREST_WORD_LENGTH = 4


def likeness(value, name):
    """How alike two names are, 0 to 1, without case: the whole names compared, or their
    nearest pair of words, whichever is closer ("Republic of Koria" is nearest "Korea")."""
    value, name = value.casefold(), name.casefold()
    best = difflib.SequenceMatcher(None, value, name).ratio()
    words = [w for w in value.split() if len(w) >= NEAREST_WORD_LENGTH]
    for word in words:
        for other in name.split():
            if len(other) >= NEAREST_WORD_LENGTH:
                best = max(best, difflib.SequenceMatcher(None, word, other).ratio())
    return best


def nearest(value, known, n=NEAREST_NAMES):
    """The `n` known names nearest `value`, nearest first: "Jpan" finds "Japan" before "Oman";
    never the alphabet's first names."""
    names = {str(name).casefold(): str(name) for name in known}.values()
    return sorted(names, key=lambda name: (-likeness(str(value), name), name))[:n]


def unknown(label, value, known, advice=""):
    """A ValueError naming the nearest known names: 'did you mean' when one is close."""
    names = nearest(value, known)
    advice = f" {advice}" if advice else ""
    folded = str(value).casefold()
    if names and difflib.SequenceMatcher(None, folded, names[0].casefold()).ratio() >= CLOSE_CUTOFF:
        return ValueError(f'Unknown {label} "{value}" — did you mean "{names[0]}"?{advice}')
    listed = ", ".join(f'"{name}"' for name in names)
    return ValueError(f'Unknown {label} "{value}". Nearest known: {listed or "none yet"}.{advice}')


def text(value):
    # XLSX cells arrive as numbers or dates; CSV cells as strings.
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class RememberingWidget:
    """A widget that looks a record up once per file: the same few RTCs, meetings and bodies
    come back on every row, and 10,000 rows would otherwise ask the database 10,000 times.
    import-export copies a resource's fields, widgets included, for each resource instance,
    so what is remembered lasts one import."""

    def clean(self, value, row=None, **kwargs):
        remembered = self.__dict__.setdefault("remembered", {})
        key = text(value)
        if key not in remembered:
            try:
                remembered[key] = (super().clean(value, row, **kwargs), None)
            except ValueError as error:
                remembered[key] = (None, str(error))
        found, error = remembered[key]
        if error:
            raise ValueError(error)
        return found


class NameWidget(RememberingWidget, widgets.ForeignKeyWidget):
    """A related record by its name, case-insensitively."""

    def __init__(self, model, label, field="name", **kwargs):
        super().__init__(model, field=field, **kwargs)
        self.label = label

    def clean(self, value, row=None, **kwargs):
        value = text(value)
        if not value:
            return None
        match = self.model.objects.filter(**{f"{self.field}__iexact": value}).first()
        if match is None:
            known = self.model.objects.values_list(self.field, flat=True)
            raise unknown(self.label, value, list(known))
        return match


class NamesWidget(widgets.ManyToManyWidget):
    """Several records by name, separated by semicolons: "VR simulation; Mobile learning"."""

    def __init__(self, model, label, field="name"):
        super().__init__(model, separator=";", field=field)
        self.label = label

    def clean(self, value, row=None, **kwargs):
        names = [name.strip() for name in text(value).split(self.separator) if name.strip()]
        # Small tables (categories, partners, programmes): match without case in Python,
        # which every database does the same way.
        every = {
            getattr(record, self.field).casefold(): record for record in self.model.objects.all()
        }
        for name in names:
            if name.casefold() not in every:
                raise unknown(self.label, name, [getattr(r, self.field) for r in every.values()])
        return self.model.objects.filter(pk__in=[every[name.casefold()].pk for name in names])

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return "; ".join(str(getattr(record, self.field)) for record in value.all())


class ChoiceWidget(widgets.Widget):
    """A choice by its label or its stored value, e.g. "Observer" or "observer"."""

    def __init__(self, choices, label):
        super().__init__()
        self.choices = choices
        self.label = label

    def clean(self, value, row=None, **kwargs):
        value = text(value)
        if not value:
            return ""
        for stored, shown in self.choices.choices:
            if value.casefold() in (stored.casefold(), str(shown).casefold()):
                return stored
        raise unknown(self.label, value, [str(shown) for shown in self.choices.labels])

    def render(self, value, obj=None, **kwargs):
        return self.choices(value).label if value else ""


class WholeNumberWidget(widgets.IntegerWidget):
    """A whole number; anything else is this column's error in plain words, where the package
    lets decimal's InvalidOperation ("[<class 'decimal.ConversionSyntax'>]") escape."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except (ValueError, ArithmeticError):
            raise ValueError("Enter a whole number, such as 3.") from None


def column_errors(fields, row):
    """{attribute: ValidationError} for each of `fields` whose cell in `row` names nothing."""
    errors = {}
    for field in fields:
        try:
            field.clean(row)
        except ValueError as error:
            errors[field.attribute] = ValidationError(str(error), code="invalid")
    return errors


def cell(value):
    """A cell as the portal stores it: an empty cell (None from XLSX) is empty text, and text
    loses the control characters no field stores (core.fields) before any query sees them:
    PostgreSQL refuses a NUL byte even in a lookup."""
    if value is None:
        return ""
    # A file exported from the portal carries a quote before any text a spreadsheet would
    # run as a formula; the text itself is what was exported.
    return printable(unguarded_cell(value)) if isinstance(value, str) else value


class DiffParts(resources.Diff):
    """The dry run's before/after of each cell as (tag, text) parts, "ins", "del" or "span".

    The package's Diff writes HTML with style attributes, which the admin's
    Content-Security-Policy refuses (style-src 'self'); the parts are stored as JSON with the
    checked import (core.imports) and drawn by `diff_html`, coloured by a style sheet."""

    TAGS = {
        diff_match_patch.DIFF_INSERT: "ins",
        diff_match_patch.DIFF_DELETE: "del",
        diff_match_patch.DIFF_EQUAL: "span",
    }

    def as_html(self):
        differ = diff_match_patch()
        cells = []
        for before, after in zip(self.left, self.right, strict=False):
            if before != after and self.new:
                before = ""
            changes = differ.diff_main(force_str(before), force_str(after))
            differ.diff_cleanupSemantic(changes)
            cells.append([[self.TAGS[op], part] for op, part in changes])
        return cells


def diff_html(parts):
    """One cell's DiffParts as HTML, without style attributes."""
    return format_html_join("", "<{}>{}</{}>", ((tag, text, tag) for tag, text in parts))


class SecretariatResource(resources.ModelResource):
    """Shared rules: whole-file transactions, model validation, plain-words errors."""

    def get_diff_class(self):
        return DiffParts

    def import_data(self, dataset, **kwargs):
        # All or nothing, in every step: import-export rolls back on invalid rows only when
        # asked, and its admin asks only in the dry run. A file that changed, or records
        # renamed meanwhile, must not land half-way at the confirmation either.
        kwargs["rollback_on_validation_errors"] = True
        self.cleaned_cells = []
        result = super().import_data(dataset, **kwargs)
        # For the dry run's page: which cells lost invisible characters.
        result.cleaned_cells = self.cleaned_cells
        return result

    def import_row(self, row, instance_loader, **kwargs):
        # Here rather than in before_import_row(), which the apps' resources override.
        cleaned = {column: cell(value) for column, value in row.items()}
        self.cleaned_cells += [
            f"Row {kwargs.get('row_number', 0) + 1}, column “{column}”"
            for column, value in row.items()
            if isinstance(value, str) and printable(value) != value
        ]
        return super().import_row(cleaned, instance_loader, **kwargs)

    def before_save_instance(self, instance, row, **kwargs):
        # A dry run is rolled back: history written for it would vanish anyway, after a query
        # or two per row and per link (django-simple-history's documented switch).
        if kwargs.get("dry_run"):
            instance.skip_history_when_saving = True
        super().before_save_instance(instance, row, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        # Many-to-many columns are only read after saving, where a bad name would surface
        # as a crash; check them with the other columns so the row is reported as invalid.
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        many = [
            f for f in self.get_import_fields() if isinstance(f.widget, widgets.ManyToManyWidget)
        ]
        errors.update(column_errors(many, row))
        errors.update(self.publishing_rule_errors(instance, kwargs.get("user")))
        if errors:
            raise ValidationError(errors)

    def publishing_rule_errors(self, instance, user):
        """{column: ValidationError} if this row would take a published record off the public
        site (a published initiative moved to a draft meeting) and `user` may not unpublish:
        imports leave a record's status alone, and must not hide it another way either."""
        model = type(instance)
        if not isinstance(instance, Publishable) or instance.pk is None:
            return {}
        values = {
            field.attribute: getattr(instance, field.attribute, None)
            for field in self.get_import_fields()
        }
        try:
            workflow.check_change(user, model, instance.pk, workflow.stored_changes(model, values))
        except ValidationError as error:
            return error.error_dict
        return {}

    def get_instance(self, instance_loader, row):
        # The columns that identify a row are read before the others; report a bad name
        # there as this row's error too, not as a crash.
        id_fields = [self.fields[name] for name in self.get_import_id_fields()]
        errors = column_errors(id_fields, row)
        if errors:
            raise ValidationError(errors)
        return super().get_instance(instance_loader, row)

    def template_dataset(self):
        """An empty sheet with the import's column headings."""
        return tablib.Dataset(headers=[field.column_name for field in self.get_import_fields()])

    class Meta:
        abstract = True
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
