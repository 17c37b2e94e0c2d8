"""The categories of life events as first offered: the ten adverse childhood experiences
of the primer (§4), positive and protective factors, and the events that shape a
child's life. System administrators can change them in the Django admin afterwards;
this migration only adds categories whose code is not there yet."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

# (code, English name, Welsh name, group, usual valence, shape)
CATEGORIES = [
    ("emotional-abuse", "Emotional abuse", "Cam-drin emosiynol", "ace", "adverse", "triangle"),
    ("physical-abuse", "Physical abuse", "Cam-drin corfforol", "ace", "adverse", "triangle"),
    ("sexual-abuse", "Sexual abuse", "Cam-drin rhywiol", "ace", "adverse", "triangle"),
    (
        "emotional-neglect",
        "Emotional neglect",
        "Esgeulustod emosiynol",
        "ace",
        "adverse",
        "triangle",
    ),
    ("physical-neglect", "Physical neglect", "Esgeulustod corfforol", "ace", "adverse", "triangle"),
    (
        "domestic-violence",
        "Domestic violence witnessed",
        "Gweld trais domestig",
        "ace",
        "adverse",
        "triangle",
    ),
    (
        "household-substance-misuse",
        "Household substance misuse",
        "Camddefnyddio sylweddau ar yr aelwyd",
        "ace",
        "adverse",
        "triangle",
    ),
    (
        "household-mental-illness",
        "Household mental illness",
        "Salwch meddwl ar yr aelwyd",
        "ace",
        "adverse",
        "triangle",
    ),
    (
        "parental-separation",
        "Parental separation",
        "Rhieni'n gwahanu",
        "ace",
        "adverse",
        "triangle",
    ),
    (
        "household-imprisonment",
        "Household member in prison",
        "Aelod o'r aelwyd yn y carchar",
        "ace",
        "adverse",
        "triangle",
    ),
    (
        "trusted-adult",
        "Trusted adult",
        "Oedolyn y mae'r plentyn yn ymddiried ynddo",
        "protective",
        "positive",
        "star",
    ),
    ("achievement", "Achievement", "Cyflawniad", "protective", "positive", "star"),
    ("stable-home", "Stable home", "Cartref sefydlog", "protective", "positive", "star"),
    (
        "positive-activity",
        "Positive activity",
        "Gweithgaredd cadarnhaol",
        "protective",
        "positive",
        "star",
    ),
    ("home-move", "Move of home", "Symud cartref", "home_move", "neutral", "square"),
    ("school-change", "Change of school", "Newid ysgol", "school_change", "neutral", "diamond"),
    (
        "exclusion",
        "Exclusion from school",
        "Gwaharddiad o'r ysgol",
        "exclusion",
        "adverse",
        "cross",
    ),
    ("bereavement", "Bereavement", "Profedigaeth", "bereavement", "adverse", "hexagon"),
    ("care-episode", "Care episode", "Cyfnod mewn gofal", "care", "neutral", "circle"),
    ("health-event", "Health event", "Digwyddiad iechyd", "health", "neutral", "hexagon"),
    (
        "service-contact",
        "Contact with services",
        "Cysylltiad â gwasanaethau",
        "services",
        "neutral",
        "circle",
    ),
    ("offending", "Offending", "Troseddu", "offending", "adverse", "cross"),
    ("other", "Other", "Arall", "other", "neutral", "square"),
]


def seed(apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    EventCategory = apps.get_model("timeline", "EventCategory")
    for order, (code, name, name_cy, group, valence, shape) in enumerate(CATEGORIES, start=1):
        EventCategory.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_cy": name_cy,
                "group": group,
                "default_valence": valence,
                "shape": shape,
                "sort_order": order * 10,
                "is_active": True,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("timeline", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
