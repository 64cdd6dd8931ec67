"""The model of one organisation and the generator that walks its history day by day:
teams and their people (leavers replaced, some newly qualified), caseloads, supervision,
check-ins and signposting, each row handed to the writer."""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from wellbeing_desktop.services.defaults import protection_defaults
from wellbeing_desktop.services.demo_data.vocabulary import (
    ACTIONS_GROUP,
    ACTIONS_MANAGER,
    ACTIONS_STAFF,
    AREAS,
    BANDED_ROLES,
    BANDS,
    CASEWORK,
    CHECKIN_NOTES,
    FTES,
    GROUP_CASEWORK,
    LEARNING,
    NEWLY_QUALIFIED,
    OUTCOMES,
    REASONS,
    REFLECTION,
    SERVICE_TYPES,
    SIGNPOST_NOTES,
    TITLES,
    WELLBEING_CALM,
    WELLBEING_PRESSED,
    Names,
    ServiceType,
)
from wellbeing_desktop.services.demo_data.writer import Ids, Writer

# --- The model of one organisation ---------------------------------------------------


@dataclass(frozen=True)
class RoleInfo:
    id: int
    key: str
    red: float
    supervision_days: int
    checkin_days: int


@dataclass
class _Person:
    id: int
    slot: int
    role: RoleInfo
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


class Generator:
    def __init__(
        self,
        writer: Writer,
        ids: Ids,
        roles: dict[str, RoleInfo],
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
        self.names = Names(random.Random(f"wellbeing-demo:{seed}:names"))
        nation = org.choice(("England", "England", "Scotland", "Wales"))
        self.services = [s for s in services if s[2] in {"", "UK", nation}] or services
        self.sizes = _team_sizes(staff, org)
        # About a third of teams run hot, always including the first, so that even a
        # two-team organisation shows both sides.
        others = list(range(1, len(self.sizes)))
        self.hot = {0, *org.sample(others, max(0, round(len(self.sizes) * 0.3) - 1))}
        self.defaults = {k: v.default_percent for k, v in protection_defaults().items()}
        self.service_managers = {t.service: self.names.person() for t in SERVICE_TYPES}
        self.in_post = 0
        self.leavers = 0

    # -- teams ---------------------------------------------------------------------
    def team_plans(self) -> list[tuple[ServiceType, str]]:
        org, used, plans = self.org, set(), []
        weights = [t.weight for t in SERVICE_TYPES]
        for index in range(len(self.sizes)):
            kind = (
                SERVICE_TYPES[index % len(SERVICE_TYPES)]
                if index < len(SERVICE_TYPES)
                else org.choices(SERVICE_TYPES, weights)[0]
            )
            name = ""
            for _attempt in range(40):
                name = org.choice(kind.names).format(area=org.choice(AREAS))
                if name not in used:
                    break
            while name in used:
                name = f"{name} 2"
            used.add(name)
            plans.append((kind, name))
        return plans

    def team(self, index: int, kind: ServiceType, name: str, size: int, *, examples: bool) -> None:
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
            eligible = [i for i, key in enumerate(roles) if key in NEWLY_QUALIFIED]
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

    def _slot_roles(self, kind: ServiceType, count: int, rng: random.Random) -> list[str]:
        total = sum(share for _key, share in kind.roles)
        roles: list[str] = []
        for key, share in kind.roles:
            roles.extend([key] * round(count * share / total))
        roles = (roles + [kind.roles[0][0]] * count)[:count]
        rng.shuffle(roles)
        return roles

    def _occupants(
        self,
        kind: ServiceType,
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
        kind: ServiceType,
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
            fte = rng.choices([f for f, _w in FTES], [w for _f, w in FTES])[0]
            if role_key == "support_worker":
                title, band = rng.choice(kind.support_titles)
            else:
                options = TITLES[role_key]
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
        nq = NEWLY_QUALIFIED.get(person.role.key)
        chance = 1.0 if newly_qualified else 0.4
        if practitioner and nq and person.start > self.first and rng.random() < chance:
            kind, title, band = nq
            end = person.start + 364
            if kind == "preceptorship":  # 12 months to the day: 12 to 18 is expected
                first = dt.date.fromordinal(person.start)
                last = calendar.monthrange(first.year + 1, first.month)[1]
                end = first.replace(year=first.year + 1, day=min(first.day, last)).toordinal()
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
        banded = banded_from is not None and person.role.key in BANDED_ROLES
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
                for (label, weight), count in zip(BANDS, counts, strict=True):
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
        kind: ServiceType,
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
            wellbeing = WELLBEING_PRESSED if utilisation > 0.97 else WELLBEING_CALM
            cases = person.cases_on(day)
            reviewed = cases is not None and rng.random() < 0.85
            self._session(
                "one_to_one",
                day,
                rng.choice((45, 60, 60, 60, 60, 90)),
                sup_id,
                sup_name,
                casework=rng.choice(CASEWORK),
                learning=rng.choice(LEARNING),
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
                text_ = rng.choice(ACTIONS_GROUP)
                (owner_id, owner_name) = manager
            elif rng.random() < 0.3:
                text_ = rng.choice(ACTIONS_MANAGER)
                (owner_id, owner_name) = manager
            else:
                text_ = rng.choice(ACTIONS_STAFF)
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
        kind: ServiceType,
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
                        casework = rng.choice(GROUP_CASEWORK)
                    self._session(
                        session_kind,
                        day,
                        minutes,
                        sup_id,
                        sup_name,
                        casework=casework,
                        learning=rng.choice(LEARNING) if rng.random() < 0.5 else "",
                        wellbeing=rng.choice(WELLBEING_CALM + WELLBEING_PRESSED),
                        reflection=rng.choice(REFLECTION),
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
                        self._signpost(person, day, REASONS[:5], rng)
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
                        "notes": rng.choice(CHECKIN_NOTES) if rng.random() < 0.3 else "",
                        "follow_up_needed": follow_up,
                        "follow_up_done_on": done_on,
                    },
                )
            elif rng.random() < 0.03:
                self._signpost(person, day, REASONS, rng)
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
            outcome = rng.choices([o for o, _w in OUTCOMES], [w for _o, w in OUTCOMES])[0]
            outcome_on = min(self.today, max(on + 1, follow_up + rng.randint(-7, 7)))
        self.writer.add(
            "signposting_record",
            {
                "id": self.ids.take("signposting_record"),
                "staff_id": person.id,
                "service_id": service_id,
                "signposted_on": dt.date.fromordinal(on),
                "reason": reason,
                "notes": rng.choice(SIGNPOST_NOTES),
                "follow_up_on": dt.date.fromordinal(follow_up),
                "outcome": outcome,
                "outcome_on": dt.date.fromordinal(outcome_on) if outcome_on else None,
            },
        )
