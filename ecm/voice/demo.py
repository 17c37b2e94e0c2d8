"""Demo data for the child's and family's voice: invented words of children and carers.

Short, everyday and in the person's own words; in Welsh for people who prefer Welsh.
Some children wrote their own (kept as written), some drew, some spoke by phone.
Several children were asked twice, so earlier records show. Deterministic and
idempotent: a service whose children already have voice records is left alone.
Dates are relative to the demo's reference day, 1 September 2026.
"""

from __future__ import annotations

from datetime import timedelta

from ecm.accounts.models import User
from ecm.children.models import Child
from ecm.consent.models import RelatedPerson
from ecm.demo.data import REFERENCE_DAY
from ecm.organisations.models import Service
from ecm.voice.models import VoiceRecord

# what_matters, what_helps, what_does_not_help, for_the_meeting, who_i_trust, how
Words = tuple[str, str, str, str, str, str]

CHILD_EN: tuple[Words, ...] = (
    (
        "My little sister. Boxing at the gym on Tuesdays. Not getting moved again.",
        "When people text me before they come round so it's not a surprise. Walking and "
        "talking instead of sitting in an office.",
        "Being asked the same stuff by loads of different people.",
        "I'm not a bad person. I get angry fast and then I can't stop it. I want to go back "
        "to college and do mechanics.",
        "My nan. Dai at the gym. Sometimes my case worker.",
        "in_person",
    ),
    (
        "i want to stay at my mams. my xbox. drawing",
        "when teachers talk to me on my own not in front of everyone",
        "shouting. when people say im lying",
        "school is hard because i cant read the board and i dont want people to know",
        "my brother Kyle",
        "written_by_child",
    ),
    (
        "Drew a house with a dog in the garden and Mum in the window. Said: \"That's home. "
        "That's where I want to be.\"",
        "",
        "Drew a police car with a big cross through it.",
        "Drew themself on a football pitch, smiling. Said they want people to know they are "
        "good at something.",
        "Drew Mum, the dog and their youth worker Jess, holding hands.",
        "drawn",
    ),
    (
        "Getting my phone back. Seeing my mates. My dad getting better.",
        "Music. Headphones in when it gets too loud.",
        "Police turning up at the house. Meetings where everyone looks at me.",
        "",
        "Nobody really. Maybe Jess from the youth club.",
        "phone",
    ),
    (
        "Being with my cousins. Having my own room.",
        "Someone telling me what's happening next. Food.",
        "Being told off in front of my mates.",
        "Tell them I'm trying. It's just hard at the moment.",
        "My aunty.",
        "in_person",
    ),
)
CHILD_CY: tuple[Words, ...] = (
    (
        "Fy mrawd bach a'r ci, Bobi. Cael chwarae rygbi eto gyda'r tîm.",
        "Pan mae pobl yn siarad Cymraeg gyda fi. Mynd am dro yn lle eistedd mewn swyddfa.",
        "Pobl yn gweiddi. Gorfod dweud yr un stori drosodd a throsodd.",
        "Dw i ddim eisiau bod mewn trwbl trwy'r amser. Dw i eisiau mynd nôl i'r ysgol a "
        "gwneud fy arholiadau.",
        "Mam-gu. Mr Evans yn yr ysgol.",
        "in_person",
    ),
    (
        "bod adre gyda mam. fy ffrindiau. pysgota gyda dad-cu",
        "cael amser i feddwl cyn ateb",
        "pan mae pawb yn siarad ar yr un pryd",
        "dw i'n trio. dw i wir yn trio",
        "dad-cu a Lowri",
        "written_by_child",
    ),
    (
        "Llun o'r traeth yn Aberporth, a'r chwaer fach yn chwarae yn y tywod. \"Dyna lle dw "
        "i'n hapus.\"",
        "",
        "Llun o ystafell gyda llawer o bobl a cheg fawr yn gweiddi.",
        'Llun o dractor ar fferm. "Dw i eisiau gweithio ar fferm fel Wncwl Huw."',
        "Llun o Mam-gu a'r ci.",
        "drawn",
    ),
    (
        "Cael fy ffôn yn ôl. Gweld fy ffrindiau.",
        "Cerddoriaeth. Clustffonau pan mae pethau'n rhy swnllyd.",
        "Yr heddlu'n dod i'r tŷ.",
        "",
        "Neb a dweud y gwir. Efallai Siân yn y clwb ieuenctid.",
        "phone",
    ),
)
# Asked again a few months later: what changed, in their words.
CHILD_AGAIN_EN: Words = (
    "Boxing still. I've got a trial for the college course in September.",
    "Same as before. And having one person to ring instead of loads.",
    "Waiting ages for someone to call back.",
    "Things are better at home. I've not been in trouble since Easter.",
    "Nan. Dai. My case worker, yeah.",
    "in_person",
)
CHILD_AGAIN_CY: Words = (
    "Rygbi eto. Dw i wedi cael lle ar y cwrs yn y coleg.",
    "Cael un person i'w ffonio yn lle llwyth o bobl.",
    "Aros am oesoedd i rywun ffonio nôl.",
    "Mae pethau'n well adre. Dw i ddim wedi bod mewn trwbl ers y Pasg.",
    "Mam-gu. Mr Evans. A fy ngweithiwr achos hefyd.",
    "in_person",
)
# {name}: the child's first name, as the carer would say it.
CARER_EN: tuple[Words, ...] = (
    (
        "That {name} stays at home with us and doesn't end up in care like a cousin did.",
        "One person to ring instead of five. Someone who gets back to me.",
        "Letters that arrive on a Friday when nobody is in the office until Monday.",
        "{name} was a lovely little one until their dad left, and still is underneath it "
        "all. I can't do this on my own.",
        "Sharon, my sister. Mrs Lloyd from the primary school.",
        "in_person",
    ),
    (
        "Routine. {name} does well when they know what is happening next.",
        "A heads-up before contact visits, so we can plan the evening after.",
        "Last-minute changes to contact.",
        "{name} has come a long way since March: helps with the cooking now and laughs more.",
        "Rhian, the social worker, and the form tutor.",
        "phone",
    ),
    (
        "Keeping the family together.",
        "Meetings in the afternoon. I can't get the bus in the morning.",
        "",
        "I'm 71. I love {name} to bits but I need help with the school side of things.",
        "The neighbours, and the minister.",
        "phone",
    ),
)
CARER_CY: tuple[Words, ...] = (
    (
        "Bod {name} yn aros gartref gyda ni ac yn mynd nôl i'r ysgol.",
        "Un person i'w ffonio, rhywun sy'n ateb.",
        "Llythyrau yn Saesneg yn unig. Dw i'n deall yn well yn Gymraeg.",
        "Roedd {name} yn blentyn hapus cyn i ni golli Dad. Mae'r hiraeth wedi bod yn anodd "
        "i ni i gyd.",
        "Fy chwaer, Eleri, a'r gweinidog.",
        "in_person",
    ),
    (
        "Trefn. Mae {name} yn gwneud yn well o wybod beth sy'n digwydd nesaf.",
        "Cael gwybod ymlaen llaw am gyfarfodydd.",
        "Newid trefniadau ar y funud olaf.",
        "Mae {name} wedi dod yn bell ers y gwanwyn. Mae'n chwerthin mwy.",
        "Athrawes ddosbarth {name}, Mrs Rees.",
        "phone",
    ),
)
# Children (by position in reference order) whose words are recorded; the first
# three of them were asked twice. Child 0 has just been referred: nothing yet.
WITH_VOICE = (1, 2, 3, 4, 5, 6, 8, 9, 11, 12, 14, 17)
ASKED_TWICE = (1, 2, 4)


def _record(
    child: Child,
    person: RelatedPerson | None,
    words: Words,
    days_ago: int,
    staff: User,
    version: int = 1,
) -> VoiceRecord:
    name = child.preferred_name or child.legal_first_name
    answers = [text.replace("{name}", name) for text in words[:5]]
    return VoiceRecord.objects.create(
        child=child,
        person=person,
        what_matters=answers[0],
        what_helps=answers[1],
        what_does_not_help=answers[2],
        for_the_meeting=answers[3],
        who_i_trust=answers[4],
        how=words[5],
        recorded_with=child.case_manager or staff,
        recorded_on=max(REFERENCE_DAY - timedelta(days=days_ago), child.date_of_birth),
        version=version,
        recorded_by=staff,
    )


def load_demo(service: Service, number: int) -> int:
    if VoiceRecord.objects.filter(child__service=service).exists():
        return 0
    staff = User.objects.get(username=f"case-manager-{number}")
    children = list(
        Child.objects.filter(service=service)
        .select_related("case_manager")
        .order_by("local_reference")
    )
    people: dict[int, list[RelatedPerson]] = {}
    for person in RelatedPerson.objects.filter(child__service=service).order_by("pk"):
        people.setdefault(person.child_id, []).append(person)
    created = 0
    for turn, index in enumerate(i for i in WITH_VOICE if i < len(children)):
        child = children[index]
        welsh = child.language_preference == "cy"
        bank = CHILD_CY if welsh else CHILD_EN
        first_asked = 150 + 9 * turn
        _record(child, None, bank[(turn + number) % len(bank)], first_asked, staff)
        created += 1
        if index in ASKED_TWICE:
            again = CHILD_AGAIN_CY if welsh else CHILD_AGAIN_EN
            _record(child, None, again, 40 + turn, staff, version=2)
            created += 1
        carers = people.get(child.pk, [])
        if carers and turn % 3 != 2:
            carer = carers[0]
            bank = CARER_CY if carer.language == "cy" else CARER_EN
            _record(child, carer, bank[turn % len(bank)], first_asked - 3, staff)
            created += 1
    return created
