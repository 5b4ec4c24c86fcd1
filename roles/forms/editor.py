"""The draft editor: the job description form and one ordered, deletable formset per item list,
and what the editor's views read from them (the values to save or check, the error summary). Kept
together: the form, the formsets and the reads of their values change together."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.forms.formsets import DELETION_FIELD_NAME, ORDERING_FIELD_NAME
from django.forms.renderers import Jinja2
from django.forms.utils import flatatt
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from roles.checks import places
from roles.checks.printable import describe_characters, unprintable_characters
from roles.documents.fonts import printable_codepoints
from roles.forms.fields import https_formfield
from roles.models import (
    EDITABLE_FIELDS,
    KPI,
    MAX_ITEMS,
    JobDescription,
    Qualification,
    Responsibility,
    WorkLocation,
)
from roles.services.drafts import ItemValues

#: The editor draws some 200 widgets; with Django's Jinja2 templates for them the editor page takes
#: 24 ms instead of 63 ms (docs/performance.md). The pages themselves stay Django templates.
EDITOR_RENDERER = Jinja2()


#: Django's words for a text over its limit, and what that means for the guidance panel (which
#: leaves such a text out: see ``live_values``).
OVER_LIMIT_MESSAGE = (
    "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d). It is "
    "over the limit, so the guidance does not check it until it is shortened."
)


def over_limit(field: forms.Field, value) -> bool:
    """Whether ``value`` as typed is longer than ``field`` allows."""
    limit = getattr(field, "max_length", None)
    return bool(limit) and isinstance(value, str) and len(value) > limit


class OverLimitMessageMixin:
    """Refuse text over its limit in words that say the guidance does not check it."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if getattr(field, "max_length", None):
                field.error_messages["max_length"] = OVER_LIMIT_MESSAGE
            # Django's blank choice reads "---------"; HR reads words.
            if isinstance(field, forms.TypedChoiceField) and not isinstance(
                field.widget, forms.HiddenInput
            ):
                choices = list(field.choices)
                if choices and choices[0] == ("", "---------"):
                    field.choices = [("", "Not set"), *choices[1:]]


class PrintableTextMixin:
    """Refuse text the PDF would print as empty boxes, naming the characters."""

    def clean(self):
        cleaned_data = super().clean()
        for name, value in list(cleaned_data.items()):
            if isinstance(value, str) and (
                unprintable := unprintable_characters(value, printable_codepoints())
            ):
                self.add_error(
                    name,
                    f"The PDF cannot print {describe_characters(unprintable)}. "
                    "Remove or replace these characters.",
                )
        return cleaned_data


class BootstrapBoundField(forms.BoundField):
    """A field whose widget carries Bootstrap's classes itself (``form-control``, ``is-invalid``…),
    so ``roles/_field.html`` can render it with one small include: the editor shows some 200
    fields, and crispy-forms' per-field templates cost several times as much."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if widget.is_hidden or isinstance(widget, forms.CheckboxInput):
            return attrs
        classes = ["form-select" if isinstance(widget, forms.Select) else "form-control"]
        if self.errors:
            classes.append("is-invalid")
        attrs["class"] = " ".join([*widget.attrs.get("class", "").split(), *classes])
        return attrs


class JobDescriptionForm(OverLimitMessageMixin, PrintableTextMixin, forms.ModelForm):
    """The draft's own fields; ``roles/_editor_form.html`` lays them out."""

    bound_field_class = BootstrapBoundField
    default_renderer = EDITOR_RENDERER
    #: The version the editor was loaded at; the save checks it (optimistic locking).
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = JobDescription
        fields = EDITABLE_FIELDS
        formfield_callback = https_formfield
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "scope": forms.Textarea(attrs={"rows": 3}),
            "impact": forms.Textarea(attrs={"rows": 3}),
            "collaboration": forms.Textarea(attrs={"rows": 3}),
            "salary_min": forms.NumberInput(attrs={"min": 0, "step": "any"}),
            "salary_max": forms.NumberInput(attrs={"min": 0, "step": "any"}),
            "benefits": forms.Textarea(attrs={"rows": 3}),
            "other_compensation": forms.Textarea(attrs={"rows": 2}),
            "applications_rolling": forms.CheckboxInput(attrs={"class": "form-check-input"}),
            "experience_in_place_of_education": forms.CheckboxInput(
                attrs={"class": "form-check-input"}
            ),
            "publish_on_careers_page": forms.CheckboxInput(attrs={"class": "form-check-input"}),
            "experience_months": forms.NumberInput(attrs={"min": 0, "max": 600}),
            "posting_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closing_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.version
        # Whole amounts show as typed: 150000, not 150000.00.
        for name in ("salary_min", "salary_max"):
            value = self.initial.get(name)
            if isinstance(value, Decimal) and value == value.to_integral_value():
                self.initial[name] = value.quantize(Decimal(1))


class ItemForm(OverLimitMessageMixin, PrintableTextMixin, forms.ModelForm):
    """One row of an item list. ``columns`` lays out its content fields on a Bootstrap grid."""

    bound_field_class = BootstrapBoundField
    default_renderer = EDITOR_RENDERER
    columns: dict[str, str] = {}

    def has_changed(self) -> bool:
        # Moving a blank new row or ticking "Remove" on it is not content: the row stays empty.
        return any(
            name not in (ORDERING_FIELD_NAME, DELETION_FIELD_NAME) for name in self.changed_data
        )

    def content_fields(self) -> list[tuple[forms.BoundField, str]]:
        return [(self[name], css) for name, css in self.columns.items()]


class ResponsibilityForm(ItemForm):
    columns = {"text": "col-12"}

    class Meta:
        model = Responsibility
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class KPIForm(ItemForm):
    # Name and measure read as sentences: the full width; target and cadence side by side.
    columns = {
        "name": "col-12",
        "measure": "col-12",
        "target": "col-sm-7",
        "cadence": "col-sm-5",
    }

    class Meta:
        model = KPI
        fields = ["name", "measure", "target", "cadence"]


class QualificationForm(ItemForm):
    columns = {"text": "col-md-9", "kind": "col-md-3"}

    class Meta:
        model = Qualification
        fields = ["text", "kind"]
        labels = {"kind": "Required or preferred"}
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class CountrySelect(forms.Select):
    """The country list (django-countries: some 250 options), its options escaped once per
    language and reused. Django's Select draws each option through its own template: 7 ms for
    every location row of the editor. The markup is the same."""

    _options: dict[str, str] = {}

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        language = translation.get_language() or ""
        if language not in self._options:
            self._options[language] = format_html_join(
                "", '<option value="{}">{}</option>', self.choices
            )
        options = self._options[language]
        if value:
            chosen = format_html('<option value="{}">', str(value))
            options = options.replace(chosen, chosen[:-1] + " selected>", 1)
        return format_html("<select{}>{}</select>", flatatt(attrs), mark_safe(options))


class LocationForm(ItemForm):
    # Longer than the code the model keeps: a name ("Newfoundland and Labrador") is read as its
    # code in clean().
    region = forms.CharField(label="State/prov.", max_length=40, required=False)
    # Two lines: beside the guidance panel the row is about 560 px wide, and five fields on one
    # line cut "Arrangement" into "City" and "Hybrid" to "Hyb".
    columns = {
        "arrangement": "col-md-4",
        "city": "col-md-8",
        "region": "col-md-3",
        "postal_code": "col-md-3",
        "country": "col-md-6",
    }

    class Meta:
        model = WorkLocation
        fields = ["arrangement", "city", "region", "postal_code", "country"]
        labels = {"region": "State/prov.", "postal_code": "ZIP/postal code"}
        help_texts = {"region": ""}
        widgets = {"country": CountrySelect}

    def clean(self) -> dict:
        """A state or province by name as well as by code: "Colorado" is CO."""
        cleaned = super().clean()
        region, country = cleaned.get("region", ""), str(cleaned.get("country") or "")
        if region:
            code = places.region_code(country, region)
            if code is None:
                self.add_error(
                    "region",
                    f"Enter a state or province of {country}: its code (NY) or name (New York).",
                )
            else:
                cleaned["region"] = code
        return cleaned


class ExistingRowField(forms.ModelChoiceField):
    """The hidden id of an existing row, looked up among the rows the formset already loaded.

    Django's own field runs one query per row to check the id; with 40 rows in three lists that
    is 120 queries per save for facts the formset already has.
    """

    def __init__(self, *args, lookup, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lookup = lookup

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            key = self.queryset.model._meta.pk.to_python(value)
        except ValidationError:
            key = None
        row = self.lookup(key) if key is not None else None
        if row is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return row


class ItemFormSet(forms.BaseInlineFormSet):
    default_error_messages = {
        "too_many_forms": f"A list can hold at most {MAX_ITEMS} items. Remove some before saving.",
        "too_few_forms": "Keep at least %(num)d item in this list.",
    }
    default_renderer = EDITOR_RENDERER
    #: Shown above the list on the editor and used in the "Add …" button.
    heading = ""
    item_name = ""

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        pk_name = self._pk_field.name
        original = form.fields[pk_name]
        form.fields[pk_name] = ExistingRowField(
            original.queryset,
            lookup=self._existing_object,
            initial=original.initial,
            required=False,
            widget=original.widget,
        )
        form.fields[ORDERING_FIELD_NAME].label = "Position"
        form.fields[ORDERING_FIELD_NAME].widget.attrs.update({"min": 1, "class": "item-order"})
        form.fields[DELETION_FIELD_NAME].label = "Remove"
        # Bootstrap's toggle-button look works without JavaScript; CSS hides a removed row.
        form.fields[DELETION_FIELD_NAME].widget.attrs.update(
            {"class": "btn-check item-delete", "autocomplete": "off"}
        )

    def blank_form(self, index: int) -> ItemForm:
        """A new, empty row numbered ``index``: ``empty_form`` with a real index instead of
        ``__prefix__``, so htmx can append it as it is."""
        form = self.form(
            **self.get_form_kwargs(None),
            auto_id=self.auto_id,
            prefix=self.add_prefix(index),
            empty_permitted=True,
            use_required_attribute=False,
            renderer=self.renderer,
        )
        self.add_fields(form, None)
        return form


def item_formset(form: type[ItemForm], heading: str, item_name: str, *, min_num: int = 0):
    formset = forms.inlineformset_factory(
        JobDescription,
        form._meta.model,
        form=form,
        formset=ItemFormSet,
        extra=0,
        can_order=True,
        can_delete=True,
        min_num=min_num,
        validate_min=bool(min_num),
        max_num=MAX_ITEMS,
        validate_max=True,
        # A tampered TOTAL_FORMS never builds more forms than a list may hold.
        absolute_max=MAX_ITEMS,
    )
    formset.heading = heading
    formset.item_name = item_name
    return formset


ResponsibilityFormSet = item_formset(
    ResponsibilityForm, "Key responsibilities", "responsibility", min_num=1
)
KPIFormSet = item_formset(KPIForm, "Key performance indicators", "KPI")
QualificationFormSet = item_formset(QualificationForm, "Qualifications", "qualification")
LocationFormSet = item_formset(LocationForm, "Work locations", "location")

#: Editor formsets by prefix (the related name), in the order the editor and document show them.
ITEM_FORMSETS = {
    "responsibilities": ResponsibilityFormSet,
    "kpis": KPIFormSet,
    "qualifications": QualificationFormSet,
    "locations": LocationFormSet,
}


def editor_forms(job_description: JobDescription, data=None, *, add_to: str | None = None):
    """The editor's form and formsets, bound to ``data`` when given.

    ``add_to`` names a list that gets one blank row, for adding items without JavaScript.
    """
    form = JobDescriptionForm(data, instance=job_description)
    formsets = {}
    for prefix, formset_class in ITEM_FORMSETS.items():
        formset = formset_class(
            data,
            instance=job_description,
            prefix=prefix,
            queryset=getattr(job_description, prefix).all(),
        )
        if data is None and prefix == add_to and formset.total_form_count() < MAX_ITEMS:
            formset.extra = 1
        formsets[prefix] = formset
    return form, formsets


def draft_values(form: JobDescriptionForm, formsets: dict) -> tuple[dict, dict]:
    """What valid editor forms say, as the values ``jobdescription_save`` takes: the draft's
    fields, and each list's rows in their new order, each with the id of its saved row.

    Removed rows and untouched blank rows are left out. A saved row the page did not send at all
    (a truncated or tampered page; a row another tab added) is kept as it is, after the others:
    only a row a person marked "Remove" is removed.
    """
    fields = {name: form.cleaned_data[name] for name in EDITABLE_FIELDS}
    items = {}
    for prefix, formset in formsets.items():
        sent = {row.pk for item_form in formset.forms if (row := item_form.cleaned_data.get("id"))}
        items[prefix] = [
            ItemValues(
                id=row.pk if (row := item_form.cleaned_data.get("id")) else None,
                values={name: item_form.cleaned_data[name] for name in item_form.columns},
            )
            for item_form in formset.ordered_forms
        ] + [
            ItemValues(
                id=row.pk, values={name: getattr(row, name) for name in formset.form.columns}
            )
            for row in formset.get_queryset()
            if row.pk not in sent
        ]
    return fields, items


def error_summary(form: forms.ModelForm, formsets: dict) -> list[tuple[str, str]]:
    """Every error on the editor as (field id to link to, message), in page order."""
    errors = []

    def add_form_errors(form_, label_prefix: str = "") -> None:
        for message in form_.non_field_errors():
            errors.append(("", f"{label_prefix}{message}"))
        for field in form_:
            for message in field.errors:
                errors.append((field.id_for_label, f"{label_prefix}{field.label}: {message}"))

    add_form_errors(form)
    for formset in formsets.values():
        for message in formset.non_form_errors():
            errors.append((f"{formset.prefix}-heading", f"{formset.heading}: {message}"))
        for number, item_form in enumerate(formset.forms, start=1):
            item_name = formset.item_name[:1].upper() + formset.item_name[1:]
            add_form_errors(item_form, f"{item_name} {number} – ")
    return errors


#: The field of each list that a finding about a whole item links to.
ITEM_MAIN_FIELDS = {
    "responsibilities": "text",
    "kpis": "name",
    "qualifications": "text",
    "locations": "city",
}


def live_values(form: JobDescriptionForm, formsets: dict) -> tuple[dict, dict, dict]:
    """What the editor says right now, valid or not, for the guidance panel (which never
    saves): the draft's valid fields, each list's rows in their order as (id, values), and for
    each list the form prefix of each row in that order (what a finding links to).

    A field that does not validate is sent as it was typed where it is text (unless it is over
    its limit: then it is left out), and left to the saved value otherwise; removed rows and
    untouched blank rows are left out."""
    form.is_valid()
    fields = {
        name: form.cleaned_data[name] for name in EDITABLE_FIELDS if name in form.cleaned_data
    }
    items, prefixes = {}, {}
    for name, formset in formsets.items():
        formset.is_valid()
        rows = []
        for index, item_form in enumerate(formset.forms):
            data = getattr(item_form, "cleaned_data", {})
            saved = data.get("id")
            if data.get(DELETION_FIELD_NAME) or not (saved or item_form.has_changed()):
                continue
            # A text over its limit is left out (checked as blank): it cannot be saved, its
            # error says so, and checking up to a whole request's worth of text would be slow.
            values = {
                column: data[column] if column in data else (item_form[column].value() or "")
                for column in item_form.columns
                if column in data
                or not over_limit(item_form.fields[column], item_form[column].value())
            }
            order = data.get(ORDERING_FIELD_NAME)
            rows.append((order if order is not None else MAX_ITEMS + 1, index, saved, values))
        rows.sort(key=lambda row: (row[0], row[1]))
        items[name] = [(saved.pk if saved else None, values) for _o, _i, saved, values in rows]
        prefixes[name] = [formset.add_prefix(index) for _o, index, _s, _v in rows]
    return fields, items, prefixes


def saved_rows(formsets: dict) -> tuple[dict, dict]:
    """The saved lists as the unbound formsets read them (no second query), and each row's form
    prefix in that order."""
    rows = {name: list(formset.get_queryset()) for name, formset in formsets.items()}
    prefixes = {
        name: [formset.add_prefix(index) for index in range(len(rows[name]))]
        for name, formset in formsets.items()
    }
    return rows, prefixes
