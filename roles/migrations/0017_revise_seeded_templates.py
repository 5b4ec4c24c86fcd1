"""Revise the two seeded templates where they trip the guidance checks, so that a fresh draft of
either opens with no findings:

- gender-coded words that a neutral word says as well (Gaucher, Friesen & Kay 2011: 13
  masculine-coded words in the VP template, "leaders", "leading", "decisions", "Lead" becoming
  "managers", "running", "choices", "Direct"; in the Director's, two "lead" and one
  "committed"), leaving both templates with no coded words;
- sentences over 30 words, split in two;
- a required degree without "or equivalent experience" (VP);
- the posting details a complete job description needs: each template gets a pay band (the
  role's range, copied into every new draft), a general description of benefits and other pay,
  and a work location (hybrid, Chicago, IL: Illinois asks for the pay range and benefits, which
  the template now gives).

A text is changed only while it is still exactly as 0002 seeded it: an HR admin's own edit is kept.
"""

import importlib
from decimal import Decimal

from django.db import migrations

SEEDED = importlib.import_module("roles.migrations.0002_seed_role_templates")

# (template slug, words as seeded, words revised): applied inside the seeded texts.
REVISIONS = [
    (
        "vp-of-operations",
        "A member of the senior leadership team, they set the operations strategy, turn it into "
        "plans that raise productivity and streamline processes across every division and site, "
        "and make sure operations drive the company's growth rather than hold it back.",
        "A member of the executive team, they set the operations strategy. They turn it into "
        "plans that raise productivity across every division and site, and make sure operations "
        "drive the company's growth rather than hold it back.",
    ),
    (
        "vp-of-operations",
        "Owns operations across all divisions, sites and operational functions (production, "
        "supply chain, logistics, facilities, quality and operational excellence), the "
        "consolidated operations budget, and the leaders who run them, including the Directors "
        "of Operations.",
        "Owns operations across all divisions, sites and functions (production, supply chain, "
        "logistics, facilities, quality and operational excellence). That includes the "
        "consolidated operations budget and the managers who run them, Directors of Operations "
        "among them.",
    ),
    ("vp-of-operations", "Decisions on policy", "Choices on policy"),
    (
        "vp-of-operations",
        "Works as a peer of the CEO, CFO and the other executives to align operational strategy "
        "with the company's overarching vision: with the CFO on budgets, capital allocation and "
        "cost targets; with Sales and Product on demand and capacity; with HR on workforce "
        "planning; and with the board on operational performance and risk. Leads and develops "
        "the Directors of Operations and their teams.",
        "Works as a peer of the CEO, CFO and the other executives to align operational strategy "
        "with the company's overarching vision. Works with the CFO on budgets, capital allocation "
        "and cost targets; Sales and Product on demand and capacity; HR on workforce planning; "
        "and the board on performance and risk. Develops the Directors of Operations and their "
        "teams.",
    ),
    ("vp-of-operations", "hold leaders to their commitments", "hold division heads to account"),
    ("vp-of-operations", "make-or-buy decisions", "make-or-buy choices"),
    (
        "vp-of-operations",
        "Lead, coach and hold accountable the Directors of Operations and other senior "
        "operations leaders;",
        "Coach and hold accountable the Directors of Operations and other senior operations "
        "managers;",
    ),
    ("vp-of-operations", "Lead the negotiation", "Direct the negotiation"),
    ("vp-of-operations", "7+ years leading multi-site", "7+ years running multi-site"),
    ("vp-of-operations", "through other leaders.", "through other managers."),
    ("vp-of-operations", "Experience leading an ERP", "Experience directing an ERP"),
    ("vp-of-operations", "Operations leadership retention", "Operations management retention"),
    (
        "vp-of-operations",
        "Bachelor's degree in business, engineering, supply chain or a related field.",
        "Bachelor's degree in business, engineering, supply chain or a related field, or "
        "equivalent experience.",
    ),
    ("director-of-operations", "Hire, lead and develop", "Hire, coach and develop"),
    (
        "director-of-operations",
        "and lead incident investigations",
        "and run incident investigations",
    ),
    ("director-of-operations", "by the committed date", "by the promised date"),
    (
        "director-of-operations",
        "Working hands-on alongside department heads and front-line managers, they keep "
        "production on plan, watch the numbers every day, remove bottlenecks, and turn the "
        "operations strategy set by the VP into results on the floor.",
        "Working hands-on alongside department heads and front-line managers, they keep "
        "production on plan and watch the numbers every day. They remove bottlenecks and turn "
        "the operations strategy set by the VP into results on the floor.",
    ),
    (
        "director-of-operations",
        "One division, site or operational department (for example a plant, a distribution "
        "centre or a service operation): its teams and managers, its operating budget and its "
        "production processes, within the policies and targets set by the VP of Operations.",
        "One division, site or operational department, such as a plant, a distribution centre "
        "or a service operation. It covers the teams and managers, the operating budget and the "
        "production processes, within the policies and targets set by the VP of Operations.",
    ),
]

BENEFITS = (
    "Medical, dental and vision cover from day one, and a 401(k) plan with a 5% employer match. "
    "25 days of paid time off plus public holidays, 16 weeks of paid parental leave and a yearly "
    "learning budget."
)

POSTING = {
    "vp-of-operations": {
        "salary_min": Decimal("220000"),
        "salary_max": Decimal("270000"),
        "salary_currency": "USD",
        "pay_period": "year",
        "benefits": BENEFITS,
        "other_compensation": "An annual bonus with a target of 30% of base pay, and a "
        "long-term incentive plan.",
    },
    "director-of-operations": {
        "salary_min": Decimal("150000"),
        "salary_max": Decimal("185000"),
        "salary_currency": "USD",
        "pay_period": "year",
        "benefits": BENEFITS,
        "other_compensation": "An annual bonus with a target of 15% of base pay.",
    },
}


def _seeded_texts(slug: str):
    """Every text 0002 seeded for the template: (field or list, text)."""
    seeded = next(t for t in (SEEDED.VP, SEEDED.DIRECTOR) if t["slug"] == slug)
    for field in ("summary", "scope", "impact", "collaboration"):
        yield field, seeded[field]
    for text in seeded["responsibilities"]:
        yield "responsibilities", text
    for name, measure, *_ in seeded["kpis"]:
        yield "kpis", name
        yield "kpi_measures", measure
    for text, _kind in seeded["qualifications"]:
        yield "qualifications", text


def _revised(text: str, slug: str) -> str:
    for revision_slug, old, new in REVISIONS:
        if revision_slug == slug:
            text = text.replace(old, new)
    return text


def revise(apps, schema_editor):
    RoleTemplate = apps.get_model("roles", "RoleTemplate")
    TemplateWorkLocation = apps.get_model("roles", "TemplateWorkLocation")
    lists = {
        "responsibilities": (apps.get_model("roles", "TemplateResponsibility"), "text"),
        "kpis": (apps.get_model("roles", "TemplateKPI"), "name"),
        "kpi_measures": (apps.get_model("roles", "TemplateKPI"), "measure"),
        "qualifications": (apps.get_model("roles", "TemplateQualification"), "text"),
    }
    for template in RoleTemplate.objects.filter(slug__in=POSTING):
        for where, text in _seeded_texts(template.slug):
            new = _revised(text, template.slug)
            if new == text:
                continue
            if where in lists:
                model, field = lists[where]
                model.objects.filter(template=template, **{field: text}).update(**{field: new})
            elif getattr(template, where) == text:
                setattr(template, where, new)
        if template.salary_min is None and template.salary_max is None:
            for field, value in POSTING[template.slug].items():
                setattr(template, field, value)
        template.save()
        if not TemplateWorkLocation.objects.filter(template=template).exists():
            TemplateWorkLocation.objects.create(
                template=template,
                position=1,
                arrangement="hybrid",
                city="Chicago",
                region="IL",
                country="US",
            )


class Migration(migrations.Migration):
    dependencies = [("roles", "0016_seed_guidance_data")]

    operations = [migrations.RunPython(revise, migrations.RunPython.noop)]
