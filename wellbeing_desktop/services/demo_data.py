"""A made-up organisation, for trying the app, demonstrations and benchmarks.

``generate_demo_data`` fills a database with teams, people, caseload history,
supervision, wellbeing check-ins and signposting that look like a real health and
social care organisation: some teams running hot, supervision slipping in places,
leavers replaced by new starters (some newly qualified), a phased return or two.
Everything follows from the seed: the same seed, arguments and ``today`` give the
same rows (apart from the ``created_at``/``updated_at`` stamps the database adds).

Speed matters (2,000 staff with ten years of history is the benchmark size), so
rows go in through SQLAlchemy Core ``insert()`` executemany in large batches, with
ids worked out here, all in one transaction. Dates are handled as ordinals inside.

Every name and note is invented. None is ever logged or printed.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, text

from wellbeing_desktop.errors import ValidationError
from wellbeing_desktop.services.defaults import protection_defaults, seed_defaults
from wellbeing_desktop.services.demo_development import add_development_examples
from wellbeing_desktop.services.demo_plans import add_demo_plans_and_cpd
from wellbeing_desktop.services.demo_training import add_demo_training
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import (
    Base,
    CaseloadBand,
    CaseloadRecord,
    CheckIn,
    Protection,
    Role,
    SessionAttendee,
    SignpostingRecord,
    StaffMember,
    SupervisionAction,
    SupervisionSession,
    Team,
    WellbeingService,
)

# Rows are buffered and written, parents first, once this many are waiting.
FLUSH_ROWS = 60_000


@dataclass(frozen=True)
class DemoStats:
    """How much was made (counts only: no names)."""

    teams: int
    staff_members: int
    in_post: int
    leavers: int
    protections: int
    caseload_records: int
    caseload_bands: int
    sessions: int
    attendees: int
    actions: int
    check_ins: int
    signposting_records: int
    first_day: dt.date
    today: dt.date
    training_completions: int = 0

    @property
    def total_rows(self) -> int:
        return (
            self.teams
            + self.staff_members
            + self.protections
            + self.caseload_records
            + self.caseload_bands
            + self.sessions
            + self.attendees
            + self.actions
            + self.check_ins
            + self.signposting_records
            + self.training_completions
        )

    def describe(self) -> str:
        """One line of counts for the command line."""
        return (
            f"{self.teams} teams, {self.in_post} staff in post ({self.leavers} leavers), "
            f"{self.caseload_records:,} caseload records, {self.sessions:,} supervision "
            f"sessions with {self.actions:,} actions, {self.check_ins:,} check-ins, "
            f"{self.signposting_records:,} signposting records, "
            f"{self.training_completions:,} training completions "
            f"({self.first_day:%d/%m/%Y} to {self.today:%d/%m/%Y})"
        )


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


class _Names:
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
class _ServiceType:
    service: str
    weight: int
    names: tuple[str, ...]  # templates with {area}
    roles: tuple[tuple[str, int], ...]  # (role key, share) for practitioners
    leader: tuple[str, str]
    senior: tuple[str, str]
    support_titles: tuple[tuple[str, str], ...]
    reflective_chance: float


_SERVICE_TYPES: tuple[_ServiceType, ...] = (
    _ServiceType(
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
    _ServiceType(
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
    _ServiceType(
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
    _ServiceType(
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
    _ServiceType(
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

_AREAS = (
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

_TITLES: dict[str, tuple[tuple[str, str, int], ...]] = {
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
_NEWLY_QUALIFIED = {
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
_FTES = ((1.0, 58), (0.8, 14), (0.6, 9), (0.5, 8), (0.9, 3), (0.7, 4), (0.4, 4))
# Caseload complexity bands some teams record: (label, weight).
_BANDS = (("Standard", 1.0), ("Complex", 1.5), ("Highly complex", 2.0))
_BANDED_ROLES = frozenset(
    {"keyworker", "nurse_addictions", "social_worker_adults", "social_worker_children"}
)

# --- Short, non-identifying notes -----------------------------------------------------
_CASEWORK = (
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
_LEARNING = (
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
_WELLBEING_CALM = (
    "Feeling settled; workload manageable.",
    "Feeling well supported by the team.",
    "Good month; pleased with progress on a difficult case.",
    "Enjoying the role; positive feedback from people using the service.",
    "Talked about work-life balance; annual leave booked.",
    "Discussed flexible working; request to be considered.",
)
_WELLBEING_PRESSED = (
    "Reports feeling tired after a busy month; agreed to protect admin time.",
    "Finding the volume of work stressful; agreed to review allocations.",
    "Affected by a recent death on the caseload; debrief offered.",
    "Feeling stretched by covering vacancies; raised with the service manager.",
    "Sleep affected by work worries; discussed support options.",
    "Reminded about the employee assistance programme.",
)
_REFLECTION = (
    "Reflected on a case where engagement broke down and what helped rebuild trust.",
    "Explored the emotional impact of repeated loss in the service.",
    "Discussed compassion fatigue and how we notice it in each other.",
    "Reflected on stigma in partner agencies and how to challenge it.",
    "Used a structured model to reflect on a difficult conversation with a family.",
    "Shared what keeps each of us well at work.",
)
_GROUP_CASEWORK = (
    "Team reviewed allocations and the waiting list together.",
    "Shared approaches to people who are hard to engage.",
    "Case presentation from one member; the group offered other perspectives.",
    "Discussed changes to the referral pathway.",
)
_ACTIONS_STAFF = (
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
_ACTIONS_MANAGER = (
    "Review allocations to reduce caseload",
    "Raise vacancy cover with service manager",
    "Arrange debrief after critical incident",
    "Agree protected admin time",
    "Confirm training funding",
    "Refer to occupational health with consent",
    "Check progress of flexible working request",
)
_ACTIONS_GROUP = (
    "Circulate notes and resources from the session",
    "Agree a topic for next session",
    "Update the team's duty rota",
    "Share the revised referral pathway",
)
_CHECKIN_NOTES = (
    "Workload busy but manageable.",
    "Agreed to talk more at supervision.",
    "Feeling better than last month.",
    "Finding things hard at the moment; support offered.",
    "Annual leave coming up.",
    "Would like more peer support.",
)
_SIGNPOST_NOTES = (
    "Details shared by email.",
    "Contact details given in supervision.",
    "Discussed options; chose to self-refer.",
    "Referral made with consent.",
)
_OUTCOMES = (
    ("Made contact; found it helpful.", 40),
    ("Decided not to use it for now.", 20),
    ("Had a first session; continuing.", 20),
    ("Referred on for further support.", 8),
    ("No longer needed.", 12),
)
# Signposting reasons → the directory categories that fit them.
_REASONS = (
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

# --- The model of one organisation ---------------------------------------------------


@dataclass(frozen=True)
class _RoleInfo:
    id: int
    key: str
    red: float
    supervision_days: int
    checkin_days: int


@dataclass
class _Person:
    id: int
    slot: int
    role: _RoleInfo
    name: str
    job_title: str
    band: str
    fte: float
    start: int  # ordinals; in post on days start <= day < end
    end: int
    left: bool
    supervisor_slot: int | None
    offset: float  # how far this person's caseload sits from the team's
    protections: list[tuple[str, int, int | None, int]] = field(default_factory=list)
    load_days: list[int] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)
    cases: list[int] = field(default_factory=list)

    def in_post(self, day: int) -> bool:
        return self.start <= day < self.end

    def utilisation_on(self, day: int) -> float:
        index = bisect.bisect_right(self.load_days, day) - 1
        return self.loads[index] if index >= 0 else 0.75

    def cases_on(self, day: int) -> int | None:
        index = bisect.bisect_right(self.load_days, day) - 1
        return self.cases[index] if index >= 0 else None


class _Ids:
    def __init__(self, starts: dict[str, int]) -> None:
        self.next = dict(starts)

    def take(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value


class _Writer:
    """Buffers rows per table and writes them parents-first with executemany."""

    def __init__(self, connection: Connection, tables: Sequence[Table]) -> None:
        self.connection = connection
        self.tables = tuple(tables)
        self.rows: dict[str, list[dict[str, Any]]] = {t.name: [] for t in tables}
        self.counts: dict[str, int] = {t.name: 0 for t in tables}
        self.waiting = 0

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.rows[table].append(row)
        self.waiting += 1

    def flush_if_full(self) -> bool:
        if self.waiting < FLUSH_ROWS:
            return False
        self.flush()
        return True

    def flush(self) -> None:
        for table in self.tables:
            rows = self.rows[table.name]
            if rows:
                self.connection.execute(insert(table), rows)
                self.counts[table.name] += len(rows)
                rows.clear()
        self.waiting = 0


# Parents before children, so every reference points at a row already written.
_TABLES: tuple[Table, ...] = tuple(
    Base.metadata.tables[model.__tablename__]
    for model in (
        Team,
        StaffMember,
        Protection,
        CaseloadRecord,
        CaseloadBand,
        SupervisionSession,
        SessionAttendee,
        SupervisionAction,
        CheckIn,
        SignpostingRecord,
    )
)
_ID_TABLES = tuple(t.name for t in _TABLES if t.name != "session_attendee")


def _team_sizes(staff: int, rng: random.Random) -> list[int]:
    """Teams of about 8 to 25 people that add up to ``staff``."""
    sizes: list[int] = []
    left = staff
    while left >= 33:
        size = min(25, max(8, round(rng.triangular(8, 25, 15))))
        sizes.append(size)
        left -= size
    if left > 25:
        sizes.extend((left // 2, left - left // 2))
    elif left:
        sizes.append(left)
    return sizes


def _month_days(first: int, last: int, day_of_month: int, rng: random.Random) -> list[int]:
    """One day a month between two ordinals, near a team's usual review day."""
    start = dt.date.fromordinal(first)
    year, month = start.year, start.month
    days: list[int] = []
    while True:
        length = calendar.monthrange(year, month)[1]
        day = min(length, max(1, day_of_month + rng.randint(-2, 2)))
        ordinal = dt.date(year, month, day).toordinal()
        if ordinal > last:
            return days
        if ordinal >= first:
            days.append(ordinal)
        month += 1
        if month == 13:
            year, month = year + 1, 1


def _clamp(value: float) -> int:
    return 1 if value < 1.5 else 5 if value >= 4.5 else round(value)


class _Generator:
    def __init__(
        self,
        writer: _Writer,
        ids: _Ids,
        roles: dict[str, _RoleInfo],
        services: list[tuple[int, str, str]],
        *,
        seed: int,
        staff: int,
        years: float,
        today: dt.date,
    ) -> None:
        self.writer = writer
        self.ids = ids
        self.roles = roles
        self.seed = seed
        self.today = today.toordinal()
        self.first = self.today - round(years * 365.25)
        org = random.Random(f"wellbeing-demo:{seed}:organisation")
        self.org = org
        self.names = _Names(random.Random(f"wellbeing-demo:{seed}:names"))
        nation = org.choice(("England", "England", "Scotland", "Wales"))
        self.services = [s for s in services if s[2] in {"", "UK", nation}] or services
        self.sizes = _team_sizes(staff, org)
        # About a third of teams run hot, always including the first, so that even a
        # two-team organisation shows both sides.
        others = list(range(1, len(self.sizes)))
        self.hot = {0, *org.sample(others, max(0, round(len(self.sizes) * 0.3) - 1))}
        self.defaults = {k: v.default_percent for k, v in protection_defaults().items()}
        self.service_managers = {t.service: self.names.person() for t in _SERVICE_TYPES}
        self.in_post = 0
        self.leavers = 0

    # -- teams ---------------------------------------------------------------------
    def team_plans(self) -> list[tuple[_ServiceType, str]]:
        org, used, plans = self.org, set(), []
        weights = [t.weight for t in _SERVICE_TYPES]
        for index in range(len(self.sizes)):
            kind = (
                _SERVICE_TYPES[index % len(_SERVICE_TYPES)]
                if index < len(_SERVICE_TYPES)
                else org.choices(_SERVICE_TYPES, weights)[0]
            )
            name = ""
            for _attempt in range(40):
                name = org.choice(kind.names).format(area=org.choice(_AREAS))
                if name not in used:
                    break
            while name in used:
                name = f"{name} 2"
            used.add(name)
            plans.append((kind, name))
        return plans

    def team(self, index: int, kind: _ServiceType, name: str, size: int, *, examples: bool) -> None:
        """One team and all its history. ``examples`` makes sure the team has someone
        newly qualified and someone on a phased return today, so even a small demo
        organisation shows them."""
        rng = random.Random(f"wellbeing-demo:{self.seed}:team:{index}")
        team_id = self.ids.take("team")
        hot = index in self.hot
        heat = rng.uniform(0.98, 1.1) if hot else rng.uniform(0.68, 0.8)
        # Supervision slips where teams are stretched.
        slip = rng.uniform(1.1, 1.35) if hot else rng.uniform(0.95, 1.12)
        review_day = rng.randint(1, 28)
        banded_from = None
        if index == 0 or rng.random() < 0.3:  # some teams record complexity bands
            banded_from = rng.randint(self.first, max(self.first, self.today - 200))
        checkin_habit = rng.choice((1.0, 1.0, 1.1, 1.3, 1.8))
        seniors = 2 if size >= 20 else 1 if size >= 12 else 0
        roles = self._slot_roles(kind, size - 1 - seniors, rng)
        newcomer = None
        if examples:
            eligible = [i for i, key in enumerate(roles) if key in _NEWLY_QUALIFIED]
            newcomer = 1 + seniors + eligible[-1] if eligible else None
        people: list[_Person] = []
        for slot in range(size):
            role_key = kind.roles[0][0] if slot <= seniors else roles[slot - 1 - seniors]
            people.extend(self._occupants(kind, slot, seniors, role_key, rng, slot == newcomer))
        if examples or rng.random() < 0.15:
            self._phased_return_now(people, seniors, rng)
        # Supervisors first, so the staff_member.supervisor_id reference exists.
        people.sort(key=lambda p: (p.slot > seniors, p.slot, p.start))
        for person in people:
            person.id = self.ids.take("staff_member")
        by_slot: dict[int, list[_Person]] = {}
        for person in people:
            by_slot.setdefault(person.slot, []).append(person)
        leader_now = next((p for p in by_slot[0] if not p.left), by_slot[0][-1])
        self.writer.add(
            "team",
            {
                "id": team_id,
                "name": name,
                "service": kind.service,
                "manager_name": leader_now.name,
                "archived": False,
            },
        )
        for person in people:
            self._staff_row(person, team_id, by_slot)
        for person in people:
            self._caseloads(person, heat, banded_from, review_day, rng)
            self._one_to_ones(person, by_slot, kind, slip, rng)
            self._checkins(person, checkin_habit, rng)
        self._group_sessions(kind, people, by_slot, rng)

    def _slot_roles(self, kind: _ServiceType, count: int, rng: random.Random) -> list[str]:
        total = sum(share for _key, share in kind.roles)
        roles: list[str] = []
        for key, share in kind.roles:
            roles.extend([key] * round(count * share / total))
        roles = (roles + [kind.roles[0][0]] * count)[:count]
        rng.shuffle(roles)
        return roles

    def _occupants(
        self,
        kind: _ServiceType,
        slot: int,
        seniors: int,
        role_key: str,
        rng: random.Random,
        newcomer: bool = False,
    ) -> list[_Person]:
        """The people who have held one post, newest first: the current one and,
        back to the start of the history, the leavers they replaced."""
        mean_tenure = 8 * 365 if slot <= seniors else 6 * 365
        spans = []
        elapsed = min(25 * 365, max(20, int(rng.expovariate(1 / mean_tenure))))
        if newcomer:
            elapsed = rng.randint(60, 300)
        start = self.today - elapsed
        spans.append((start, self.today + 1, False))
        while start > self.first:
            leave = start - rng.randint(14, 150)  # the post stood vacant for a while
            if leave <= self.first:
                break
            start = leave - max(180, int(rng.expovariate(1 / mean_tenure)))
            spans.append((start, leave, True))
        people = []
        for start, end, left in spans:
            newly_qualified = newcomer and not left
            person = self._person(kind, slot, seniors, role_key, start, end, left, rng)
            self._protections(person, slot > seniors, rng, newly_qualified)
            people.append(person)
            if left:
                self.leavers += 1
            else:
                self.in_post += 1
        return people

    def _person(
        self,
        kind: _ServiceType,
        slot: int,
        seniors: int,
        role_key: str,
        start: int,
        end: int,
        left: bool,
        rng: random.Random,
    ) -> _Person:
        role = self.roles[role_key]
        if slot == 0:
            title, band = kind.leader
            fte = 1.0 if rng.random() < 0.85 else 0.8
        elif slot <= seniors:
            title, band = kind.senior
            fte = 1.0 if rng.random() < 0.8 else 0.8
        else:
            fte = rng.choices([f for f, _w in _FTES], [w for _f, w in _FTES])[0]
            if role_key == "support_worker":
                title, band = rng.choice(kind.support_titles)
            else:
                options = _TITLES[role_key]
                title, band, _w = rng.choices(options, [w for *_x, w in options])[0]
        # Team leaders are supervised by the service manager; seniors by the team leader;
        # practitioners by the leader or one of the seniors.
        supervisor_slot: int | None = None
        if slot:
            supervisor_slot = 0 if slot <= seniors or not seniors else 1 + slot % seniors
        person = _Person(
            id=0,
            slot=slot,
            role=role,
            name=self.names.person(),
            job_title=title,
            band=band,
            fte=fte,
            start=start,
            end=end,
            left=left,
            supervisor_slot=supervisor_slot,
            offset=rng.gauss(0, 0.08),
        )
        return person

    def _protections(
        self, person: _Person, practitioner: bool, rng: random.Random, newly_qualified: bool
    ) -> None:
        nq = _NEWLY_QUALIFIED.get(person.role.key)
        chance = 1.0 if newly_qualified else 0.4
        if practitioner and nq and person.start > self.first and rng.random() < chance:
            kind, title, band = nq
            end = person.start + 364
            person.protections.append((kind, person.start, end, self.defaults[kind]))
            if end >= self.today and not person.left:
                person.job_title, person.band = title, band
        span_years = (min(person.end, self.today) - max(person.start, self.first)) / 365.25
        if span_years > 0.5 and rng.random() < min(0.5, 0.04 * span_years):
            begin = rng.randint(max(person.start, self.first) + 60, min(person.end, self.today))
            length = rng.randint(28, 84)
            percent = rng.choice((self.defaults["phased_return"], 60, 75))
            person.protections.append(("phased_return", begin, begin + length, percent))
        if rng.random() < 0.015:
            begin = max(person.start, self.first) + rng.randint(0, 365)
            if begin < person.end:
                percent = self.defaults["reasonable_adjustment"]
                person.protections.append(("reasonable_adjustment", begin, None, percent))

    def _phased_return_now(self, people: list[_Person], seniors: int, rng: random.Random) -> None:
        """Someone back from sick leave on a phased return that is still running."""
        candidates = [
            p
            for p in people
            if p.slot > seniors and not p.left and p.start < self.today - 365 and not p.protections
        ]
        if candidates:
            person = rng.choice(candidates)
            begin = self.today - rng.randint(7, 35)
            percent = self.defaults["phased_return"]
            person.protections.append(
                ("phased_return", begin, begin + rng.randint(42, 84), percent)
            )

    def _share_on(self, person: _Person, day: int) -> float:
        share = 100
        for _kind, start, end, percent in person.protections:
            if start <= day and (end is None or day <= end):
                share = min(share, percent)
        return person.fte * share / 100

    def _staff_row(self, person: _Person, team_id: int, by_slot: dict[int, list[_Person]]) -> None:
        supervisor = self._supervisor_on(person, by_slot, min(person.end - 1, self.today))
        self.writer.add(
            "staff_member",
            {
                "id": person.id,
                "team_id": team_id,
                "role_id": person.role.id,
                "name": person.name,
                "job_title": person.job_title,
                "pay_band": person.band,
                "fte": person.fte,
                "start_date": dt.date.fromordinal(person.start),
                "leaving_date": dt.date.fromordinal(person.end) if person.left else None,
                "supervisor_id": supervisor.id if supervisor else None,
                "notes": "",
            },
        )
        for kind, start, end, percent in person.protections:
            self.writer.add(
                "protection",
                {
                    "id": self.ids.take("protection"),
                    "staff_id": person.id,
                    "kind": kind,
                    "start_date": dt.date.fromordinal(start),
                    "end_date": dt.date.fromordinal(end) if end is not None else None,
                    "limit_percent": percent,
                    "note": "",
                },
            )

    @staticmethod
    def _holder(by_slot: dict[int, list[_Person]], slot: int, day: int) -> _Person | None:
        for person in by_slot.get(slot, ()):
            if person.in_post(day):
                return person
        return None

    def _supervisor_on(
        self, person: _Person, by_slot: dict[int, list[_Person]], day: int
    ) -> _Person | None:
        if person.supervisor_slot is None:
            return None
        # Cover from the team leader while a supervisor's post is vacant.
        return self._holder(by_slot, person.supervisor_slot, day) or (
            self._holder(by_slot, 0, day) if person.slot != 0 else None
        )

    # -- caseloads -------------------------------------------------------------------
    def _caseloads(
        self,
        person: _Person,
        heat: float,
        banded_from: int | None,
        review_day: int,
        rng: random.Random,
    ) -> None:
        first = max(person.start + 14, self.first)
        last = min(person.end - 1, self.today)
        if first > last:
            return
        red = person.role.red
        banded = banded_from is not None and person.role.key in _BANDED_ROLES
        writer, ids = self.writer, self.ids
        level = None
        for day in _month_days(first, last, review_day, rng):
            if rng.random() < 0.04 and day < last - 62:
                continue  # a month nobody recorded
            # The level is the caseload as a share of the person's safe limit (amber
            # starts at 0.8-0.87 of it, by role). Demand has grown a little every
            # year, and hot teams got hot in the last two.
            growth = 0.015 * (day - self.today) / 365
            recent = max(0.0, 1 - (self.today - day) / 730)
            target = 0.75 + (heat - 0.75) * recent + growth + person.offset
            if person.slot == 0:
                target = 0.35
            level = target if level is None else target + 0.75 * (level - target)
            level = max(0.15, level + rng.gauss(0, 0.045))
            months_in = (day - person.start) / 30.4
            ramp = min(1.0, 0.35 + 0.22 * months_in)
            cases = max(0, round(level * ramp * red * self._share_on(person, day)))
            person.load_days.append(day)
            person.loads.append(level * ramp)
            person.cases.append(cases)
            record_id = ids.take("caseload_record")
            points = None
            if banded and banded_from is not None and day >= banded_from and cases:
                high = round(cases * rng.uniform(0.08, 0.25))
                complex_ = round(cases * rng.uniform(0.2, 0.4))
                counts = (cases - high - complex_, complex_, high)
                points = 0.0
                for (label, weight), count in zip(_BANDS, counts, strict=True):
                    points += count * weight
                    writer.add(
                        "caseload_band",
                        {
                            "id": ids.take("caseload_band"),
                            "record_id": record_id,
                            "label": label,
                            "cases": count,
                            "weight": weight,
                        },
                    )
            writer.add(
                "caseload_record",
                {
                    "id": record_id,
                    "staff_id": person.id,
                    "recorded_on": dt.date.fromordinal(day),
                    "open_cases": cases,
                    "weighted_points": points,
                    "note": "",
                },
            )

    # -- supervision -----------------------------------------------------------------
    def _one_to_ones(
        self,
        person: _Person,
        by_slot: dict[int, list[_Person]],
        kind: _ServiceType,
        slip: float,
        rng: random.Random,
    ) -> None:
        interval = person.role.supervision_days
        last = min(person.end - 1, self.today)
        if person.start > self.first:
            day = person.start + rng.randint(5, 14)
        else:
            day = self.first + rng.randint(0, interval)
        neglect = rng.random() < 0.08  # a few people whose supervision keeps slipping
        while day <= last:
            # Newly started staff are supervised fortnightly for their first months.
            gap = 14 if day - person.start < 90 else interval
            factor = max(0.6, rng.gauss(1.0, 0.14)) * slip * (1.6 if neglect else 1.0)
            if rng.random() < 0.07:
                factor += 1.0  # cancelled, not rebooked
            next_day = day + round(gap * factor)
            supervisor = self._supervisor_on(person, by_slot, day)
            if supervisor is None:
                sup_id, sup_name = None, self.service_managers[kind.service]
            else:
                sup_id, sup_name = supervisor.id, supervisor.name
            utilisation = person.utilisation_on(day)
            wellbeing = _WELLBEING_PRESSED if utilisation > 0.97 else _WELLBEING_CALM
            cases = person.cases_on(day)
            reviewed = cases is not None and rng.random() < 0.85
            self._session(
                "one_to_one",
                day,
                rng.choice((45, 60, 60, 60, 60, 90)),
                sup_id,
                sup_name,
                casework=rng.choice(_CASEWORK),
                learning=rng.choice(_LEARNING),
                wellbeing=rng.choice(wellbeing),
                reflection="",
                caseload_figure=cases if reviewed else None,
                next_on=day + gap if rng.random() < 0.9 else None,
                attendees=(person,),
                supervisee=person,
                manager=(sup_id, sup_name),
                count=rng.choices((1, 2, 3, 4), (35, 35, 20, 10))[0],
                rng=rng,
            )
            day = next_day

    def _session(
        self,
        kind: str,
        day: int,
        minutes: int,
        sup_id: int | None,
        sup_name: str,
        *,
        casework: str,
        learning: str,
        wellbeing: str,
        reflection: str,
        caseload_figure: int | None,
        next_on: int | None,
        attendees: Sequence[_Person],
        supervisee: _Person | None,
        manager: tuple[int | None, str],
        count: int,
        rng: random.Random,
    ) -> None:
        """One session, its attendees (with the session's date and kind copied) and
        its actions, owned by the supervisee, or by the manager (the team's, for groups)."""
        writer, ids, today = self.writer, self.ids, self.today
        session_id = ids.take("supervision_session")
        held_on = dt.date.fromordinal(day)
        agreed_after = rng.randint(0, 10)
        draft = day + agreed_after > today or (today - day < 14 and rng.random() < 0.6)
        writer.add(
            "supervision_session",
            {
                "id": session_id,
                "kind": kind,
                "held_on": held_on,
                "duration_minutes": minutes,
                "supervisor_id": sup_id,
                "supervisor_name": sup_name,
                "casework": casework,
                "learning": learning,
                "wellbeing": wellbeing,
                "reflection": reflection,
                "caseload_reviewed": caseload_figure is not None,
                "caseload_figure": caseload_figure,
                "next_session_on": dt.date.fromordinal(next_on) if next_on else None,
                "status": "draft" if draft else "agreed",
                "agreed_on": None if draft else dt.date.fromordinal(day + agreed_after),
            },
        )
        for person in attendees:
            writer.add(
                "session_attendee",
                {
                    "session_id": session_id,
                    "staff_id": person.id,
                    "held_on": held_on,
                    "kind": kind,
                },
            )
        for _ in range(count):
            leaves: _Person | None = None
            if supervisee is None:
                text_ = rng.choice(_ACTIONS_GROUP)
                (owner_id, owner_name) = manager
            elif rng.random() < 0.3:
                text_ = rng.choice(_ACTIONS_MANAGER)
                (owner_id, owner_name) = manager
            else:
                text_ = rng.choice(_ACTIONS_STAFF)
                owner_id, owner_name, leaves = supervisee.id, supervisee.name, supervisee
            due = day + rng.choice((14, 21, 28, 28, 42, 56))
            if (leaves is not None and leaves.left) or due < today - 90:
                done = True  # long past, or the owner has left: closed
            elif due < today - 60:
                done = rng.random() < 0.98
            elif due < today - 14:
                done = rng.random() < 0.94
            elif due < today:
                done = rng.random() < 0.8
            else:
                done = rng.random() < 0.2
            done_on = None
            if done:
                done_on = min(today, max(day + 1, due + rng.randint(-12, 8)))
                if leaves is not None and leaves.left:
                    done_on = min(done_on, leaves.end - 1)
                done_on = max(done_on, day)
            writer.add(
                "supervision_action",
                {
                    "id": ids.take("supervision_action"),
                    "session_id": session_id,
                    "text": text_,
                    "owner_staff_id": owner_id,
                    "owner_name": owner_name,
                    "due_on": dt.date.fromordinal(due),
                    "done": done,
                    "done_on": dt.date.fromordinal(done_on) if done_on is not None else None,
                    "carried_from_id": None,
                },
            )

    def _group_sessions(
        self,
        kind: _ServiceType,
        people: list[_Person],
        by_slot: dict[int, list[_Person]],
        rng: random.Random,
    ) -> None:
        plans = []
        if rng.random() < kind.reflective_chance:
            plans.append(("reflective_practice", 28, 56, 4, 90))
        if rng.random() < 0.4:
            plans.append(("group", 56, 91, 4, 90))
        if rng.random() < 0.3:
            plans.append(("peer", 42, 84, 2, 60))
        facilitator = self.names.person()  # e.g. a psychologist from outside the team
        for session_kind, low, high, smallest, minutes in plans:
            day = self.first + rng.randint(0, high)
            while day <= self.today:
                leader = self._holder(by_slot, 0, day)
                eligible = [p for p in people if p.slot != 0 and p.in_post(day)]
                if session_kind == "peer":
                    size = rng.randint(2, 3)
                else:
                    size = round(len(eligible) * rng.uniform(0.45, 0.8))
                if len(eligible) >= smallest and size >= smallest:
                    chosen = sorted(
                        rng.sample(eligible, min(size, len(eligible))), key=lambda p: p.id
                    )
                    if session_kind == "reflective_practice" and rng.random() < 0.6:
                        sup_id, sup_name = None, facilitator
                    elif session_kind == "peer":
                        sup_id, sup_name = None, ""
                    else:
                        sup_id = leader.id if leader else None
                        sup_name = leader.name if leader else ""
                    casework = ""
                    if session_kind != "reflective_practice":
                        casework = rng.choice(_GROUP_CASEWORK)
                    self._session(
                        session_kind,
                        day,
                        minutes,
                        sup_id,
                        sup_name,
                        casework=casework,
                        learning=rng.choice(_LEARNING) if rng.random() < 0.5 else "",
                        wellbeing=rng.choice(_WELLBEING_CALM + _WELLBEING_PRESSED),
                        reflection=rng.choice(_REFLECTION),
                        caseload_figure=None,
                        next_on=day + low,
                        attendees=chosen,
                        supervisee=None,
                        manager=(leader.id, leader.name) if leader else (None, sup_name),
                        count=rng.choice((1, 1, 2, 3)),
                        rng=rng,
                    )
                day += rng.randint(low, high)

    # -- check-ins and signposting ----------------------------------------------------
    def _checkins(self, person: _Person, habit: float, rng: random.Random) -> None:
        interval = person.role.checkin_days
        last = min(person.end - 1, self.today)
        day = max(person.start + rng.randint(14, 35), self.first + rng.randint(0, interval))
        resilience = rng.gauss(0, 0.5)
        writer, ids, today = self.writer, self.ids, self.today
        while day <= last:
            if rng.random() >= 0.1:
                pressure = person.utilisation_on(day) - 0.9
                stress = _clamp(rng.gauss(2.4 + 3.5 * pressure - resilience, 0.75))
                overall = _clamp(rng.gauss(3.9 - 2.0 * pressure + resilience / 2, 0.7))
                follow_up = overall <= 2 or stress == 5 or (stress == 4 and rng.random() < 0.3)
                done_on = None
                if follow_up:
                    handled = day + rng.randint(1, 21)
                    if person.left or (
                        handled <= today and (today - day > 120 or rng.random() < 0.6)
                    ):
                        done_on = dt.date.fromordinal(min(handled, last))
                    if rng.random() < 0.4:
                        self._signpost(person, day, _REASONS[:5], rng)
                writer.add(
                    "check_in",
                    {
                        "id": ids.take("check_in"),
                        "staff_id": person.id,
                        "held_on": dt.date.fromordinal(day),
                        "overall": overall,
                        "workload": _clamp(rng.gauss(3.6 - 4.0 * pressure, 0.7)),
                        "stress": stress,
                        "support": _clamp(rng.gauss(3.8 + resilience / 3, 0.7)),
                        "notes": rng.choice(_CHECKIN_NOTES) if rng.random() < 0.3 else "",
                        "follow_up_needed": follow_up,
                        "follow_up_done_on": done_on,
                    },
                )
            elif rng.random() < 0.03:
                self._signpost(person, day, _REASONS, rng)
            day += round(interval * habit * max(0.6, rng.gauss(1.0, 0.18)))

    def _signpost(
        self,
        person: _Person,
        day: int,
        reasons: Sequence[tuple[str, int, tuple[str, ...]]],
        rng: random.Random,
    ) -> None:
        on = min(day + rng.randint(0, 7), self.today, person.end - 1)
        reason, _weight, categories = rng.choices(reasons, [r[1] for r in reasons])[0]
        fitting = [s for s in self.services if s[1] in categories] or self.services
        service_id = rng.choice(fitting)[0]
        follow_up = on + rng.choice((14, 21, 28))
        outcome, outcome_on = "", None
        if follow_up < self.today - 7 or person.left or rng.random() < 0.3:
            outcome = rng.choices([o for o, _w in _OUTCOMES], [w for _o, w in _OUTCOMES])[0]
            outcome_on = min(self.today, max(on + 1, follow_up + rng.randint(-7, 7)))
        self.writer.add(
            "signposting_record",
            {
                "id": self.ids.take("signposting_record"),
                "staff_id": person.id,
                "service_id": service_id,
                "signposted_on": dt.date.fromordinal(on),
                "reason": reason,
                "notes": rng.choice(_SIGNPOST_NOTES),
                "follow_up_on": dt.date.fromordinal(follow_up),
                "outcome": outcome,
                "outcome_on": dt.date.fromordinal(outcome_on) if outcome_on else None,
            },
        )


def _next_ids(connection: Connection) -> dict[str, int]:
    starts = {}
    for table in _TABLES:
        if table.name in _ID_TABLES:
            highest = connection.execute(select(func.max(table.c.id))).scalar()
            starts[table.name] = (highest or 0) + 1
    return starts


def _reset_sequences(connection: Connection) -> None:
    """PostgreSQL hands out ids from sequences, which explicit ids do not move on."""
    for name in _ID_TABLES:
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {name}), false)"
            )
        )


def _establishments(connection: Connection, today: dt.date, seed: int) -> None:
    """Each team's funded establishment (what is in post today, with a vacancy or two in
    most teams) and a few months of counts of cases waiting to be allocated."""
    from wellbeing_desktop.storage.models import TeamEstablishment, UnallocatedCases

    rng = random.Random(seed * 7919 + 17)
    staff = StaffMember.__table__.c
    in_post: dict[int, dict[int, float]] = {}
    for team_id, role_id, fte in connection.execute(
        select(staff.team_id, staff.role_id, func.sum(staff.fte))
        .where(
            (staff.leaving_date.is_(None)) | (staff.leaving_date > today),
            (staff.start_date.is_(None)) | (staff.start_date <= today),
        )
        .group_by(staff.team_id, staff.role_id)
        .order_by(staff.team_id, staff.role_id)
    ):
        in_post.setdefault(team_id, {})[role_id] = float(fte)
    funded_rows, waiting_rows = [], []
    for team_id, roles in in_post.items():
        main_role = max(roles, key=lambda role: (roles[role], -role))
        vacancy = rng.choice((0.0, 0.5, 1.0, 1.0, 1.5, 2.0))
        for role_id, fte in roles.items():
            extra = vacancy if role_id == main_role else rng.choice((0.0, 0.0, 0.0, 0.5))
            funded = round(round(fte * 2) / 2 + extra, 1)  # posts are funded in half-FTEs
            funded_rows.append({"team_id": team_id, "role_id": role_id, "funded_fte": funded})
        waiting = rng.randint(2, 14)
        for months_ago in (3, 2, 1, 0):
            day = today - dt.timedelta(days=months_ago * 30 + rng.randint(1, 6))
            waiting = max(0, waiting + rng.randint(-3, 4))
            waiting_rows.append({"team_id": team_id, "recorded_on": day, "cases": waiting})
    if funded_rows:
        connection.execute(insert(TeamEstablishment), funded_rows)
        connection.execute(insert(UnallocatedCases), waiting_rows)


def generate_demo_data(
    db: Database,
    *,
    staff: int = 40,
    years: float = 2,
    seed: int = 1,
    today: dt.date | None = None,
    progress: Callable[[float], None] | None = None,
) -> DemoStats:
    """Fill ``db`` with a made-up organisation of about ``staff`` people in post and
    ``years`` of history up to ``today``, deterministically from ``seed``.

    The database must have no teams or staff yet; the default roles and services
    directory are added if missing. Everything is written in one transaction, so a
    failure leaves the database as it was. ``progress`` is called with 0..1.
    """
    if staff < 1:
        raise ValidationError("staff", "Demo data needs at least one member of staff.")
    if years <= 0:
        raise ValidationError("years", "Demo data needs some history: years must be above 0.")
    today = today or dt.date.today()
    report = progress or (lambda _fraction: None)
    report(0.0)
    with db.session() as session:
        seed_defaults(session)
        session.flush()
        if session.scalar(select(func.count()).select_from(StaffMember)) or session.scalar(
            select(func.count()).select_from(Team)
        ):
            raise ValidationError(
                "database", "Demo data can only be added to a database with no teams or staff."
            )
        roles: dict[str, _RoleInfo] = {}
        for id_, key, red, sup_days, checkin_days in session.execute(
            select(
                Role.id,
                Role.key,
                Role.red_threshold,
                Role.supervision_interval_days,
                Role.checkin_interval_days,
            )
        ):
            if key is not None:  # the shipped defaults, found by key whatever their name
                roles[key] = _RoleInfo(id_, key, red, sup_days, checkin_days)
        needed = {key for kind in _SERVICE_TYPES for key, _share in kind.roles}
        if needed - roles.keys():
            raise ValidationError(
                "roles", "Demo data needs the default roles; some have been removed or renamed."
            )
        services = [
            (id_, category, nation or "")
            for id_, category, nation in session.execute(
                select(WellbeingService.id, WellbeingService.category, WellbeingService.nation)
                .where(WellbeingService.hidden.is_(False))
                .order_by(WellbeingService.id)
            )
        ]
        if not services:
            raise ValidationError("services", "Demo data needs at least one wellbeing service.")
        connection = session.connection()
        if db.is_sqlite:
            # A bigger page cache for this load only: index pages stay in memory.
            cache_size = connection.exec_driver_sql("PRAGMA cache_size").scalar()
            connection.exec_driver_sql("PRAGMA cache_size = -262144")
        writer = _Writer(connection, _TABLES)
        generator = _Generator(
            writer,
            _Ids(_next_ids(connection)),
            roles,
            services,
            seed=seed,
            staff=staff,
            years=years,
            today=today,
        )
        plans = generator.team_plans()
        done = 0
        for index, ((kind, name), size) in enumerate(zip(plans, generator.sizes, strict=True)):
            generator.team(index, kind, name, size, examples=index == min(1, len(plans) - 1))
            done += size
            if writer.flush_if_full():
                report(0.97 * done / staff)
        writer.flush()
        _establishments(connection, today, seed)
        completions = add_demo_training(
            connection, today=today, first=dt.date.fromordinal(generator.first), seed=seed
        )
        if db.is_sqlite:
            connection.exec_driver_sql(f"PRAGMA cache_size = {int(cache_size or -2000)}")
        else:
            _reset_sequences(connection)
            # Fresh statistics, so the planner knows the tables are no longer empty.
            connection.exec_driver_sql("ANALYZE")
        # Programmes, plans and CPD (a few hundred rows, through the ORM; ids are safe to
        # hand out now that the sequences have moved past the bulk load's).
        add_development_examples(session, today, seed)
        # The rest of the organisation's plans and CPD, in bulk (people without any yet).
        add_demo_plans_and_cpd(connection, today=today, seed=seed)
    # Workload reviews through the services, once the history is in (their own step).
    from wellbeing_desktop.services.demo_workload import add_demo_workload_reviews

    reallocated = add_demo_workload_reviews(db, today=today, seed=seed)
    report(1.0)
    counts = writer.counts
    counts["caseload_record"] += reallocated
    return DemoStats(
        teams=counts["team"],
        staff_members=counts["staff_member"],
        in_post=generator.in_post,
        leavers=generator.leavers,
        protections=counts["protection"],
        caseload_records=counts["caseload_record"],
        caseload_bands=counts["caseload_band"],
        sessions=counts["supervision_session"],
        attendees=counts["session_attendee"],
        actions=counts["supervision_action"],
        check_ins=counts["check_in"],
        signposting_records=counts["signposting_record"],
        first_day=dt.date.fromordinal(generator.first),
        today=today,
        training_completions=completions,
    )
