"""The Trauma Recovery Model's tiers as first offered (ECM primer, section 2), in
English and Welsh. Service administrators may correct the wording in ECM afterwards;
this migration only adds tiers whose number is not there yet."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

# number: (name, presentation, need, interventions), English then Welsh.
TIERS: dict[int, tuple[tuple[str, str, str, str], tuple[str, str, str, str]]] = {
    0: (
        (
            "Redeemability (foundation)",
            "Not a presentation of the child: a stance of staff and the organisation, "
            "the belief that every child can be helped to a better life.",
            "None of the child's own: the foundation the other tiers rest on.",
            "Trauma Recovery Model training; support from managers.",
        ),
        (
            "Gallu pob plentyn i newid (sylfaen)",
            "Nid ymddygiad y plentyn: safbwynt y staff a'r sefydliad, y gred y gellir "
            "helpu pob plentyn i gael bywyd gwell.",
            "Dim angen gan y plentyn ei hun: y sylfaen y mae'r haenau eraill yn sefyll arni.",
            "Hyfforddiant yn y Model Adfer ar ôl Trawma; cefnogaeth gan reolwyr.",
        ),
    ),
    1: (
        (
            "Routine / safe base",
            "A chaotic, unstable life; missed appointments; poor sleep and diet; "
            "high-risk behaviour.",
            "Safety, stability and predictability.",
            "Regular appointments at the same time and place; consistent boundaries; a "
            "stable home. Attendance itself is the outcome.",
        ),
        (
            "Trefn / sylfaen ddiogel",
            "Bywyd anhrefnus ac ansefydlog; colli apwyntiadau; cwsg a deiet gwael; "
            "ymddygiad risg uchel.",
            "Diogelwch, sefydlogrwydd a gwybod beth sy'n dod nesaf.",
            "Apwyntiadau rheolaidd ar yr un amser ac yn yr un lle; ffiniau cyson; cartref "
            "sefydlog. Mae dod i'r apwyntiad ynddo'i hun yn ganlyniad.",
        ),
    ),
    2: (
        (
            "Relationships / trust",
            "Keeps most appointments; tests the relationship with one or two adults.",
            "A secure base with a trusted adult.",
            "A consistent key worker; building the relationship with the child and family.",
        ),
        (
            "Perthnasoedd / ymddiriedaeth",
            "Yn cadw'r rhan fwyaf o apwyntiadau; yn profi'r berthynas ag un neu ddau oedolyn.",
            "Sylfaen ddiogel gydag oedolyn y gall ymddiried ynddo.",
            "Gweithiwr allweddol cyson; meithrin y berthynas â'r plentyn a'r teulu.",
        ),
    ),
    3: (
        (
            "Working through trauma",
            "Once life is more stable, starts to talk about the past; may disclose.",
            "Containment, co-regulation and processing trauma.",
            "Specialist therapeutic work and containment; a safeguarding response to disclosures.",
        ),
        (
            "Gweithio drwy drawma",
            "Unwaith y mae bywyd yn fwy sefydlog, yn dechrau siarad am y gorffennol; "
            "gall ddatgelu.",
            "Cynhaliaeth emosiynol, cyd-reoleiddio a phrosesu trawma.",
            "Gwaith therapiwtig arbenigol a chynhaliaeth emosiynol; ymateb diogelu i ddatgeliadau.",
        ),
    ),
    4: (
        (
            "Cognitive / offence-focused work",
            "Calmer, with more insight and a more balanced view of themselves.",
            "Bringing the old and the new self together; thinking and planning skills.",
            "Anger management, consequential thinking, victim empathy, restorative "
            "practice, cognitive behavioural therapy, Good Lives.",
        ),
        (
            "Gwaith gwybyddol / yn canolbwyntio ar droseddu",
            "Yn dawelach, gyda mwy o ddealltwriaeth ohono'i hun a golwg fwy cytbwys arno'i hun.",
            "Dod â'r hen hunan a'r hunan newydd at ei gilydd; sgiliau meddwl a chynllunio.",
            "Rheoli dicter, meddwl am ganlyniadau, empathi tuag at ddioddefwyr, arfer "
            "adferol, therapi gwybyddol ymddygiadol, Bywydau Da (Good Lives).",
        ),
    ),
    5: (
        (
            "Identity / purpose",
            "Growing self-belief and self-esteem.",
            "A sense of purpose and achievement.",
            "Planning guided by an adult and structured for success; education, training "
            "and employment.",
        ),
        (
            "Hunaniaeth / pwrpas",
            "Hunangred a hunan-barch sy'n tyfu.",
            "Ymdeimlad o bwrpas a chyflawniad.",
            "Cynllunio dan arweiniad oedolyn, wedi'i drefnu er mwyn llwyddo; addysg, "
            "hyfforddiant a chyflogaeth.",
        ),
    ),
    6: (
        (
            "Autonomy / goals",
            "Confident; needs little support.",
            "Self-determination within a safety net.",
            "Goal setting, a scaffolded structure, motivational interviewing, help to "
            "structure free time.",
        ),
        (
            "Ymreolaeth / nodau",
            "Hyderus; angen ychydig o gefnogaeth yn unig.",
            "Penderfynu drosto'i hun o fewn rhwyd ddiogelwch.",
            "Gosod nodau, strwythur cefnogol, cyfweld ysgogiadol, help i drefnu amser rhydd.",
        ),
    ),
}


def seed(apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    tier_model = apps.get_model("trm", "Tier")
    present = set(tier_model.objects.values_list("number", flat=True))
    for number, (english, welsh) in TIERS.items():
        if number in present:
            continue
        tier_model.objects.create(
            number=number,
            name=english[0],
            presentation=english[1],
            need=english[2],
            interventions=english[3],
            name_cy=welsh[0],
            presentation_cy=welsh[1],
            need_cy=welsh[2],
            interventions_cy=welsh[3],
        )


class Migration(migrations.Migration):
    dependencies = [("trm", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
