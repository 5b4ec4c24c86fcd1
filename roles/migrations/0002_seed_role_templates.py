"""Seed the role library with the two operations leadership roles.

Grounded in the source material on how a VP and a Director of Operations differ: the VP owns
company-wide strategy, operational policy, budgets and resources, and aligns with the CEO, CFO and
other executives; the Director runs the day-to-day operations of a department or division,
production processes, KPI monitoring and bottleneck fixes, and communication inside the team.
The content lives here, not in app code, so this migration means the same thing forever.
"""

from django.db import migrations

VP = {
    "slug": "vp-of-operations",
    "title": "VP of Operations",
    "level": "vp",
    "display_order": 1,
    "reports_to": "Chief Executive Officer (CEO)",
    "summary": (
        "The VP of Operations is the executive accountable for the company's entire operational "
        "structure. A member of the senior leadership team, they set the operations strategy, turn "
        "it into plans that raise productivity and streamline processes across every division and "
        "site, and make sure operations drive the company's growth rather than hold it back."
    ),
    "scope": (
        "Company-wide. Owns operations across all divisions, sites and operational functions "
        "(production, supply chain, logistics, facilities, quality and operational excellence), "
        "the consolidated operations budget, and the leaders who run them, including the "
        "Directors of Operations."
    ),
    "impact": (
        "Strategic oversight with a ripple effect across the whole organisation: the VP sets the "
        "tone for operational efficiency, innovation and growth. Decisions on policy, capital and "
        "structure shape margin, capacity and customer experience for years, not quarters."
    ),
    "collaboration": (
        "Works as a peer of the CEO, CFO and the other executives to align operational strategy "
        "with the company's overarching vision: with the CFO on budgets, capital allocation and "
        "cost targets; with Sales and Product on demand and capacity; with HR on workforce "
        "planning; and with the board on operational performance and risk. Leads and develops the "
        "Directors of Operations and their teams."
    ),
    "responsibilities": [
        "Set the company-wide operations strategy and multi-year roadmap, aligned with the business "
        "plan agreed with the CEO and the board.",
        "Develop, implement and keep current the operational policies and standards that every "
        "division and site works to.",
        "Own the consolidated operations budget and capital plan: allocate people, equipment and "
        "funds across divisions and hold leaders to their commitments.",
        "Partner with the CEO, CFO and fellow executives to translate company goals into "
        "operational targets, and report progress to the executive team and the board.",
        "Identify the largest improvement opportunities across the operating model and sponsor the "
        "programmes that capture them.",
        "Design the operating structure — sites, shared services, outsourcing and make-or-buy "
        "decisions — for scale, cost and resilience.",
        "Lead, coach and hold accountable the Directors of Operations and other senior operations "
        "leaders; build a succession bench for every critical role.",
        "Establish the company's operating rhythm: the KPI framework, monthly business reviews and "
        "quarterly planning.",
        "Build a culture of continuous improvement and operational excellence (Lean, Six Sigma or "
        "equivalent) across all operational functions.",
        "Own enterprise operational risk: business continuity, supplier concentration, regulatory "
        "compliance, and health and safety.",
        "Lead the negotiation of strategic supplier, logistics and outsourcing agreements.",
        "Evaluate and sponsor technology investments (ERP, automation, analytics) that raise "
        "productivity company-wide.",
    ],
    "kpis": [
        (
            "Operating margin",
            "Operating income ÷ revenue, from the monthly management accounts",
            "≥ 18%, and +1.5 points year on year",
            "quarterly",
        ),
        (
            "Operations budget variance",
            "Actual vs budgeted operating spend, consolidated across all divisions",
            "Within ±3%",
            "monthly",
        ),
        (
            "Cost to serve",
            "Total operations cost as a percentage of revenue",
            "5% lower year on year",
            "quarterly",
        ),
        (
            "On-time, in-full delivery (company-wide)",
            "Orders delivered complete by the promised date ÷ all orders",
            "≥ 97%",
            "monthly",
        ),
        (
            "Return on operating capital",
            "Operating profit ÷ capital employed in operations",
            "≥ 20%",
            "annually",
        ),
        (
            "Strategic programme delivery",
            "Milestones of board-approved operations programmes met on time and on budget",
            "≥ 90%",
            "quarterly",
        ),
        (
            "Lost-time injury frequency rate",
            "Lost-time injuries per 1,000,000 hours worked, all sites",
            "< 1.0",
            "monthly",
        ),
        (
            "Operations leadership retention",
            "Voluntary retention of operations directors and managers over 12 months",
            "≥ 92%",
            "annually",
        ),
        (
            "Customer Net Promoter Score",
            "Relationship NPS survey of key accounts, operations-driven questions",
            "≥ +50",
            "quarterly",
        ),
    ],
    "qualifications": [
        (
            "15+ years in operations, including 7+ years leading multi-site or multi-division "
            "operations at executive level.",
            "required",
        ),
        (
            "A record of owning an operations budget or P&L above $50M and improving operating "
            "margin.",
            "required",
        ),
        (
            "Proven success setting and executing a company-wide operations strategy through "
            "other leaders.",
            "required",
        ),
        (
            "Experience working with a CEO, CFO and board: presenting plans, results and risks "
            "with clarity.",
            "required",
        ),
        (
            "Bachelor's degree in business, engineering, supply chain or a related field.",
            "required",
        ),
        ("MBA or master's degree in operations management.", "preferred"),
        ("Lean Six Sigma Black Belt or equivalent operational-excellence credential.", "preferred"),
        ("Experience leading an ERP or automation transformation at scale.", "preferred"),
    ],
}

DIRECTOR = {
    "slug": "director-of-operations",
    "title": "Director of Operations",
    "level": "director",
    "display_order": 2,
    "reports_to": "VP of Operations",
    "summary": (
        "The Director of Operations runs the day-to-day operations of a department or division. "
        "Working hands-on alongside department heads and front-line managers, they keep "
        "production on plan, watch the numbers every day, remove bottlenecks, and turn the "
        "operations strategy set by the VP into results on the floor."
    ),
    "scope": (
        "One division, site or operational department (for example a plant, a distribution "
        "centre or a service operation): its teams and managers, its operating budget and its "
        "production processes, within the policies and targets set by the VP of Operations."
    ),
    "impact": (
        "Targeted, measurable improvements inside their area: higher throughput, shorter cycle "
        "times, lower unit costs, safer work and more reliable delivery. Those gains add up to "
        "the company's overall productivity and performance."
    ),
    "collaboration": (
        "Builds strong communication channels within the department: daily stand-ups, shift "
        "handovers and clear escalation paths. Works closely with the heads of production, "
        "quality, maintenance, procurement and logistics, and reports performance, risks and "
        "needs to the VP of Operations."
    ),
    "responsibilities": [
        "Manage the day-to-day operations of the division so that output, quality and cost "
        "targets are met on every shift.",
        "Oversee production processes end to end — scheduling, capacity, materials and "
        "changeovers — and adjust plans as demand moves.",
        "Monitor the division's KPIs daily and weekly, and act quickly when a measure drifts off "
        "target.",
        "Find bottlenecks and their root causes, and implement fixes with Lean tools such as "
        "value-stream mapping, 5S and kaizen events.",
        "Translate the operations strategy and policies set by the VP into departmental plans, "
        "standard work and targets.",
        "Manage the division's operating budget: track spend weekly and explain every variance.",
        "Hire, lead and develop the department's managers and supervisors; set clear goals and "
        "hold regular one-to-ones.",
        "Run the team's communication rhythm: daily stand-ups, shift handovers, weekly "
        "performance reviews and clear escalation paths.",
        "Work closely with the heads of quality, maintenance, procurement and logistics to keep "
        "work flowing between teams.",
        "Enforce health, safety and environmental standards, and lead incident investigations "
        "through to closure.",
        "Maintain standard operating procedures and make sure every team member is trained on "
        "them.",
        "Prepare weekly and monthly performance reports for the VP of Operations, with the "
        "actions behind the numbers.",
    ],
    "kpis": [
        (
            "Production plan attainment",
            "Units produced ÷ units scheduled",
            "≥ 98%",
            "weekly",
        ),
        (
            "Cost per unit",
            "Total division operating cost ÷ units produced",
            "4% lower year on year",
            "monthly",
        ),
        (
            "Cycle time",
            "Average time from order release to completion",
            "15% shorter within 12 months",
            "weekly",
        ),
        (
            "On-time delivery (division)",
            "Orders shipped by the committed date ÷ all orders shipped",
            "≥ 96%",
            "weekly",
        ),
        (
            "Overall equipment effectiveness (OEE)",
            "Availability × performance × quality on the constraint lines",
            "≥ 80%",
            "weekly",
        ),
        (
            "First-pass yield",
            "Units passing quality checks the first time ÷ units produced",
            "≥ 98.5%",
            "weekly",
        ),
        (
            "Department budget variance",
            "Actual vs budgeted spend for the division",
            "Within ±5%",
            "monthly",
        ),
        (
            "Total recordable incident rate",
            "Recordable incidents × 200,000 ÷ hours worked",
            "< 1.5",
            "monthly",
        ),
        (
            "Employee retention",
            "Voluntary retention of division staff over 12 months",
            "≥ 88%",
            "quarterly",
        ),
    ],
    "qualifications": [
        (
            "8+ years of operations experience, including 4+ years managing managers in a "
            "production, distribution or service operation.",
            "required",
        ),
        (
            "Hands-on experience running production processes and improving measures such as "
            "OEE, cycle time and cost per unit.",
            "required",
        ),
        (
            "Working knowledge of Lean and continuous-improvement tools, and of root-cause "
            "problem solving.",
            "required",
        ),
        ("Experience owning and reporting on a departmental budget.", "required"),
        (
            "Clear communicator who runs effective stand-ups, reviews and shift handovers.",
            "required",
        ),
        (
            "Bachelor's degree in engineering, operations management, supply chain or a related "
            "field, or equivalent experience.",
            "required",
        ),
        ("Lean Six Sigma Green Belt or higher.", "preferred"),
        ("Experience with ERP or MES systems.", "preferred"),
        ("Health and safety certification such as NEBOSH or OSHA 30.", "preferred"),
    ],
}

ROLES = [VP, DIRECTOR]
ROLE_FIELDS = [
    "title",
    "level",
    "display_order",
    "reports_to",
    "summary",
    "scope",
    "impact",
    "collaboration",
]


def seed(apps, schema_editor):
    RoleTemplate = apps.get_model("roles", "RoleTemplate")
    TemplateResponsibility = apps.get_model("roles", "TemplateResponsibility")
    TemplateKPI = apps.get_model("roles", "TemplateKPI")
    TemplateQualification = apps.get_model("roles", "TemplateQualification")
    for role in ROLES:
        template, created = RoleTemplate.objects.get_or_create(
            slug=role["slug"], defaults={name: role[name] for name in ROLE_FIELDS}
        )
        if not created:
            continue  # An admin already keeps this role; never overwrite their work.
        TemplateResponsibility.objects.bulk_create(
            TemplateResponsibility(template=template, position=position, text=text)
            for position, text in enumerate(role["responsibilities"])
        )
        TemplateKPI.objects.bulk_create(
            TemplateKPI(
                template=template,
                position=position,
                name=name,
                measure=measure,
                target=target,
                cadence=cadence,
            )
            for position, (name, measure, target, cadence) in enumerate(role["kpis"])
        )
        TemplateQualification.objects.bulk_create(
            TemplateQualification(template=template, position=position, text=text, kind=kind)
            for position, (text, kind) in enumerate(role["qualifications"])
        )


def unseed(apps, schema_editor):
    RoleTemplate = apps.get_model("roles", "RoleTemplate")
    RoleTemplate.objects.filter(slug__in=[role["slug"] for role in ROLES]).delete()


class Migration(migrations.Migration):
    dependencies = [("roles", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
