"""One configured Markdown (CommonMark) pipeline: citations, a link and image policy, no raw HTML.

The same scan serves the checker (which reports every citation and link with its
place) and the renderer (which turns ``[@id]`` into numbered links to Sources).
"""

from __future__ import annotations

import html
import re
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

CITATION = re.compile(
    r"\[@(?P<first>[A-Za-z0-9][A-Za-z0-9_-]*)(?P<rest>(?:\s*;\s*@[A-Za-z0-9][A-Za-z0-9_-]*)*)\]"
)
_CITATION_ID = re.compile(r"@([A-Za-z0-9][A-Za-z0-9_-]*)")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
UNSAFE_SCHEMES = frozenset({"javascript", "vbscript", "data", "file"})


@dataclass(frozen=True)
class LinkTarget:
    kind: str  # "link" or "image"
    target: str  # as markdown-it decoded it (entities resolved)
    text: str  # the link text or image alt text


@dataclass(frozen=True)
class Citation:
    ids: tuple[str, ...]
    raw: str


@dataclass(frozen=True)
class MarkdownScan:
    citations: tuple[Citation, ...]
    links: tuple[LinkTarget, ...]


def citation_ids(raw: str) -> tuple[str, ...]:
    return tuple(_CITATION_ID.findall(raw))


def _citation_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[" or state.src.startswith("[@", state.pos) is False:
        return False
    match = CITATION.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("citation", "", 0)
        token.meta = {"ids": citation_ids(match.group(0)), "raw": match.group(0)}
        token.content = match.group(0)
    state.pos = match.end()
    return True


def link_scheme(target: str) -> str | None:
    """The scheme of a link target as a browser would see it (decoded, no controls, lowercase)."""
    decoded = urllib.parse.unquote(html.unescape(target))
    cleaned = _CONTROL.sub("", decoded).lower()
    match = _SCHEME.match(cleaned)
    return match.group(1) if match else None


def is_web_url(target: str) -> bool:
    return link_scheme(target) in {"http", "https"}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.enable("strikethrough")
    md.inline.ruler.before("link", "citation", _citation_rule)
    # The checker must see every target, including the ones markdown-it would
    # silently drop; what is allowed is decided by our own policy below.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def _walk(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        if token.children:
            out.extend(_walk(token.children))
    return out


@lru_cache(maxsize=4096)
def scan_markdown(text: str) -> MarkdownScan:
    """Every citation and link/image target in a Markdown text, in order.

    Cached (the result is immutable): the checker and the model both scan each text.
    """
    if "[" not in text and "<" not in text:
        # Citations, links, images and reference definitions all need "[", autolinks "<".
        return MarkdownScan((), ())
    tokens = _walk(_parser().parse(text))
    citations: list[Citation] = []
    links: list[LinkTarget] = []
    for index, token in enumerate(tokens):
        if token.type == "citation":
            citations.append(Citation(token.meta["ids"], token.meta["raw"]))
        elif token.type == "link_open":
            label = tokens[index + 1].content if index + 1 < len(tokens) else ""
            links.append(LinkTarget("link", _decoded(str(token.attrGet("href") or "")), label))
        elif token.type == "image":
            links.append(
                LinkTarget("image", _decoded(str(token.attrGet("src") or "")), token.content)
            )
    return MarkdownScan(tuple(citations), tuple(links))


def _decoded(normalized: str) -> str:
    # markdown-it percent-encodes targets; show the analyst what they wrote.
    return urllib.parse.unquote(normalized)


@dataclass(frozen=True)
class RenderContext:
    """What the renderer needs from the brief: citation numbers and local image handling."""

    source_numbers: Mapping[str, int]
    image_src: Callable[[str], str | None]  # local path -> src to use, None if not allowed
    cite_prefix: str = "source-"


def _render_citation(
    self: Any, tokens: list[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    context: RenderContext = env["briefgen"]
    parts = []
    for source_id in tokens[idx].meta["ids"]:
        number = context.source_numbers.get(source_id)
        if number is None:
            parts.append(html.escape(source_id))
        else:
            parts.append(
                f'<a href="#{context.cite_prefix}{html.escape(source_id)}" class="cite-ref"'
                f' role="doc-noteref" aria-label="Source {number}">{number}</a>'
            )
    return f'<span class="cite">[{", ".join(parts)}]</span>'


def _safe_href(target: str) -> bool:
    scheme = link_scheme(target)
    if scheme is None:
        return not _CONTROL.sub("", target).startswith(("/", "\\"))
    return scheme in {"http", "https", "mailto"}


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.enable("strikethrough")
    md.inline.ruler.before("link", "citation", _citation_rule)
    md.validateLink = _safe_href  # type: ignore[method-assign]
    md.add_render_rule("citation", _render_citation)

    default_image = type(md.renderer).image

    def render_image(
        self: Any, tokens: list[Token], idx: int, options: Any, env: dict[str, Any]
    ) -> str:
        token = tokens[idx]
        src = urllib.parse.unquote(str(token.attrGet("src") or ""))
        alt = md.renderer.renderInlineAsText(token.children or [], options, env)
        if is_web_url(src):
            # Never fetched: a remote image becomes a plain link to it.
            return (
                f'<a href="{html.escape(src)}" class="remote-image">{html.escape(alt or src)}</a>'
            )
        resolved = env["briefgen"].image_src(src)
        if resolved is None:
            return f'<span class="missing-image">{html.escape(alt or src)}</span>'
        token.attrSet("src", resolved)
        return default_image(self, tokens, idx, options, env)

    def render_link_open(
        self: Any, tokens: list[Token], idx: int, options: Any, env: dict[str, Any]
    ) -> str:
        token = tokens[idx]
        if is_web_url(str(token.attrGet("href") or "")):
            token.attrSet("rel", "noopener noreferrer")
        return self.renderToken(tokens, idx, options, env)

    md.add_render_rule("image", render_image)
    md.add_render_rule("link_open", render_link_open)
    return md


def render_markdown(text: str, context: RenderContext, *, inline: bool = False) -> str:
    """Markdown to safe HTML; ``inline`` for one-line fields (no surrounding <p>)."""
    env = {"briefgen": context}
    md = _renderer()
    if inline:
        return md.renderInline(text, env)
    return md.render(text, env)


def markdown_to_text(text: str) -> str:
    """Plain text of a Markdown field, without citations, for labels, metadata and search."""
    without_citations = CITATION.sub("", text)
    tokens = _walk(_parser().parse(without_citations))
    # Line breaks and block ends are word boundaries: without them "line\nnext" reads "linenext".
    pieces = [
        t.content if t.type in {"text", "code_inline"} else " "
        for t in tokens
        if t.type in {"text", "code_inline", "softbreak", "hardbreak"}
        or (t.block and t.type.endswith("_close"))
    ]
    joined = " ".join("".join(pieces).split()) if pieces else ""
    if not joined:
        joined = " ".join(without_citations.split())
    return re.sub(r"\s+([.,;:!?])", r"\1", joined)
