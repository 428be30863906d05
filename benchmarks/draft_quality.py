"""Score the article drafter (`briefgen new --from`) against hand-written truth files.

Usage::

    python benchmarks/draft_quality.py                       # benchmarks/draft_corpus/
    python benchmarks/draft_quality.py tests/fixtures/articles
    python benchmarks/draft_quality.py --json CORPUS...

Each ``*.truth.yaml`` names its ``article`` (a path beside it), the article's ``date`` and
whether that date is in the text (``date_in_text``; when false the date is passed as
``--date`` would be), the ``participants`` (name, aliases, role, country, organization,
kind), every direct ``quote`` (text, speaker, context) and the dated ``events`` (date at
its precision, text). The draft is scored as written: its YAML is parsed back.

Per article and overall (summed over articles) it prints:

- participant recall and precision, with the name alone matched (surname or an alias)
  and with name, role and country all right;
- quote attribution: the share of truth quotes found verbatim and given to the right
  speaker (and, for reference, found at all);
- dated-event recall: truth events whose date, at its precision, is on the timeline.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefgen.dates import parse_full_date  # noqa: E402
from briefgen.draft import FILL_IN, draft_brief  # noqa: E402

DEFAULT_CORPUS = ROOT / "benchmarks" / "draft_corpus"


@dataclass(frozen=True)
class Score:
    """Counts for one article (or the sum of several)."""

    truth_participants: int = 0
    drafted_participants: int = 0
    name_matched: int = 0
    full_matched: int = 0
    truth_quotes: int = 0
    quotes_found: int = 0
    quotes_attributed: int = 0
    truth_events: int = 0
    events_found: int = 0
    drafted_events: int = 0
    drafted_quotes_not_verbatim: int = 0
    non_participants_listed: int = 0
    # By kind. The issue defines participants as "every named person with a role in the
    # story" and puts organisations among the context actors; the truth files also list
    # the bodies that act as participants, so both readings are scored.
    truth_people: int = 0
    drafted_people: int = 0
    people_matched: int = 0
    truth_bodies: int = 0
    bodies_found: int = 0  # as a participant or a context actor

    def __add__(self, other: Score) -> Score:
        a, b = asdict(self), asdict(other)
        return Score(**{k: a[k] + b[k] for k in a})

    def ratios(self) -> dict[str, float | None]:
        def r(n: int, d: int) -> float | None:
            return n / d if d else None

        return {
            "participant_recall_name": r(self.name_matched, self.truth_participants),
            "participant_precision_name": r(self.name_matched, self.drafted_participants),
            "participant_recall_full": r(self.full_matched, self.truth_participants),
            "participant_precision_full": r(self.full_matched, self.drafted_participants),
            "quotes_found": r(self.quotes_found, self.truth_quotes),
            "quote_attribution": r(self.quotes_attributed, self.truth_quotes),
            "event_recall": r(self.events_found, self.truth_events),
            "people_recall": r(self.people_matched, self.truth_people),
            "people_precision": r(self.people_matched, self.drafted_people),
            "bodies_found": r(self.bodies_found, self.truth_bodies),
        }


# The drafter's "today": it bounds the year guessed for a yearless dateline. A fixed day
# keeps the scores reproducible; every article in the corpora is older than it.
SCORED_ON = dt.date(2026, 11, 26)


class _Yaml12Loader(yaml.SafeLoader):
    """Truth files are read as briefgen reads YAML (1.2): ``country: NO`` is Norway."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def fold(text: Any) -> str:
    """Case-, accent-, quote- and dash-insensitive form for comparing."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("ı", "i")
    text = re.sub(r"[‘’ʼ′`]", "'", text)
    text = re.sub(r"[“”″]", '"', text)
    text = re.sub(r"[‐‑‒–—―−]", "-", text)
    return " ".join(text.split()).casefold()


def norm_quote(text: Any) -> str:
    return fold(text).strip(" \"'.,;:!?-")


def same_quote(got: str, want: str) -> bool:
    """Equal, or one holds the other and is at least half its length."""
    if not got or not want:
        return False
    if got == want:
        return True
    inside = want in got or got in want
    return inside and min(len(got), len(want)) * 2 >= max(len(got), len(want))


def surname(name: str) -> str:
    parts = fold(name).replace("-", " ").split()
    parts = [p for p in parts if p not in ("al", "el")]
    # "Peter Kenilorea Jr." and "Peter Kenilorea Jr" share the surname Kenilorea.
    while len(parts) > 2 and parts[-1].rstrip(".") in ("jr", "sr", "ii", "iii", "iv"):
        parts = parts[:-1]
    return parts[-1] if parts else ""


def name_keys(name: Any, aliases: Any, kind: str = "person") -> set[str]:
    names = [str(name or "")] + [str(a) for a in (aliases or [])]
    keys = {fold(n) for n in names if n}
    if kind != "organization":
        keys |= {"surname:" + surname(n) for n in names if n}
    return keys


def country_code(value: Any) -> str | None:
    if value in (None, "", FILL_IN) or str(value).startswith(FILL_IN):
        return None
    text = str(value).strip()
    try:
        import pycountry

        found = pycountry.countries.lookup(text)
        return found.alpha_2
    except (LookupError, ImportError):
        return text.upper()


def role_matches(truth: Any, drafted: Any) -> bool:
    def norm(value: Any) -> str:
        if value is None or str(value).startswith(FILL_IN):
            return ""
        return " ".join(fold(value).replace("-", " ").replace("the ", "").split())

    a, b = norm(truth), norm(drafted)
    if not a or not b:
        return a == b
    return a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} "


def same_participant(person: dict[str, Any], others: dict[Any, dict[str, Any]]) -> Any:
    """The key of the first of ``others`` that names the truth ``person`` (by name, alias
    or, for people, surname), or None."""
    kind = person.get("kind") or "person"
    keys = name_keys(person.get("name"), person.get("aliases"), kind)
    return next(
        (k for k, p in others.items() if keys & name_keys(p.get("name"), p.get("aliases"), kind)),
        None,
    )


def pair_off(wanted: list[dict[str, Any]], pool: dict[Any, dict[str, Any]]) -> list[dict[str, Any]]:
    """Match each of ``wanted`` to the first entry of ``pool`` that names it, taking that
    entry out of ``pool``; the ones of ``wanted`` left unmatched."""
    unmatched = []
    for entry in wanted:
        hit = same_participant(entry, pool)
        if hit is None:
            unmatched.append(entry)
        else:
            del pool[hit]
    return unmatched


def _score_by_kind(
    truth_people: list[dict[str, Any]],
    drafted: dict[Any, dict[str, Any]],
    data: dict[str, Any],
    misses: list[str],
) -> tuple[dict[str, int], dict[str, int]]:
    """People matched among the people drafted, and bodies found anywhere in the draft.

    The drafter writes a ``role`` (``FILL IN`` when unknown) for every person and never for
    a body, so that is how a drafted participant's kind is told. A truth body counts as
    found when it is a participant or a context actor: the issue lists organisations named
    in the story as context actors."""
    persons = [p for p in truth_people if (p.get("kind") or "person") == "person"]
    bodies = [p for p in truth_people if (p.get("kind") or "person") != "person"]
    drafted_persons = {pid: p for pid, p in drafted.items() if "role" in p}
    people_missed = pair_off(persons, dict(drafted_persons))
    actors = ((data.get("context") or {}).get("actors")) or []
    places = {("participant", pid): p for pid, p in drafted.items() if "role" not in p}
    places |= {("actor", i): a for i, a in enumerate(actors)}
    bodies_missed = pair_off(bodies, places)
    misses += [
        f"body missed (neither participant nor context actor): {body['name']}"
        for body in bodies_missed
    ]
    return (
        {"truth_people": len(persons), "drafted_people": len(drafted_persons),
         "people_matched": len(persons) - len(people_missed)},
        {"truth_bodies": len(bodies), "bodies_found": len(bodies) - len(bodies_missed)},
    )  # fmt: skip


def score_article(truth_path: Path) -> tuple[Score, dict[str, Any]]:
    truth = yaml.load(truth_path.read_text(encoding="utf-8"), Loader=_Yaml12Loader)
    article_path = truth_path.parent / str(truth["article"])
    text = article_path.read_text(encoding="utf-8")
    date_value = str(truth.get("date")) if truth.get("date") else None
    override = None
    if date_value and not truth.get("date_in_text", True):
        override = parse_full_date(date_value)
    draft = draft_brief(text, source_file=f"sources/{article_path.name}", date=override,
                        today=SCORED_ON)  # fmt: skip
    data = yaml.safe_load(draft.yaml())

    drafted_people = data.get("participants") or {}
    drafted_people = {
        pid: p
        for pid, p in drafted_people.items()
        if not str(p.get("name", "")).startswith(FILL_IN)
    }
    truth_people = truth.get("participants") or []
    unmatched = dict(drafted_people)
    name_matched = full_matched = 0
    misses: list[str] = []
    for person in truth_people:
        hit = same_participant(person, unmatched)
        if hit is None:
            misses.append(f"participant missed: {person.get('name')}")
            continue
        drafted = unmatched.pop(hit)
        name_matched += 1
        role_ok = role_matches(person.get("role"), drafted.get("role"))
        country_ok = country_code(person.get("country")) == country_code(drafted.get("country"))
        if role_ok and country_ok:
            full_matched += 1
        else:
            misses.append(
                f"participant {person.get('name')}: role {drafted.get('role')!r} "
                f"(truth {person.get('role')!r}), country {drafted.get('country')!r} "
                f"(truth {person.get('country')!r})"
            )
    people, bodies = _score_by_kind(truth_people, drafted_people, data, misses)
    outsiders = [name_keys(n.get("name"), []) for n in truth.get("non_participants") or []]
    wrongly_listed = 0
    for pid in unmatched:
        drafted = drafted_people[pid]
        keys = name_keys(drafted.get("name"), drafted.get("aliases"))
        if any(keys & other for other in outsiders):
            wrongly_listed += 1
            misses.append(f"non-participant listed: {drafted.get('name')}")
        else:
            misses.append(f"participant not in truth: {drafted.get('name')}")

    speakers = {}
    for pid, p in (data.get("participants") or {}).items():
        names, aliases = p.get("name"), p.get("aliases")
        speakers[pid] = name_keys(names, aliases) | name_keys(names, aliases, "organization")
    drafted_quotes = [
        (norm_quote(q.get("text")), pos.get("actor"))
        for pos in data.get("positions") or []
        for q in pos.get("quotes") or []
    ]
    article_norm = fold(text)
    not_verbatim = sum(1 for q, _ in drafted_quotes if q and q not in article_norm)
    found = attributed = 0
    truth_quotes = truth.get("quotes") or []
    for quote in truth_quotes:
        want = norm_quote(quote.get("text"))
        hits = [actor for got, actor in drafted_quotes if same_quote(got, want)]
        if not hits:
            misses.append(f"quote missed: {quote.get('text')!r}")
            continue
        found += 1
        speaker = str(quote.get("speaker") or "")
        # The speaker is a participant's name: its other spellings count too ("Cocobod" for
        # the Ghana Cocoa Board).
        named = next((p for p in truth_people if p.get("name") == speaker), {})
        keys = name_keys(speaker, named.get("aliases")) | {fold(speaker)}
        if any(keys & speakers.get(actor, set()) for actor in hits):
            attributed += 1
        else:
            misses.append(f"quote misattributed to {hits[0]}: {quote.get('text')!r}")

    timeline = ((data.get("context") or {}).get("timeline")) or []
    drafted_dates = {str(e.get("date")) for e in timeline}
    truth_events = truth.get("events") or []
    events_found = 0
    for event in truth_events:
        if str(event.get("date")) in drafted_dates:
            events_found += 1
        else:
            misses.append(f"event missed: {event.get('date')} {event.get('text')}")

    score = Score(
        truth_participants=len(truth_people),
        drafted_participants=len(drafted_people),
        name_matched=name_matched,
        full_matched=full_matched,
        truth_quotes=len(truth_quotes),
        quotes_found=found,
        quotes_attributed=attributed,
        truth_events=len(truth_events),
        events_found=events_found,
        drafted_events=len(timeline),
        drafted_quotes_not_verbatim=not_verbatim,
        non_participants_listed=wrongly_listed,
        **people,
        **bodies,
    )
    return score, {"misses": misses}


def participant_agreement(first: Path, second: Path) -> tuple[int, int, int]:
    """How far two readers' truth files for one article agree on who takes part: the
    participants each lists, and those both list (matched as the drafter's are)."""
    ours = yaml.load(first.read_text(encoding="utf-8"), Loader=_Yaml12Loader)
    theirs = yaml.load(second.read_text(encoding="utf-8"), Loader=_Yaml12Loader)
    listed = ours.get("participants") or []
    left = dict(enumerate(theirs.get("participants") or []))
    both = len(listed) - len(pair_off(listed, left))
    return len(listed), len(theirs.get("participants") or []), both


def second_reader(corpus: Path, folder: Path) -> int:
    """Print how a second reader's participants agree with the corpus truth files: the
    ceiling a drafter can be held to when two careful readers differ."""
    totals = [0, 0, 0]
    for path in sorted(folder.glob("*.truth.yaml")):
        first = corpus / path.name
        if not first.exists():
            print(f"{path.name}: no truth file of that name in {corpus}", file=sys.stderr)
            return 2
        counts = participant_agreement(first, path)
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        print(f"{path.name.removesuffix('.truth.yaml')[:38]:38} {counts[2]:3}/{counts[0]:3} "
              f"{counts[2]:3}/{counts[1]:3}")  # fmt: skip
    listed, theirs, both = totals
    if not listed or not theirs:
        print(f"no participants in {folder}", file=sys.stderr)
        return 2
    print(f"{'OVERALL':38} recall {both}/{listed} = {both / listed:.2f}, "
          f"precision {both}/{theirs} = {both / theirs:.2f}")  # fmt: skip
    return 0


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="*", type=Path, help="folders of *.truth.yaml files")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    parser.add_argument(
        "--second-reader",
        type=Path,
        metavar="DIR",
        help="score a second reader's truth files in DIR against the corpus, participants only",
    )
    args = parser.parse_args(argv)
    folders = args.corpus or [DEFAULT_CORPUS]
    if args.second_reader:
        return second_reader(folders[0], args.second_reader)
    truth_files = sorted(p for folder in folders for p in folder.glob("*.truth.yaml"))
    if not truth_files:
        print(f"no *.truth.yaml files in {', '.join(map(str, folders))}", file=sys.stderr)
        return 2
    results: dict[str, dict[str, Any]] = {}
    total = Score()
    for path in truth_files:
        score, detail = score_article(path)
        total = total + score
        results[path.name.removesuffix(".truth.yaml")] = {
            **score.ratios(),
            "counts": asdict(score),
            **({"misses": detail["misses"]} if args.verbose else {}),
        }
    results["OVERALL"] = {**total.ratios(), "counts": asdict(total)}
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return 0
    head = (
        f"{'article':38} {'partR':>5} {'partP':>5} {'fullR':>5} {'fullP':>5} "
        f"{'qFound':>6} {'qAttr':>5} {'events':>6}"
    )
    print(head)
    print("-" * len(head))
    for name, row in results.items():
        if name == "OVERALL":
            print("-" * len(head))
        print(
            f"{name[:38]:38} {_fmt(row['participant_recall_name'])} "
            f"{_fmt(row['participant_precision_name'])} {_fmt(row['participant_recall_full'])} "
            f"{_fmt(row['participant_precision_full'])} {_fmt(row['quotes_found']):>6} "
            f"{_fmt(row['quote_attribution'])} {_fmt(row['event_recall']):>6}"
        )
        if args.verbose:
            for miss in row.get("misses", []):
                print(f"    {miss}")
    print(
        "\npartR/partP: participant recall/precision, name matched; fullR/fullP: name, role and"
        "\ncountry all right; qFound: truth quotes found verbatim; qAttr: found and attributed"
        "\nto the right speaker; events: dated events found at the right date and precision."
    )
    people = total.ratios()
    print(
        f"\nBy kind: people (named persons, as the issue defines participants) recall "
        f"{total.people_matched}/{total.truth_people} = {_fmt(people['people_recall']).strip()}"
        f", precision {total.people_matched}/{total.drafted_people} = "
        f"{_fmt(people['people_precision']).strip()}; bodies found as participants or context "
        f"actors {total.bodies_found}/{total.truth_bodies} = "
        f"{_fmt(people['bodies_found']).strip()}"
    )
    if total.non_participants_listed:
        print(f"\n{total.non_participants_listed} named non-participants listed as participants")
    if total.drafted_quotes_not_verbatim:
        print(f"\nWARNING: {total.drafted_quotes_not_verbatim} drafted quotes are not verbatim")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
