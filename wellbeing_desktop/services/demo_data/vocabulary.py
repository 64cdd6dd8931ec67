"""The demo organisation's words: invented names, the kinds of service and their roles,
areas, job titles, hours, complexity levels, and the short, non-identifying notes used
in sessions, actions, check-ins and signposting."""

from __future__ import annotations

import random
from dataclasses import dataclass

# --- Names ---------------------------------------------------------------------------
# (weight, women's first names, men's first names, surnames), each a comma-separated list;
# a surname written 'his/hers' has a different form for women.
_NAME_GROUPS: tuple[tuple[int, str, str, str], ...] = (
    (
        40,
        "Emma, Sarah, Claire, Rebecca, Laura, Gemma, Hannah, Jessica, Lucy, Amy, Rachel, Joanne, "
        "Helen, Nicola, Katie, Sophie, Charlotte, Kerry, Donna, Jade, Michelle, Louise, Victoria, "
        "Jenny",
        "James, Thomas, Daniel, Matthew, Christopher, Andrew, Mark, Paul, David, Richard, Ben, "
        "Luke, Simon, Stephen, Adam, Craig, Lee, Jamie, Oliver, Samuel",
        "Smith, Taylor, Walker, Harris, Wright, Robinson, Thompson, Hughes, Edwards, Green, Wood, "
        "Clarke, Turner, Hill, Cooper, Ward, Morris, Baker, Bennett, Shaw, Holmes, Marsh, "
        "Fletcher, Lamb",
    ),
    (
        8,
        "Siobhán, Niamh, Aoife, Caoimhe, Orla, Róisín, Saoirse, Gráinne, Clodagh, Sinéad, Áine, "
        "Eimear",
        "Seán, Pádraig, Cian, Oisín, Ciarán, Darragh, Eoin, Donnchadh, Tadhg, Ruairí",
        "Ó Briain/Ní Bhriain, Murphy, O'Sullivan, Ó Súilleabháin/Ní Shúilleabháin, Kelly, Byrne, "
        "Mac Giolla Phádraig/Nic Giolla Phádraig, Ó Ceallaigh/Ní Cheallaigh, Doherty, Quinn, Ó "
        "Néill/Ní Néill, Gallagher, McCarthy",
    ),
    (
        8,
        "Mòrag, Eilidh, Catrìona, Seònaid, Ishbel, Kirsty, Fiona, Ailsa, Mhairi, Iona, Shona, "
        "Ealasaid",
        "Ruaridh, Iain, Calum, Euan, Alasdair, Lachlan, Fraser, Tormod, Seumas, Angus, Dòmhnall",
        "MacLeòid/NicLeòid, MacAoidh/NicAoidh, Mackenzie, MacDonald, Campbell, Fraser, Stewart, "
        "MacLean, Morrison, Murray, Ross, MacIver, Urquhart",
    ),
    (
        7,
        "Siân, Rhiannon, Bethan, Gwenllïan, Ffion, Cerys, Nia, Eleri, Angharad, Catrin, Lowri, "
        "Mererid",
        "Llŷr, Dafydd, Iolo, Rhodri, Gethin, Gareth, Emyr, Aled, Huw, Dylan, Ioan, Tomos",
        "ap Dafydd/ferch Dafydd, Jones, Pritchard, Llewellyn, Prosser, Williams, Evans, Griffiths, "
        "Powell, Vaughan, Rees, Bevan, ab Iorwerth/ferch Iorwerth",
    ),
    (
        6,
        "Agnieszka, Małgorzata, Zofia, Katarzyna, Joanna, Magdalena, Ewa, Aleksandra, Justyna, "
        "Dorota",
        "Łukasz, Wojciech, Krzysztof, Piotr, Tomasz, Paweł, Marek, Michał, Grzegorz, Jakub",
        "Wójcik, Kowalczyk, Zieliński/Zielińska, Nowak, Lewandowski/Lewandowska, "
        "Dąbrowski/Dąbrowska, Szymański/Szymańska, Woźniak, Kamiński/Kamińska, Mazur, Krawczyk, "
        "Wiśniewski/Wiśniewska",
    ),
    (
        12,
        "Priya, Harpreet, Gurpreet, Aisha, Farah, Nusrat, Anjali, Shabana, Simran, Ayesha, "
        "Rukhsana, Sunita, Tasnim, Zainab, Meera, Kiran",
        "Arjun, Imran, Sanjay, Rajesh, Amir, Hamza, Vikram, Tariq, Jaspal, Rohan, Faisal, Mohammed",
        "Patel, Khan, Begum, Singh/Kaur, Ahmed, Chowdhury, Sharma, Hussain, Mistry, Sandhu, Iqbal, "
        "Rahman, Gill, Bhatti, Malik, Choudhury, Shah",
    ),
    (
        8,
        "Chiamaka, Abena, Tendai, Ngozi, Adaeze, Folake, Yetunde, Grace, Chipo, Marcia, Shanice, "
        "Efua",
        "Oluwaseun, Kwame, Chidi, Tunde, Kofi, Emeka, Femi, Delroy, Jermaine, Tinashe, Segun",
        "Okonkwo, Adeyemi, Mensah, Asante, Campbell, Brown, Okafor, Oduya, Boateng, Moyo, Adebayo, "
        "Francis, Ogunleye",
    ),
    (
        2,
        "Mei, Ka-Yan, Xiaoling, Wing Yee, Hui Min, Lai Fong",
        "Wei, Ka-Ho, Jun, Ming, Chi Keung, Hao",
        "Chan, Wong, Li, Cheung, Lam, Ng, Zhang, Liu",
    ),
    (
        5,
        "Conceição, Inês, Ioana, Ștefania, Ayşe, Zeynep, Eglė, Aušra, Maria João",
        "João, Tiago, Ionuț, Ștefan, Mehmet, Emre, Tomas, Mantas, Andrei, Nuno",
        "Gonçalves, Popescu, Ionescu, Yılmaz, Öztürk, Kazlauskas/Kazlauskienė, Ferreira, "
        "Rodrigues, Dumitru, Şahin",
    ),
)


@dataclass(frozen=True)
class _NameGroup:
    women: tuple[str, ...]
    men: tuple[str, ...]
    surnames: tuple[tuple[str, str], ...]  # (men's form, women's form)


def _parse_groups() -> tuple[tuple[int, ...], tuple[_NameGroup, ...]]:
    weights, groups = [], []
    for weight, women, men, surnames in _NAME_GROUPS:
        pairs = tuple((item.split("/")[0], item.split("/")[-1]) for item in surnames.split(", "))
        weights.append(weight)
        groups.append(_NameGroup(tuple(women.split(", ")), tuple(men.split(", ")), pairs))
    return tuple(weights), tuple(groups)


_GROUP_WEIGHTS, _GROUPS = _parse_groups()


class Names:
    """Invented, diverse names, unique within one organisation."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def person(self) -> str:
        rng = self.rng
        for _attempt in range(50):
            group = rng.choices(_GROUPS, _GROUP_WEIGHTS)[0]
            woman = rng.random() < 0.78  # the workforce is mostly women
            first = rng.choice(group.women if woman else group.men)
            # Families, marriages and migration mix names.
            family = group if rng.random() < 0.85 else rng.choices(_GROUPS, _GROUP_WEIGHTS)[0]
            his, hers = rng.choice(family.surnames)
            name = f"{first} {hers if woman else his}"
            if name not in self.used:
                self.used.add(name)
                return name
        name = f"{first} {hers if woman else his}-{rng.choice(family.surnames)[0]}"
        self.used.add(name)
        return name


# --- Services, teams and roles -------------------------------------------------------


@dataclass(frozen=True)
class ServiceType:
    service: str
    weight: int
    names: tuple[str, ...]  # templates with {area}
    roles: tuple[tuple[str, int], ...]  # (role key, share) for practitioners
    leader: tuple[str, str]
    senior: tuple[str, str]
    support_titles: tuple[tuple[str, str], ...]
    reflective_chance: float


SERVICE_TYPES: tuple[ServiceType, ...] = (
    ServiceType(
        "Drug and alcohol services",
        35,
        (
            "{area} Recovery Service",
            "{area} Drug and Alcohol Service",
            "{area} Community Alcohol Team",
            "Criminal Justice Recovery Team {area}",
            "{area} Harm Reduction and Outreach Team",
            "Young People's Substance Use Service {area}",
        ),
        (
            ("keyworker", 60),
            ("nurse_addictions", 15),
            ("peer_support_worker", 15),
            ("support_worker", 10),
        ),
        ("Team Leader", "Band 7"),
        ("Senior Recovery Coordinator", "Band 6"),
        (("Recovery Support Worker", "Band 3"), ("Recovery Support Worker", "Band 4")),
        0.75,
    ),
    ServiceType(
        "Adult social care",
        20,
        (
            "Adult Social Work {area}",
            "{area} Hospital Social Work Team",
            "Justice Social Work {area}",
            "{area} Community Mental Health Social Work Team",
        ),
        (("social_worker_adults", 75), ("support_worker", 25)),
        ("Team Manager", "Grade 11"),
        ("Senior Practitioner", "Grade 10"),
        (("Social Work Assistant", "Grade 6"), ("Community Care Officer", "Grade 7")),
        0.6,
    ),
    ServiceType(
        "Children's services",
        15,
        (
            "Children and Families {area}",
            "{area} Family Support Team",
            "{area} Child Protection Team",
            "Children's Disability Team {area}",
        ),
        (("social_worker_children", 75), ("support_worker", 25)),
        ("Team Manager", "Grade 11"),
        ("Advanced Practitioner", "Grade 10"),
        (("Family Support Worker", "Grade 6"), ("Contact Worker", "Grade 5")),
        0.65,
    ),
    ServiceType(
        "Therapies",
        15,
        (
            "Community Rehab Team {area}",
            "{area} Neuro Rehabilitation Team",
            "{area} Community Occupational Therapy Team",
            "{area} Falls and Frailty Team",
            "{area} Adult Speech and Language Therapy",
        ),
        (("ahp", 70), ("support_worker", 30)),
        ("Clinical Lead", "Band 7"),
        ("Senior Occupational Therapist", "Band 7"),
        (("Rehabilitation Assistant", "Band 3"), ("Therapy Assistant Practitioner", "Band 4")),
        0.35,
    ),
    ServiceType(
        "Community nursing",
        15,
        ("{area} District Nursing Team", "District Nursing {area}"),
        (("district_nurse", 70), ("support_worker", 30)),
        ("District Nursing Team Leader", "Band 7"),
        ("Deputy Team Leader", "Band 6"),
        (("Healthcare Support Worker", "Band 3"), ("Nursing Associate", "Band 4")),
        0.35,
    ),
)

AREAS = (
    "North",
    "South",
    "East",
    "West",
    "Central",
    "City",
    "Riverside",
    "Northfield",
    "Eastgate",
    "Westbrook",
    "Southmoor",
    "Valley",
    "Coastal",
    "Harbourside",
    "Hillside",
    "Moorland",
    "Forest",
    "Lakeside",
    "Castlegate",
    "Abbeyfield",
    "Millbrook",
    "Greenbank",
    "Highfield",
    "Stonebridge",
    "Parkside",
    "Kingsmead",
)

TITLES: dict[str, tuple[tuple[str, str, int], ...]] = {
    "keyworker": (
        ("Recovery Worker", "Band 4", 35),
        ("Recovery Coordinator", "Band 5", 45),
        ("Criminal Justice Recovery Worker", "Band 5", 20),
    ),
    "nurse_addictions": (
        ("Substance Misuse Nurse", "Band 6", 50),
        ("Staff Nurse", "Band 5", 35),
        ("Non-Medical Prescriber", "Band 7", 15),
    ),
    "district_nurse": (("Community Staff Nurse", "Band 5", 55), ("District Nurse", "Band 6", 45)),
    "social_worker_adults": (
        ("Social Worker", "Grade 8", 65),
        ("Senior Social Worker", "Grade 9", 20),
        ("Approved Mental Health Professional", "Grade 9", 15),
    ),
    "social_worker_children": (
        ("Social Worker", "Grade 8", 70),
        ("Senior Social Worker", "Grade 9", 30),
    ),
    "peer_support_worker": (
        ("Peer Support Worker", "Band 3", 80),
        ("Peer Mentor Coordinator", "Band 4", 20),
    ),
    "ahp": (
        ("Occupational Therapist", "Band 5", 25),
        ("Occupational Therapist", "Band 6", 25),
        ("Physiotherapist", "Band 6", 25),
        ("Speech and Language Therapist", "Band 6", 15),
        ("Dietitian", "Band 6", 10),
    ),
}
NEWLY_QUALIFIED = {
    "social_worker_adults": ("newly_qualified", "Newly Qualified Social Worker (ASYE)", "Grade 7"),
    "social_worker_children": (
        "newly_qualified",
        "Newly Qualified Social Worker (ASYE)",
        "Grade 7",
    ),
    "nurse_addictions": ("preceptorship", "Staff Nurse (Preceptee)", "Band 5"),
    "district_nurse": ("preceptorship", "Community Staff Nurse (Preceptee)", "Band 5"),
    "ahp": ("newly_qualified", "Occupational Therapist", "Band 5"),
}
FTES = ((1.0, 58), (0.8, 14), (0.6, 9), (0.5, 8), (0.9, 3), (0.7, 4), (0.4, 4))
# Caseload complexity bands some teams record: (label, weight).
BANDS = (("Standard", 1.0), ("Complex", 1.5), ("Highly complex", 2.0))
BANDED_ROLES = frozenset(
    {"keyworker", "nurse_addictions", "social_worker_adults", "social_worker_children"}
)

# --- Short, non-identifying notes -----------------------------------------------------
CASEWORK = (
    "Reviewed the full caseload; allocation felt manageable this month.",
    "Discussed two complex cases and agreed next steps.",
    "Talked through a safeguarding concern; referral made and recorded.",
    "Reviewed risk assessments for people recently discharged from hospital.",
    "Considered closures for people who have completed their plans.",
    "Discussed a case involving domestic abuse; MARAC referral agreed.",
    "Reviewed care plans due for renewal.",
    "Agreed to transfer one case to ease pressure.",
    "Discussed joint working with housing on a complex case.",
    "Case recording reviewed and up to date.",
    "Talked through a difficult home visit and what was learnt from it.",
    "Discussed a near miss and the actions already taken.",
    "Reviewed the waiting list and priorities for new allocations.",
    "Two cases moved to a higher complexity band after review.",
)
LEARNING = (
    "Completed trauma-informed care training; reflected on using it in assessments.",
    "Reviewed progress on the personal development plan.",
    "Interested in the motivational interviewing course; agreed to apply.",
    "Shadowing a senior colleague next month to build confidence.",
    "Reviewed progress against preceptorship competencies.",
    "Shared learning from the harm-reduction update with the team.",
    "Discussed registration renewal and CPD evidence.",
    "Talked about developing family-inclusive practice.",
    "Skills passport reviewed; two competencies signed off.",
    "Attended the tackling stigma workshop and found it useful.",
    "Agreed protected time for the practice educator course.",
    "Reflected on a human rights-based approach in a recent review.",
)
WELLBEING_CALM = (
    "Feeling settled; workload manageable.",
    "Feeling well supported by the team.",
    "Good month; pleased with progress on a difficult case.",
    "Enjoying the role; positive feedback from people using the service.",
    "Talked about work-life balance; annual leave booked.",
    "Discussed flexible working; request to be considered.",
)
WELLBEING_PRESSED = (
    "Reports feeling tired after a busy month; agreed to protect admin time.",
    "Finding the volume of work stressful; agreed to review allocations.",
    "Affected by a recent death on the caseload; debrief offered.",
    "Feeling stretched by covering vacancies; raised with the service manager.",
    "Sleep affected by work worries; discussed support options.",
    "Reminded about the employee assistance programme.",
)
REFLECTION = (
    "Reflected on a case where engagement broke down and what helped rebuild trust.",
    "Explored the emotional impact of repeated loss in the service.",
    "Discussed compassion fatigue and how we notice it in each other.",
    "Reflected on stigma in partner agencies and how to challenge it.",
    "Used a structured model to reflect on a difficult conversation with a family.",
    "Shared what keeps each of us well at work.",
)
GROUP_CASEWORK = (
    "Team reviewed allocations and the waiting list together.",
    "Shared approaches to people who are hard to engage.",
    "Case presentation from one member; the group offered other perspectives.",
    "Discussed changes to the referral pathway.",
)
ACTIONS_STAFF = (
    "Book onto trauma-informed care refresher",
    "Complete safeguarding level 3 e-learning",
    "Update personal development plan",
    "Arrange joint visit for a complex case",
    "Close cases ready for discharge",
    "Review risk assessments due this month",
    "Submit flexible working request",
    "Take outstanding annual leave",
    "Bring a case to reflective practice",
    "Bring case recording up to date",
    "Read the updated lone working policy",
    "Apply for the motivational interviewing course",
    "Contact the employee assistance programme if helpful",
    "Complete skills passport competencies",
    "Arrange shadowing with a senior practitioner",
    "Send CPD evidence for registration renewal",
)
ACTIONS_MANAGER = (
    "Review allocations to reduce caseload",
    "Raise vacancy cover with service manager",
    "Arrange debrief after critical incident",
    "Agree protected admin time",
    "Confirm training funding",
    "Refer to occupational health with consent",
    "Check progress of flexible working request",
)
ACTIONS_GROUP = (
    "Circulate notes and resources from the session",
    "Agree a topic for next session",
    "Update the team's duty rota",
    "Share the revised referral pathway",
)
CHECKIN_NOTES = (
    "Workload busy but manageable.",
    "Agreed to talk more at supervision.",
    "Feeling better than last month.",
    "Finding things hard at the moment; support offered.",
    "Annual leave coming up.",
    "Would like more peer support.",
)
SIGNPOST_NOTES = (
    "Details shared by email.",
    "Contact details given in supervision.",
    "Discussed options; chose to self-refer.",
    "Referral made with consent.",
)
OUTCOMES = (
    ("Made contact; found it helpful.", 40),
    ("Decided not to use it for now.", 20),
    ("Had a first session; continuing.", 20),
    ("Referred on for further support.", 8),
    ("No longer needed.", 12),
)
# Signposting reasons → the directory categories that fit them.
REASONS = (
    ("stress", 30, ("employee_assistance", "helpline", "hub", "professional_support")),
    ("low_mood", 15, ("employee_assistance", "helpline", "professional_support")),
    ("trauma", 10, ("occupational_health", "professional_support", "employee_assistance")),
    ("bereavement", 6, ("employee_assistance", "helpline")),
    ("health", 8, ("occupational_health",)),
    ("career", 10, ("coaching", "hub")),
    ("relationships", 6, ("employee_assistance",)),
    ("financial", 5, ("employee_assistance",)),
    ("substance_use", 2, ("professional_support", "employee_assistance")),
    ("crisis", 2, ("crisis",)),
    ("other", 6, ("employee_assistance", "hub")),
)
