"""The site's catalog, search index, feeds and CSP, without rendering any PDF (fast)."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from briefgen.factsheet import read_brief
from briefgen.publish.catalog import (
    SiteBrief,
    build_catalog,
    first_sentence,
    name_key,
    slugify,
    tag_slug,
)
from briefgen.publish.feeds import atom_feed, briefs_json, sitemap
from briefgen.publish.pages import content_security_policy, seal_brief_page, style_hashes
from briefgen.publish.search_index import GLOBAL_NAME, search_index_script
from briefgen.workspace import list_briefs, open_workspace
from tests.browser.site_workspace import (
    ALL_IDS,
    EXAMPLE_ID,
    FOLLOWUP_ID,
    TALKS_ID,
    make_site_workspace,
)

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory):
    root = make_site_workspace(tmp_path_factory.mktemp("catalog") / "ws")
    workspace = open_workspace(root)
    items = []
    for ref in list_briefs(workspace):
        result = read_brief(ref, workspace)
        assert result.brief is not None, [p.format() for p in result.problems]
        items.append(SiteBrief(result.brief, {"title": result.brief.title}))
    return build_catalog(items)


def test_first_sentence_stops_at_the_first_full_stop_not_at_abbreviations() -> None:
    assert first_sentence("Talks began [@wire]. They ended.") == "Talks began."
    assert first_sentence("Mr. Lavrov met U.S. officials. Then left.") == (
        "Mr. Lavrov met U.S. officials."
    )
    assert first_sentence("Ministers met\nin Moscow. More.") == "Ministers met in Moscow."
    long = "word " * 200
    cut = first_sentence(long, limit=50)
    assert cut.endswith("…") and len(cut) <= 51


def test_slugs_are_ascii_and_never_empty() -> None:
    assert slugify("Arab League") == "arab-league"
    assert slugify("Çavuşoğlu") == "cavusoglu"
    assert tag_slug("Arab League") == tag_slug("arab-league")
    arabic = tag_slug("سوريا")
    assert arabic.startswith("tag-") and len(arabic) > 4
    assert tag_slug("سوريا") == arabic and tag_slug("ايران") != arabic
    assert name_key(" Sergei   LAVROV ") == name_key("sergei lavrov")


def test_briefs_are_listed_newest_first(catalog) -> None:
    assert [b.id for b in catalog.briefs] == list(ALL_IDS)
    assert catalog.years == [2025, 2024, 2023]


def test_same_id_and_name_is_one_participant_across_briefs(catalog) -> None:
    marsh = [p for p in catalog.people if p.name == "Elena Marsh"]
    assert len(marsh) == 1
    assert marsh[0].slug == "marsh"
    assert [a.site_brief.id for a in marsh[0].appearances] == [FOLLOWUP_ID, TALKS_ID]
    assert marsh[0].position_count == 2 and marsh[0].quote_count == 2


def test_same_id_with_another_name_is_another_participant(catalog) -> None:
    mekdads = sorted((p.name, p.slug) for p in catalog.people if p.participant_id == "mekdad")
    assert mekdads == [
        ("Amina Mekdad", "mekdad--amina-mekdad"),
        ("Faisal Mekdad", "mekdad--faisal-mekdad"),
    ]
    assert catalog.person_for(EXAMPLE_ID, "mekdad").name == "Faisal Mekdad"
    assert catalog.person_for(FOLLOWUP_ID, "mekdad").name == "Amina Mekdad"
    # a unique id keeps the short address
    assert catalog.person_for(EXAMPLE_ID, "lavrov").href == "participants/lavrov.html"


def test_countries_separate_participants_from_context(catalog) -> None:
    by_code = {c.slug: c for c in catalog.countries}
    assert [b.id for b in by_code["no"].primary] == [FOLLOWUP_ID, TALKS_ID]
    assert by_code["dk"].primary == [] and [b.id for b in by_code["dk"].context] == [FOLLOWUP_ID]
    assert [b.id for b in by_code["ru"].primary] == [EXAMPLE_ID]
    assert "Sergei Lavrov" in [p.name for p in by_code["ru"].people]


def test_tags_group_briefs(catalog) -> None:
    tags = {t.slug: t for t in catalog.tags}
    assert [b.id for b in tags["fisheries"].briefs] == [FOLLOWUP_ID, TALKS_ID]
    assert tags["arctic"].label == "Arctic"


def test_search_index_is_a_script_with_every_searchable_field(catalog) -> None:
    script = search_index_script(catalog)
    prefix = f"window.{GLOBAL_NAME} = "
    body = script[script.index(prefix) + len(prefix) :].rstrip().rstrip(";")
    index = json.loads(body)
    assert script.isascii()
    records = {r["id"]: r for r in index["briefs"]}
    assert list(records) == list(ALL_IDS)
    moscow = records[EXAMPLE_ID]
    assert any("Sergei Lavrov" in p and "Sergey Lavrov" in p for p in moscow["participants"])
    assert any("Mevlüt Çavuşoğlu" in p for p in moscow["participants"])
    assert any("positive and constructive atmosphere" in q for q in moscow["quotes"])
    assert any(p.startswith("Faisal Mekdad — Open to engagement") for p in moscow["positions"])
    assert moscow["href"] == f"{EXAMPLE_ID}/index.html"
    assert "[@" not in json.dumps(index)  # citations are not text


def test_atom_feed_without_base_url_has_relative_links_and_stable_ids(catalog) -> None:
    feed = ET.fromstring(atom_feed(catalog, title="Desk", base_url=None, author="Desk"))
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [
        f"urn:briefgen:brief:{i}" for i in ALL_IDS
    ]
    first = entries[0]
    links = {link.get("rel"): link.get("href") for link in first.findall(f"{ATOM}link")}
    assert links == {
        "alternate": f"{FOLLOWUP_ID}/index.html",
        "enclosure": f"{FOLLOWUP_ID}/{FOLLOWUP_ID}.pdf",
    }
    assert first.findtext(f"{ATOM}updated") == "2025-01-14T00:00:00Z"
    assert first.findtext(f"{ATOM}summary").startswith("[TLP:AMBER] Norway and Iceland")
    assert feed.find(f"{ATOM}link[@rel='self']") is None
    assert feed.findtext(f"{ATOM}id") == "urn:briefgen:site:desk"
    feed = ET.fromstring(atom_feed(catalog, title="Middle East desk", base_url=None, author="D"))
    assert feed.findtext(f"{ATOM}id") == "urn:briefgen:site:middle-east-desk"
    assert feed.findtext(f"{ATOM}updated") == "2025-01-14T00:00:00Z"


def test_atom_feed_and_sitemap_use_the_base_url(catalog) -> None:
    base = "https://intranet.example/desk/briefs/"
    feed = ET.fromstring(atom_feed(catalog, title="Desk", base_url=base, author="Desk"))
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == base + "feed.xml"
    alternate = feed.find(f"{ATOM}entry/{ATOM}link[@rel='alternate']")
    assert alternate.get("href") == f"{base}{FOLLOWUP_ID}/index.html"
    # the id does not move with the site
    assert feed.findtext(f"{ATOM}entry/{ATOM}id") == f"urn:briefgen:brief:{FOLLOWUP_ID}"
    urlset = ET.fromstring(sitemap([("index.html", None), ("a/index.html", "2024-03-03")], base))
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    assert [u.findtext(f"{ns}loc") for u in urlset] == [base + "index.html", base + "a/index.html"]
    assert urlset[1].findtext(f"{ns}lastmod") == "2024-03-03"


def test_briefs_json_carries_the_fact_sheet_and_addresses(catalog) -> None:
    data = json.loads(briefs_json(catalog, title="Desk", base_url=None))
    assert [b["id"] for b in data["briefs"]] == list(ALL_IDS)
    followup = data["briefs"][0]
    assert followup["fact_sheet"] == {"title": "Harbour access agreement signed in Bodo"}
    assert followup["marking"] == "TLP:AMBER"
    assert followup["context_countries"] == [{"alpha2": "DK", "alpha3": "DNK", "name": "Denmark"}]
    pages = {p["name"]: p["page"] for p in followup["participants"]}
    assert pages["Amina Mekdad"] == "participants/mekdad--amina-mekdad.html"


def test_csp_forbids_inline_scripts_and_other_origins() -> None:
    policy = content_security_policy()
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert "unsafe" not in policy and "http" not in policy and "*" not in policy


def test_brief_page_csp_lists_the_hash_of_each_inline_style() -> None:
    css = "body { color: red; }\n"
    page = (
        '<head><meta http-equiv="Content-Security-Policy" content="'
        + content_security_policy("__BRIEFGEN_STYLE_HASHES__")
        + f'"><style>{css}</style></head>'
    )
    expected = "'sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() + "'"
    assert style_hashes(page) == [expected]
    sealed = seal_brief_page(page)
    assert f"style-src 'self' {expected};" in sealed
    assert "__BRIEFGEN" not in sealed


def test_fixture_folder_is_complete() -> None:
    # Guards the tests above: the fixture must hold the two invented briefs.
    folder = Path(__file__).parent / "fixtures" / "publish" / "briefs"
    assert sorted(p.name for p in folder.iterdir()) == sorted([TALKS_ID, FOLLOWUP_ID])
