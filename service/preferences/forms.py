"""The organiser's rules form and the attendee's role, read from plain HTML forms."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from service.db.models import Event
from service.forms import FieldErrors, clean_line, form_checked, form_text

ROLE_LIMIT = 40
MAX_ROLES = 12
RULES_LIMIT = 2000


@dataclass(frozen=True)
class Rules:
    avoid_same_organisation: bool
    roles: list[str]
    role_rules: dict[str, list[str]]


def role_key(text: str) -> str:
    return " ".join(text.casefold().split())


def rules_values(event: Event) -> dict[str, str]:
    return {
        "avoid_same_organisation": "1" if event.avoid_same_organisation else "",
        "roles": ", ".join(event.roles or []),
        "role_rules": "\n".join(f"{role}: {', '.join(meets)}" for role, meets in (event.role_rules or {}).items()),
    }


def rules_form_values(form: Mapping[str, Any]) -> dict[str, str]:
    return {
        "avoid_same_organisation": "1" if form_checked(form, "avoid_same_organisation") else "",
        "roles": form_text(form, "roles"),
        "role_rules": form_text(form, "role_rules"),
    }


def parse_rules(values: Mapping[str, str]) -> tuple[Rules | None, FieldErrors]:
    errors: FieldErrors = {}
    roles = _parse_roles(errors, values.get("roles", ""))
    role_rules = _parse_role_rules(errors, values.get("role_rules", ""), roles) if "roles" not in errors else {}
    if errors:
        return None, errors
    return Rules(bool(values.get("avoid_same_organisation")), roles, role_rules), errors


def _parse_roles(errors: FieldErrors, raw: str) -> list[str]:
    roles: list[str] = []
    for part in raw[: RULES_LIMIT * 2].split(","):
        role = role_key(clean_line(part))
        if not role:
            continue
        if len(role) > ROLE_LIMIT:
            errors["roles"] = f"Keep each role to {ROLE_LIMIT} characters ('{role[:ROLE_LIMIT]}…' is longer)."
        elif role not in roles:
            roles.append(role)
    if len(roles) > MAX_ROLES:
        errors["roles"] = f"List at most {MAX_ROLES} roles (this has {len(roles)})."
    return roles


def _parse_role_rules(errors: FieldErrors, raw: str, roles: list[str]) -> dict[str, list[str]]:
    """Lines like "founder: investor, mentor"; every role named must be in the list of roles."""
    if len(raw) > RULES_LIMIT:
        errors["role_rules"] = f"Use at most {RULES_LIMIT} characters (this has {len(raw):,})."
        return {}
    rules: dict[str, list[str]] = {}
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        role, colon, rest = line.partition(":")
        meets = [role_key(clean_line(r)) for r in rest.split(",") if clean_line(r)]
        role = role_key(clean_line(role))
        if not colon or not role or not meets:
            errors["role_rules"] = f"Line {number}: write it like 'founder: investor, mentor'."
            return {}
        unknown = [r for r in [role, *meets] if r not in roles]
        if unknown:
            errors["role_rules"] = f"Line {number}: '{unknown[0]}' is not in the list of roles above."
            return {}
        rules[role] = sorted(set(rules.get(role, [])) | set(meets))
    return rules


def parse_role(form: Mapping[str, Any], event: Event) -> tuple[str, str | None]:
    """The attendee's role from a profile form: one of the event's roles or none; else a message."""
    role = role_key(clean_line(form_text(form, "role")))
    if role and role not in (event.roles or []):
        return "", "Choose one of the roles in the list."
    return role, None
