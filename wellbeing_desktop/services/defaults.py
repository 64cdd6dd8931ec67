"""The shipped defaults (roles and thresholds, protections, services directory)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wellbeing_desktop import paths
from wellbeing_desktop.storage.models import Role, WellbeingService


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((paths.resources_dir() / name).read_text(encoding="utf-8"))
    return data


@cache
def default_roles() -> tuple[dict[str, Any], ...]:
    return tuple(_load("roles.json")["roles"])


@cache
def default_services() -> tuple[dict[str, Any], ...]:
    return tuple(_load("services.json")["services"])


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
    """Fill an empty database with the default roles and services. True if it did."""
    has_roles = session.scalar(select(func.count()).select_from(Role))
    has_services = session.scalar(select(func.count()).select_from(WellbeingService))
    if not has_roles:
        session.add_all(_role(item) for item in default_roles())
    if not has_services:
        session.add_all(_service(item) for item in default_services())
    return not has_roles or not has_services
