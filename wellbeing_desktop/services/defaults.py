"""The shipped defaults (roles and thresholds, protections, services directory, training
courses)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wellbeing_desktop import paths
from wellbeing_desktop.services.training_rules import DEFAULTS_ADDED_SETTING
from wellbeing_desktop.storage.models import (
    Course,
    CourseMandatoryRole,
    OrgSetting,
    Role,
    WellbeingService,
)


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((paths.resources_dir() / name).read_text(encoding="utf-8"))
    return data


@cache
def default_roles() -> tuple[dict[str, Any], ...]:
    return tuple(_load("roles.json")["roles"])


@cache
def default_services() -> tuple[dict[str, Any], ...]:
    return tuple(_load("services.json")["services"])


@cache
def default_courses() -> tuple[dict[str, Any], ...]:
    return tuple(_load("courses.json")["courses"])


@dataclass(frozen=True)
class ProtectionDefault:
    kind: str
    label: str
    default_percent: int
    source: str


@cache
def protection_defaults() -> dict[str, ProtectionDefault]:
    return {
        item["kind"]: ProtectionDefault(
            item["kind"], item["label"], int(item["default_percent"]), item["source"]
        )
        for item in _load("protections.json")["protections"]
    }


def _role(item: dict[str, Any]) -> Role:
    return Role(
        key=item["key"],
        name=item["name"],
        amber_threshold=float(item["amber"]),
        red_threshold=float(item["red"]),
        uses_weighting=bool(item.get("uses_weighting", False)),
        supervision_interval_days=int(item["supervision_interval_days"]),
        checkin_interval_days=int(item["checkin_interval_days"]),
        source=item["source"],
    )


def _service(item: dict[str, Any]) -> WellbeingService:
    checked = item.get("last_checked")
    return WellbeingService(
        key=item["key"],
        name=item["name"],
        category=item["category"],
        description=item.get("description", ""),
        phone=item.get("phone", ""),
        text_number=item.get("text_number", ""),
        email=item.get("email", ""),
        website=item.get("website", ""),
        hours=item.get("hours", ""),
        audience=item.get("audience", ""),
        nation=item.get("nation", ""),
        always_open=bool(item.get("always_open", False)),
        last_checked=dt.date.fromisoformat(checked) if checked else None,
        source=item.get("source", ""),
        hidden=False,
    )


def seed_defaults(session: Session) -> bool:
    """Fill an empty database with the default roles and services, and add the default
    training courses once. True if it added anything."""
    has_roles = session.scalar(select(func.count()).select_from(Role))
    has_services = session.scalar(select(func.count()).select_from(WellbeingService))
    if not has_roles:
        session.add_all(_role(item) for item in default_roles())
    if not has_services:
        session.add_all(_service(item) for item in default_services())
    courses_added = add_default_courses(session)
    return not has_roles or not has_services or courses_added > 0


def add_default_courses(session: Session) -> int:
    """Add the shipped courses once per database (a new one, or one upgraded to the
    learning schema): each whose key or name is not there already, mandatory for the
    roles it names that exist. Then marks the database, so courses the organisation
    deletes later are not added back. Returns how many were added (0 once done)."""
    if session.get(OrgSetting, DEFAULTS_ADDED_SETTING) is not None:
        return 0
    session.flush()  # roles added just now get their ids
    keys = set(session.scalars(select(Course.key).where(Course.key.is_not(None))))
    names = {name.casefold() for name in session.scalars(select(Course.name))}
    roles = dict(session.execute(select(Role.key, Role.id).where(Role.key.is_not(None))).all())
    added = 0
    for item in default_courses():
        if item["key"] in keys or item["name"].casefold() in names:
            continue
        mandatory = item.get("mandatory_for", [])
        course = Course(
            key=item["key"],
            name=item["name"],
            category=item.get("category", ""),
            renewal_months=item.get("renewal_months"),
            mandatory_for_all=mandatory == "all",
            description=item.get("description", ""),
            source=item.get("source", ""),
            archived=False,
        )
        if mandatory != "all":
            course.mandatory_links = [
                CourseMandatoryRole(role_id=roles[key]) for key in mandatory if key in roles
            ]
        session.add(course)
        added += 1
    session.add(OrgSetting(key=DEFAULTS_ADDED_SETTING, value="1"))
    session.flush()
    return added
