"""The shipped intervention catalogue (ECM primer, section 2), in English and Welsh,
with the lowest tier each suits and, where relevant, the developmental level it needs.
Only adds types whose code is not there yet, so corrections made since are kept."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

# code: (name, Welsh name, lowest tier, domain, functioning age in months, description)
CATALOGUE: list[tuple[str, str, str, int, str, int | None, str]] = [
    (
        "routine",
        "Routine-building appointments",
        "Apwyntiadau i feithrin trefn",
        1,
        "",
        None,
        "Regular appointments at the same time and place; attendance itself is the outcome.",
    ),
    (
        "speech-language",
        "Speech and language therapy",
        "Therapi lleferydd ac iaith",
        1,
        "",
        None,
        "Assessment and support for speech, language and communication needs.",
    ),
    (
        "key-worker",
        "Key-worker relationship work",
        "Gwaith perthynas gyda gweithiwr allweddol",
        2,
        "",
        None,
        "A consistent key worker building a trusted relationship with the child.",
    ),
    (
        "family-work",
        "Family work",
        "Gwaith gyda'r teulu",
        2,
        "",
        None,
        "Relationship building with the child's family and carers.",
    ),
    (
        "trauma-therapy",
        "Specialist trauma therapy",
        "Therapi trawma arbenigol",
        3,
        "",
        None,
        "Specialist therapeutic work and containment once the child is stable.",
    ),
    (
        "anger-management",
        "Anger management",
        "Rheoli dicter",
        4,
        "emotional",
        120,
        "Recognising and managing anger.",
    ),
    (
        "consequential-thinking",
        "Consequential thinking",
        "Meddwl am ganlyniadau",
        4,
        "cognitive",
        120,
        "Thinking through what happens after a choice.",
    ),
    (
        "victim-empathy",
        "Victim empathy",
        "Empathi tuag at ddioddefwyr",
        4,
        "emotional",
        132,
        "Understanding how others were affected.",
    ),
    (
        "restorative-practice",
        "Restorative practice",
        "Ymarfer adferol",
        4,
        "social",
        120,
        "Repairing harm with the people affected.",
    ),
    (
        "cbt",
        "Cognitive behavioural therapy (CBT)",
        "Therapi ymddygiad gwybyddol (CBT)",
        4,
        "cognitive",
        132,
        "Working on the links between thoughts, feelings and actions.",
    ),
    (
        "good-lives",
        "Good Lives",
        "Bywydau Da",
        4,
        "",
        None,
        "Building a good life around the child's own goals and strengths.",
    ),
    (
        "education-training",
        "Education and training support",
        "Cefnogaeth gydag addysg a hyfforddiant",
        5,
        "",
        None,
        "Adult-guided planning for education, training or work, structured for success.",
    ),
    (
        "mentoring",
        "Mentoring",
        "Mentora",
        5,
        "",
        None,
        "A mentor supporting the child's sense of purpose and achievement.",
    ),
    (
        "motivational-interviewing",
        "Motivational interviewing",
        "Cyfweld ysgogiadol",
        6,
        "communication",
        144,
        "Goal setting and self-determination within a safety net.",
    ),
]


def seed(apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    tier_model = apps.get_model("trm", "Tier")
    intervention_model = apps.get_model("interventions", "InterventionType")
    tiers = {tier.number: tier for tier in tier_model.objects.all()}
    shipped = set(
        intervention_model.objects.filter(service__isnull=True).values_list("code", flat=True)
    )
    for code, name, name_cy, tier, domain, age, description in CATALOGUE:
        if code in shipped or tier not in tiers:
            continue
        intervention_model.objects.create(
            code=code,
            name=name,
            name_cy=name_cy,
            description=description,
            lowest_tier=tiers[tier],
            needs_domain=domain,
            needs_age_months=age,
        )


class Migration(migrations.Migration):
    dependencies = [("interventions", "0001_initial"), ("trm", "0002_seed_tiers")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
