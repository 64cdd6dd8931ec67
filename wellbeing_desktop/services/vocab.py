"""The fixed choices the app offers, each with the words a user sees."""

from __future__ import annotations

SESSION_KINDS: dict[str, str] = {
    "one_to_one": "One-to-one supervision",
    "group": "Group supervision",
    "peer": "Peer supervision",
    "reflective_practice": "Reflective practice",
}
# Kinds that meet a person's supervision requirement. Peer supervision and
# reflective-practice groups are valued and recorded, but do not replace it.
COUNTS_AS_SUPERVISION: frozenset[str] = frozenset({"one_to_one", "group"})

SESSION_STATUSES: dict[str, str] = {
    "draft": "Draft",
    "agreed": "Agreed by supervisee",
}

PROTECTION_KINDS: dict[str, str] = {
    "newly_qualified": "Newly qualified",
    "preceptorship": "Preceptorship",
    "phased_return": "Phased return",
    "reasonable_adjustment": "Reasonable adjustment",
}

SERVICE_CATEGORIES: dict[str, str] = {
    "helpline": "Helpline",
    "hub": "Wellbeing hub",
    "employee_assistance": "Employee assistance",
    "occupational_health": "Occupational health",
    "coaching": "Coaching",
    "professional_support": "Professional support",
    "crisis": "Crisis support",
    "other": "Other",
}

SIGNPOSTING_REASONS: dict[str, str] = {
    "stress": "Stress or workload",
    "low_mood": "Low mood or anxiety",
    "trauma": "Traumatic event at work",
    "bereavement": "Bereavement",
    "health": "Physical health",
    "substance_use": "Own drug or alcohol use",
    "financial": "Money worries",
    "relationships": "Home or relationships",
    "career": "Career and development",
    "crisis": "Crisis",
    "other": "Other",
}

CHECKIN_SCALES: dict[str, str] = {
    "overall": "Overall wellbeing",
    "workload": "Workload feels manageable",
    "stress": "Stress",
    "support": "Feeling supported",
}

PROGRAMME_KINDS: dict[str, str] = {
    "induction": "Induction",
    "preceptorship": "Preceptorship",
    "skills_passport": "Skills passport",
}
# How a programme ended. "extended" marks a running programme whose end was moved.
PROGRAMME_OUTCOMES: dict[str, str] = {
    "completed": "Completed",
    "extended": "Extended",
    "withdrawn": "Withdrawn",
}
FINISHING_OUTCOMES: dict[str, str] = {
    "completed": "Completed",
    "withdrawn": "Withdrawn",
}

OBJECTIVE_STATUSES: dict[str, str] = {
    "open": "Open",
    "achieved": "Achieved",
    "dropped": "Dropped",
}

CPD_CATEGORIES: dict[str, str] = {
    "course": "Course or training",
    "reading": "Reading or research",
    "supervision": "Reflective discussion or supervision",
    "conference": "Conference or event",
    "work_based": "Work-based learning",
    "teaching": "Teaching or mentoring others",
    "other": "Other",
}
