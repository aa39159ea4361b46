"""The next review of the policy as a calendar event (RFC 5545), for ``--format ics``."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from .answers import Answers
from .document import add_months
from .ui import t

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def review_date(answers: Answers, today: dt.date | None = None) -> dt.date:
    """When the policy is next reviewed: its effective date plus the review interval (from
    today when it has no effective date, as the document says)."""
    org = answers.organisation
    return add_months(org.effective_date or today or dt.date.today(), org.review_months)


def overdue(answers: Answers, today: dt.date | None = None) -> dt.date | None:
    """The review date when it has passed; None when it has not or there is no effective
    date (a policy that does not say when it began is not late)."""
    if answers.organisation.effective_date is None:
        return None
    today = today or dt.date.today()
    due = review_date(answers, today)
    return due if due < today else None


def overdue_notice(answers: Answers, lang: str) -> str:
    """The wizard's words when the review date has passed, else ``""``."""
    from .document import format_date

    due = overdue(answers)
    return t("versions.dialog.overdue", lang, date=format_date(due, lang)) if due else ""


def organiser(answers: Answers) -> tuple[str, str] | None:
    """The owner's name and e-mail address: from the owner field, else the contact field."""
    org = answers.organisation
    for text in (org.owner, org.contact):
        found = EMAIL.search(text)
        if found:
            name = " ".join(org.owner.replace(found.group(), "").strip(" <>()").split())
            return name, found.group()
    return None


def render(answers: Answers, *, now: dt.datetime | None = None) -> bytes:
    """One all-day VEVENT on the review date, with CRLF line endings and folded lines."""
    lang = answers.language
    org = answers.organisation
    now = now or dt.datetime.now(dt.timezone.utc)
    day = review_date(answers, now.date())
    company = org.name.strip()
    seed = f"{company}\0{org.version}\0{day.isoformat()}".encode()
    uid = f"{hashlib.sha256(seed).hexdigest()[:32]}@somewizard"
    summary = t("living.review_summary", lang, company=company)
    description = t(
        "living.review_text",
        lang,
        version=org.version.strip(),
        months=str(org.review_months),
        owner=org.owner.strip() or "-",
    )
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//somewizard//social media policy//EN",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{now.astimezone(dt.timezone.utc):%Y%m%dT%H%M%SZ}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{_day_after(day):%Y%m%d}",
        f"SUMMARY:{_text(summary)}",
        f"DESCRIPTION:{_text(description)}",
        "TRANSP:TRANSPARENT",
    ]
    who = organiser(answers)
    if who is not None:
        name, mail = who
        cn = f";CN={_param(name)}" if name else ""
        lines.append(f"ORGANIZER{cn}:mailto:{mail}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return b"".join(_fold(line) for line in lines)


def _day_after(day: dt.date) -> dt.date:
    return day if day == dt.date.max else day + dt.timedelta(days=1)


def _text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and line breaks escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return "\\n".join(value.splitlines()) if value else value


def _param(value: str) -> str:
    """A parameter value: quoted, with the characters a quoted value cannot hold left out."""
    return '"' + re.sub(r'["\x00-\x1f\x7f]', "", value) + '"'


def _fold(line: str) -> bytes:
    """A content line as UTF-8, folded at 75 octets (never inside a character), CRLF."""
    out = bytearray()
    width = 0
    limit = 75
    for char in line:
        data = char.encode("utf-8")
        if width + len(data) > limit:
            out += b"\r\n "
            width = 1
        out += data
        width += len(data)
    return bytes(out) + b"\r\n"
