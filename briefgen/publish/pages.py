"""The site's HTML: index, country, participant and tag pages, and what each brief page gets added.

Templates live in ``templates/site/`` and can be overridden like the brief's.
Every link is relative (``root`` is ``""`` or ``"../"``) and names a file,
because folders do not open their index.html from ``file://``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from briefgen.errors import Problem
from briefgen.markdown import markdown_to_text
from briefgen.publish.catalog import Catalog, SiteBrief, tag_slug
from briefgen.render import PageExtras, TemplateFailure, _template_frame, template_environment

# The site's own files: copied as they are (a workspace may override them in templates/site/).
STATIC_FILES = ("site.css", "site.js", "favicon.svg")
CSP_STYLE_PLACEHOLDER = "__BRIEFGEN_STYLE_HASHES__"
_STYLE_ELEMENT = re.compile(r"<style(?:\s[^>]*)?>(.*?)</style>", re.DOTALL | re.IGNORECASE)


def content_security_policy(style_sources: str = "'self'") -> str:
    """No inline scripts, no other origin: the site's scripts, styles and images are its own files.

    ``'self'`` also matches ``file://`` pages in Chromium (checked by the browser tests).
    """
    return (
        "default-src 'none'; script-src 'self'; "
        f"style-src {style_sources}; img-src 'self' data:; font-src 'self'; "
        "base-uri 'none'; form-action 'none'"
    )


def style_hashes(html: str) -> list[str]:
    """CSP hashes of a page's inline ``<style>`` elements, so it needs no 'unsafe-inline'."""
    hashes = []
    for match in _STYLE_ELEMENT.finditer(html):
        digest = hashlib.sha256(match.group(1).encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def seal_brief_page(html: str) -> str:
    """Fill the brief page's CSP with the hashes of its inline stylesheet."""
    sources = " ".join(["'self'", *style_hashes(html)])
    return html.replace(CSP_STYLE_PLACEHOLDER, sources, 1)


def tag_href(tag: str) -> str:
    """A tag's page, relative to the site root."""
    return f"tags/{tag_slug(tag)}.html"


@dataclass(frozen=True)
class SiteInfo:
    title: str
    organization: str | None
    noindex: bool
    language: str = "en"


class SitePages:
    """Renders the site's pages from one template environment (the workspace's overrides first)."""

    def __init__(self, templates_dir: Path | None, site: SiteInfo, catalog: Catalog) -> None:
        self.env = template_environment(templates_dir)
        self.site = site
        self.catalog = catalog

    def _render(self, name: str, *, root: str, **context: Any) -> str:
        try:
            template = self.env.get_template(f"site/{name}")
            return template.render(
                root=root,
                site=self.site,
                catalog=self.catalog,
                csp=content_security_policy(),
                plain=markdown_to_text,
                tag_slug=tag_slug,
                tag_href=tag_href,
                **context,
            )
        except jinja2.TemplateError as exc:  # the same located problem as a brief template's
            path, line = _template_frame(exc)
            if isinstance(exc, jinja2.TemplateSyntaxError):
                path, line = exc.filename or exc.name or path, exc.lineno or line
            raise TemplateFailure(
                Problem(
                    path,
                    line,
                    0,
                    "error",
                    f"site template error: {exc.message or exc}",
                    "fix the template override in templates/site/",
                    "template-error",
                )
            ) from exc

    def static_file(self, name: str) -> bytes:
        source, _, _ = self.env.loader.get_source(self.env, f"site/{name}")  # type: ignore[union-attr]
        return source.encode("utf-8")

    def brief_extras(self, item: SiteBrief) -> PageExtras:
        """Navigation and head tags for a brief's page; the CSP style hashes are sealed in later."""
        nav = self._render("brief-nav.html", root="../", item=item)
        head = self._render(
            "brief-head.html",
            root="../",
            item=item,
            brief_csp=content_security_policy(CSP_STYLE_PLACEHOLDER),
        )
        return PageExtras(
            nav_html=Markup(nav),
            pdf_href=f"{item.id}.pdf" if item.has_pdf else None,
            extra_head=Markup(head),
            scripts=(),
        )

    def pages(self) -> dict[str, str]:
        """Every listing page by its path in the site."""
        out = {"index.html": self._render("index.html", root="", section="briefs", overview=True)}
        out["countries/index.html"] = self._render(
            "countries.html", root="../", section="countries", overview=True
        )
        for entry in self.catalog.countries:
            out[entry.href] = self._render(
                "country.html", root="../", section="countries", entry=entry
            )
        out["participants/index.html"] = self._render(
            "participants.html", root="../", section="participants", overview=True
        )
        for person in self.catalog.people:
            out[person.href] = self._render(
                "participant.html", root="../", section="participants", person=person
            )
        out["tags/index.html"] = self._render(
            "tags.html", root="../", section="tags", overview=True
        )
        for tag in self.catalog.tags:
            out[tag.href] = self._render("tag.html", root="../", section="tags", tag=tag)
        return out
