"""Machine-readable outputs of the site: the Atom feed, the sitemap and briefs.json.

Links inside the site are relative; only these files need absolute URLs, and
they get them from ``--base-url`` (or ``site.base_url`` in briefgen.yaml).
Without a base URL the feed's links stay relative (valid Atom: they resolve
against the feed's own address) and the sitemap lists relative addresses.
Entry ids are ``urn:briefgen:brief:<id>`` so they do not change when the site moves.
"""

from __future__ import annotations

import json
import math
from typing import Any
from xml.etree import ElementTree as ET

from briefgen import __version__
from briefgen.markdown import markdown_to_text
from briefgen.publish.catalog import Catalog, SiteBrief, slugify

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def absolute(base_url: str | None, href: str) -> str:
    """``href`` under the base URL, or ``href`` itself when there is none."""
    if not base_url:
        return href
    return base_url.rstrip("/") + "/" + href


def _timestamp(item: SiteBrief) -> str:
    return item.brief.date.end().isoformat() + "T00:00:00Z"


def atom_feed(catalog: Catalog, *, title: str, base_url: str | None, author: str) -> bytes:
    """Every brief as an Atom entry, newest first."""
    ET.register_namespace("", ATOM_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    sub(feed, "title", title)
    site_id = f"urn:briefgen:site:{slugify(title) or 'briefs'}"  # an IRI: no spaces
    sub(feed, "id", absolute(base_url, "") if base_url else site_id)
    updated = max((_timestamp(b) for b in catalog.briefs), default="1970-01-01T00:00:00Z")
    sub(feed, "updated", updated)
    sub(feed, "link", rel="alternate", type="text/html", href=absolute(base_url, "index.html"))
    if base_url:
        sub(
            feed,
            "link",
            rel="self",
            type="application/atom+xml",
            href=absolute(base_url, "feed.xml"),
        )
    sub(sub(feed, "author"), "name", author)
    sub(feed, "generator", "briefgen", version=__version__)
    for item in catalog.briefs:
        brief = item.brief
        entry = sub(feed, "entry")
        sub(entry, "title", brief.title)
        sub(entry, "id", f"urn:briefgen:brief:{brief.id}")
        sub(entry, "updated", _timestamp(item))
        sub(entry, "published", _timestamp(item))
        sub(entry, "link", rel="alternate", type="text/html", href=absolute(base_url, item.href))
        if item.pdf_href:
            sub(
                entry,
                "link",
                rel="enclosure",
                type="application/pdf",
                href=absolute(base_url, item.pdf_href),
                title="PDF",
            )
        for name in brief.authors:
            sub(sub(entry, "author"), "name", name)
        summary = markdown_to_text(brief.summary)
        if brief.marking:
            summary = f"[{brief.marking.text}] {summary}"
        sub(entry, "summary", summary, type="text")
        for tag in brief.tags:
            sub(entry, "category", term=tag)
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") + b"\n"


def sitemap(hrefs: list[tuple[str, str | None]], base_url: str | None) -> bytes:
    """The sitemap protocol's urlset; ``hrefs`` are (address, last modified date or None)."""
    ET.register_namespace("", SITEMAP_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for href, lastmod in hrefs:
        url = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = absolute(base_url, href)
        if lastmod:
            ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = lastmod
    ET.indent(urlset)
    return (
        b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(urlset, encoding="utf-8") + b"\n"
    )


def _json_safe(value: Any) -> Any:
    """YAML allows .inf and .nan; JSON does not, so they become strings."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    return value


def briefs_json(catalog: Catalog, *, title: str, base_url: str | None) -> bytes:
    """Every fact sheet exactly as written (``fact_sheet``), plus where the site put it."""

    def country(c: Any) -> dict[str, str]:
        return {"alpha2": c.alpha2, "alpha3": c.alpha3, "name": c.name}

    records = []
    for item in catalog.briefs:
        brief = item.brief
        records.append(
            {
                "id": brief.id,
                "title": brief.title,
                "date": brief.date.iso(),
                "marking": brief.marking.text if brief.marking else None,
                "url": absolute(base_url, item.href),
                "pdf": absolute(base_url, item.pdf_href) if item.pdf_href else None,
                "countries": [country(c) for c in brief.countries],
                "context_countries": [country(c) for c in brief.context_countries],
                "participants": [
                    {
                        "id": p.id,
                        "name": p.name,
                        "page": absolute(base_url, catalog.person_for(brief.id, p.id).href),
                    }
                    for p in brief.participants
                ],
                "tags": list(brief.tags),
                "fact_sheet": _json_safe(item.fact_sheet),
            }
        )
    document = {
        "generator": f"briefgen {__version__}",
        "format": "briefgen fact sheet, version 1 (docs/format.md)",
        "site": title,
        "briefs": records,
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
