"""The needs checklist as first offered. System administrators can change it in the
Django admin afterwards; this migration only adds types whose code is not there yet."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

# (code, English name, Welsh name, indicates trauma)
NEED_TYPES = [
    ("substance-misuse", "Substance misuse", "Camddefnyddio sylweddau", False),
    ("domestic-abuse", "Experience of domestic abuse", "Profiad o gam-drin domestig", True),
    ("physical-abuse", "Victim of physical abuse", "Dioddefwr cam-drin corfforol", True),
    ("sexual-abuse", "Victim of sexual abuse", "Dioddefwr cam-drin rhywiol", True),
    ("exploitation", "Victim of exploitation", "Dioddefwr camfanteisio", True),
    ("mental-health", "Mental health", "Iechyd meddwl", False),
    (
        "speech-language-communication",
        "Speech, language and communication needs",
        "Anghenion lleferydd, iaith a chyfathrebu",
        False,
    ),
    (
        "sen-aln",
        "Special educational needs / additional learning needs",
        "Anghenion addysgol arbennig / anghenion dysgu ychwanegol",
        False,
    ),
    ("neurodisability", "Neurodisability", "Niwroanabledd", False),
    (
        "education-exclusion-neet",
        "Education exclusion or not in education, employment or training",
        "Gwaharddiad o addysg neu ddim mewn addysg, cyflogaeth na hyfforddiant",
        False,
    ),
    ("unsuitable-accommodation", "Unsuitable accommodation", "Llety anaddas", False),
    ("care-experienced", "Care-experienced", "Profiad o fod mewn gofal", True),
    ("bereavement", "Bereavement", "Profedigaeth", True),
    ("physical-health", "Physical health", "Iechyd corfforol", False),
    ("parental-imprisonment", "Parental imprisonment", "Rhiant yn y carchar", False),
]


def seed(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    NeedType = apps.get_model("needs", "NeedType")
    for order, (code, name, name_cy, trauma) in enumerate(NEED_TYPES, start=1):
        NeedType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_cy": name_cy,
                "indicates_trauma": trauma,
                "sort_order": order * 10,
                "is_active": True,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("needs", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
