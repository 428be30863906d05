"""The layout of a new fact sheet: every section in the documented order, with a guide line.

A skeleton (``briefgen new ID``) and a draft (``--from ARTICLE``) share this layout so
a newcomer meets the same file either way. Required values that are not known yet are
``FILL IN``, which ``briefgen check`` reports as left to fill; optional sections are
shown as commented-out examples, so the file checks clean until they are used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from briefgen.draft.writer import Commented, Markdown

FILL_IN = "FILL IN"

GUIDES: dict[str, str] = {
    "title": "Headline of the brief.",
    "subtitle": "One-line dek under the title (optional).",
    "date": "As-of date of the brief, YYYY-MM-DD.",
    "marking": "Handling banner on every page, e.g. TLP:CLEAR or OFFICIAL (optional).",
    "authors": "Prepared by (optional).",
    "tags": "Keywords for the published site (optional).",
    "summary": "Bottom line up front: 2-5 sentences of Markdown; cite sources as [@source-id].",
    "key_points": "Bullet points under the summary (optional).",
    "judgments": (
        "Key judgments (optional): confidence low, moderate or high; likelihood on the\n"
        "ICD 203 scale, from almost-no-chance to almost-certain."
    ),
    "participants": (
        "The people (or bodies) taking part, by id: name, role, country (ISO code),\n"
        "organization, aliases (other spellings), notes."
    ),
    "positions": (
        "What each participant wants or says: actor (a participant id), stance (one line),\n"
        "summary (Markdown), quotes (verbatim text, source id, context), stances\n"
        "(issue id -> supports, opposes, conditional, neutral or unclear)."
    ),
    "issues": "The questions on the table, for the positions-at-a-glance matrix (optional).",
    "context": (
        "Regional context (all optional): background, regional (heading + body), timeline\n"
        "(date as YYYY, YYYY-MM or YYYY-MM-DD + event), actors (other actors that matter)."
    ),
    "outlook": "What to watch next (optional).",
    "location": "Where it took place (optional): name, country, lat, lon.",
    "map": "The locator map (optional): show, extent [west, south, east, north], highlight.",
    "sources": (
        "Where the facts come from, by id: title, publisher, date, url, file (a plain-text\n"
        "copy inside this folder), reliability (A-F), credibility (1-6)."
    ),
}

# Commented-out examples shown for optional sections that are not filled yet.
EXAMPLES: dict[str, str] = {
    "subtitle": "subtitle: One line under the title",
    "marking": "marking: TLP:CLEAR",
    "authors": "authors:\n  - Your Name",
    "tags": "tags:\n  - keyword",
    "key_points": "key_points:\n  - One point, with its source [@source-id].",
    "judgments": (
        "judgments:\n  - text: What you judge, and why [@source-id].\n"
        "    confidence: moderate\n    likelihood: likely"
    ),
    "issues": "issues:\n  issue-id: Short label of the issue",
    "outlook": "outlook: What to watch next [@source-id].",
    "location": "location:\n  name: City\n  country: XX",
    "map": "map:\n  show: true\n  highlight:\n    - XX",
}

# Keys in the documented order.
ORDER = (
    "title", "subtitle", "date", "marking", "authors", "tags", "summary", "key_points",
    "judgments", "participants", "positions", "issues", "context", "outlook", "location",
    "map", "sources",
)  # fmt: skip


def lay_out(values: Mapping[str, object]) -> dict[str, object]:
    """All sections in order, each with its guide; sections without a value become examples."""
    document: dict[str, object] = {}
    for key in ORDER:
        value = values.get(key)
        if value is None:
            example = EXAMPLES.get(key)
            document[key] = Commented(None, f"{GUIDES[key]}\n{example}" if example else GUIDES[key])
        else:
            document[key] = Commented(value, GUIDES[key])
    return document


def skeleton_values(today: dt.date) -> dict[str, object]:
    """Values of an empty brief: required fields to fill, one example of each list."""
    return {
        "title": FILL_IN,
        "date": today,
        "summary": Markdown(FILL_IN),
        "participants": {
            "participant-id": {
                "name": FILL_IN,
                "role": FILL_IN,
                "country": FILL_IN,
            }
        },
        "positions": [
            {
                "actor": "participant-id",
                "stance": FILL_IN,
                "summary": Markdown(FILL_IN),
            }
        ],
        "context": {
            "background": Markdown(FILL_IN),
            "timeline": Commented(
                None,
                "timeline:\n  - date: 2023-05\n    event: What happened [@source-id].\n"
                "    source: source-id",
            ),
            "actors": Commented(
                None,
                "actors:\n  - name: Other actor\n    country: XX\n"
                "    role_in_context: Why it matters [@source-id].",
            ),
        },
        "sources": {
            "source-id": {
                "title": FILL_IN,
                "publisher": FILL_IN,
                "date": Commented(None, "date: 2023-05-10"),
                "file": Commented(None, "file: sources/article.txt"),
            }
        },
    }
