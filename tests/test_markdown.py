"""Markdown fields: citations become numbered references; links and images follow the policy."""

from __future__ import annotations

from briefgen.markdown import (
    RenderContext,
    link_scheme,
    markdown_to_text,
    render_markdown,
    scan_markdown,
)


def context(image: dict[str, str] | None = None) -> RenderContext:
    images = image or {}
    return RenderContext({"wire": 1, "memo": 2}, images.get)


def test_scan_finds_citations_links_and_images_in_order() -> None:
    scan = scan_markdown(
        "Talks [@wire]. See [memo](sources/memo.txt) and ![map](img/map.png) [@a; @b]."
    )
    assert [c.ids for c in scan.citations] == [("wire",), ("a", "b")]
    assert [(link.kind, link.target, link.text) for link in scan.links] == [
        ("link", "sources/memo.txt", "memo"),
        ("image", "img/map.png", "map"),
    ]


def test_citations_render_as_numbered_links_to_sources() -> None:
    html = render_markdown("Met [@wire; @memo].", context(), inline=True)
    assert html == (
        'Met <span class="cite">[<a href="#source-wire" class="cite-ref" role="doc-noteref"'
        ' aria-label="Source 1">1</a>, <a href="#source-memo" class="cite-ref"'
        ' role="doc-noteref" aria-label="Source 2">2</a>]</span>.'
    )


def test_raw_html_is_shown_as_text() -> None:
    html = render_markdown("<script>alert(1)</script> and <b>bold</b>", context())
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_unsafe_links_are_not_rendered_as_links() -> None:
    html = render_markdown("[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1))", context())
    assert "href" not in html


def test_web_links_are_marked_noopener_and_remote_images_are_not_fetched() -> None:
    html = render_markdown("[w](https://example.org) ![r](https://example.org/a.png)", context())
    assert '<a href="https://example.org" rel="noopener noreferrer">w</a>' in html
    assert '<a href="https://example.org/a.png" class="remote-image">r</a>' in html
    assert "<img" not in html


def test_local_images_resolve_through_the_context() -> None:
    html = render_markdown(
        "![map](img/map.png) ![gone](img/gone.png)", context({"img/map.png": "data:x"})
    )
    assert '<img src="data:x" alt="map" />' in html
    assert '<span class="missing-image">gone</span>' in html


def test_link_scheme_sees_through_encoding() -> None:
    assert link_scheme("javascript:alert(1)") == "javascript"
    assert link_scheme("java\tscript:alert(1)") == "javascript"
    assert link_scheme("&#106;avascript:alert(1)") == "javascript"
    assert link_scheme("%6Aavascript:x") == "javascript"
    assert link_scheme("sources/a.txt") is None
    assert link_scheme("HTTPS://example.org") == "https"


def test_markdown_to_text_drops_citations_and_markup() -> None:
    assert markdown_to_text("Talks *met* in Geneva [@wire]. Next [@a; @b].") == (
        "Talks met in Geneva. Next."
    )
