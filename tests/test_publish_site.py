"""`briefgen publish` end to end on disk: the files, their links, CSP and markings, incremental
re-publishing, failed briefs, and the atomic swap. (The browser tests are in tests/browser/.)"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from pypdf import PdfReader

from briefgen.errors import BriefgenError
from briefgen.publish import PublishOptions, publish_site
from briefgen.publish import site as site_module
from briefgen.workspace import open_workspace
from tests.browser.site_workspace import (
    ALL_IDS,
    EXAMPLE_ID,
    FOLLOWUP_ID,
    TALKS_ID,
    make_site_workspace,
    publish_fixture_site,
)

pytestmark = pytest.mark.slow


class _Page(HTMLParser):
    """Links, scripts, metas, cards and inline styles of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.inline_scripts = 0
        self.metas: dict[str, str] = {}
        self.ids: set[str] = set()
        self.cards: list[str] = []
        self.markings: list[str] = []
        self._in_marking = False
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        for name in ("href", "src"):
            if name in a:
                self.urls.append(a[name])
        if tag == "script" and "src" not in a:
            self.inline_scripts += 1
        if tag == "meta":
            key = a.get("name") or a.get("http-equiv")
            if key:
                self.metas[key.lower()] = a.get("content", "")
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "li" and "card" in a.get("class", "").split():
            self.cards.append(a["data-id"])
        if "marking" in a.get("class", "").split():
            self._in_marking = True
        self.handlers.extend(k for k in a if k.startswith("on"))

    def handle_data(self, data: str) -> None:
        if self._in_marking and data.strip():
            self.markings.append(data.strip())
            self._in_marking = False


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    return page


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(workspace, site) published once for the module; tests that change things copy it."""
    base = tmp_path_factory.mktemp("publish")
    root = make_site_workspace(base / "ws")
    return root, publish_fixture_site(root, root / "site")


@pytest.fixture
def scratch(published: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of the published workspace and site, to change."""
    root = tmp_path / "ws"
    shutil.copytree(published[0], root)
    return root, root / "site"


def publish(root: Path, *names: str, **options: object):
    return publish_site(open_workspace(root), names, PublishOptions(**options))  # type: ignore[arg-type]


def test_site_has_every_page_and_file(published: tuple[Path, Path]) -> None:
    _, site = published
    expected = [
        "index.html",
        "site.css",
        "site.js",
        "search-index.js",
        "favicon.svg",
        "feed.xml",
        "sitemap.xml",
        "briefs.json",
        ".briefgen-manifest.json",
        "countries/index.html",
        "countries/ru.html",
        "countries/no.html",
        "countries/dk.html",
        "participants/index.html",
        "participants/lavrov.html",
        "participants/marsh.html",
        "participants/mekdad--faisal-mekdad.html",
        "participants/mekdad--amina-mekdad.html",
        "tags/index.html",
        "tags/fisheries.html",
        "tags/arab-league.html",
    ]
    for brief_id in ALL_IDS:
        expected += [f"{brief_id}/index.html", f"{brief_id}/{brief_id}.pdf"]
    missing = [name for name in expected if not (site / name).is_file()]
    assert not missing
    assert not list(site.parent.glob(".site.tmp-*")) and not list(site.parent.glob(".site.old-*"))


def test_every_brief_pdf_is_its_brief(published: tuple[Path, Path]) -> None:
    _, site = published
    for brief_id in ALL_IDS:
        reader = PdfReader(site / brief_id / f"{brief_id}.pdf")
        text = " ".join(page.extract_text() for page in reader.pages[:2])
        title = json.loads((site / "briefs.json").read_text("utf-8"))
        titles = {b["id"]: b["title"] for b in title["briefs"]}
        assert " ".join(titles[brief_id].split()[:3]) in " ".join(text.split())


def test_every_link_is_relative_and_resolves(published: tuple[Path, Path]) -> None:
    _, site = published
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 20
    broken = []
    for page_path in pages:
        page = parse(page_path)
        for url in page.urls:
            parts = urlsplit(url)
            assert not parts.scheme or parts.scheme in {"data"}, f"{page_path}: absolute {url}"
            assert not url.startswith("/"), f"{page_path}: root-relative {url}"
            if parts.scheme == "data":
                continue
            target = (page_path.parent / unquote(parts.path)).resolve() if parts.path else page_path
            if not target.is_file():
                broken.append(f"{page_path.relative_to(site)} → {url}")
            elif (
                parts.fragment
                and target.suffix == ".html"
                and parts.fragment not in parse(target).ids
            ):
                broken.append(f"{page_path.relative_to(site)} → {url} (no such anchor)")
    assert not broken


def test_every_page_forbids_inline_scripts_and_is_noindex(published: tuple[Path, Path]) -> None:
    _, site = published
    for page_path in site.rglob("*.html"):
        page = parse(page_path)
        csp = page.metas["content-security-policy"]
        assert "script-src 'self';" in csp and "default-src 'none'" in csp, page_path
        assert "unsafe-inline" not in csp
        assert page.inline_scripts == 0 and not page.handlers, page_path
        assert page.metas["robots"] == "noindex", page_path


def test_brief_page_csp_allows_exactly_its_own_style(published: tuple[Path, Path]) -> None:
    import base64

    _, site = published
    html = (site / EXAMPLE_ID / "index.html").read_text("utf-8")
    styles = re.findall(r"<style>(.*?)</style>", html, re.DOTALL)
    assert len(styles) == 1
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    assert (
        f"style-src 'self' 'sha256-{digest}';"
        in parse(site / EXAMPLE_ID / "index.html").metas["content-security-policy"]
    )


def test_index_lists_every_brief_newest_first_with_its_marking(
    published: tuple[Path, Path],
) -> None:
    _, site = published
    index = parse(site / "index.html")
    assert index.cards == list(ALL_IDS)
    assert index.markings == ["TLP:AMBER", "TLP:GREEN", "TLP:CLEAR"]
    html = (site / "index.html").read_text("utf-8")
    assert (
        "Norway and Iceland signed a harbour access agreement in Bodo on 14 January 2025." in html
    )
    assert "Inspections stay national" not in html  # only the first sentence on the card


def test_brief_page_is_the_build_brief_with_navigation_and_pdf_link(
    published: tuple[Path, Path],
) -> None:
    _, site = published
    page_path = site / TALKS_ID / "index.html"
    page = parse(page_path)
    assert page.markings[:1] == ["TLP:GREEN"]
    html = page_path.read_text("utf-8")
    assert f'href="{TALKS_ID}.pdf"' in html and "Download PDF" in html
    for link in ("../index.html", "../countries/no.html", "../participants/marsh.html"):
        assert f'href="{link}"' in html
    assert 'href="../tags/arctic.html"' in html


def test_participant_page_has_every_position_and_quote_newest_first(
    published: tuple[Path, Path],
) -> None:
    _, site = published
    html = (site / "participants" / "marsh.html").read_text("utf-8")
    later = html.index("a fair deal for both fleets")
    earlier = html.index("We want a harbour agreement before the summer season")
    assert later < earlier
    lavrov = (site / "participants" / "lavrov.html").read_text("utf-8")
    assert "consolidating politically the progress" in lavrov
    assert "Faisal" not in lavrov


def test_second_publish_renders_nothing_and_changes_nothing(scratch: tuple[Path, Path]) -> None:
    root, site = scratch
    before = tree_digest(site)
    report = publish(root)
    assert [o.status for o in report.outcomes] == ["unchanged"] * 3
    assert tree_digest(site) == before


def test_changed_brief_is_the_only_one_rendered_again(scratch: tuple[Path, Path]) -> None:
    root, site = scratch
    yaml_path = root / "briefs" / TALKS_ID / "brief.yaml"
    yaml_path.write_text(
        yaml_path.read_text("utf-8").replace("open harbour access talks", "begin harbour talks"),
        "utf-8",
    )
    report = publish(root)
    statuses = {o.ref.id: o.status for o in report.outcomes}
    assert statuses == {EXAMPLE_ID: "unchanged", FOLLOWUP_ID: "unchanged", TALKS_ID: "rendered"}
    assert "Norway and Iceland begin harbour talks" in (site / "index.html").read_text("utf-8")
    assert "begin harbour talks" in (site / TALKS_ID / "index.html").read_text("utf-8")
    assert "begin harbour talks" in " ".join(
        p.extract_text() for p in PdfReader(site / TALKS_ID / f"{TALKS_ID}.pdf").pages
    )


def test_force_renders_everything(scratch: tuple[Path, Path]) -> None:
    root, _ = scratch
    report = publish(root, TALKS_ID, force=True)
    assert [o.status for o in report.outcomes] == ["rendered"]


def test_failed_brief_is_reported_unlisted_and_keeps_its_previous_pages(
    scratch: tuple[Path, Path],
) -> None:
    root, site = scratch
    old_page = (site / TALKS_ID / "index.html").read_bytes()
    yaml_path = root / "briefs" / TALKS_ID / "brief.yaml"
    yaml_path.write_text(yaml_path.read_text("utf-8").replace("actor: marsh", "actor: marshh"))
    report = publish(root)
    outcome = next(o for o in report.outcomes if o.ref.id == TALKS_ID)
    assert report.failed and report.published
    assert outcome.failed and outcome.kept_previous
    assert any(
        p.path == f"briefs/{TALKS_ID}/brief.yaml" and p.line > 0 and "marshh" in p.message
        for p in outcome.problems
    )
    assert (site / TALKS_ID / "index.html").read_bytes() == old_page
    assert parse(site / "index.html").cards == [FOLLOWUP_ID, EXAMPLE_ID]
    listed = [b["id"] for b in json.loads((site / "briefs.json").read_text("utf-8"))["briefs"]]
    assert listed == [FOLLOWUP_ID, EXAMPLE_ID]
    marsh = (site / "participants" / "marsh.html").read_text("utf-8")
    assert "summer season" not in marsh
    # fixing it brings it back, rendered from the fixed inputs
    yaml_path.write_text(yaml_path.read_text("utf-8").replace("actor: marshh", "actor: marsh"))
    report = publish(root)
    assert not report.failed
    assert parse(site / "index.html").cards == list(ALL_IDS)


def test_a_crash_mid_publish_leaves_the_previous_site_untouched(
    scratch: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, site = scratch
    before = tree_digest(site)

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(site_module, "_write_site_files", explode)
    yaml_path = root / "briefs" / TALKS_ID / "brief.yaml"
    yaml_path.write_text(yaml_path.read_text("utf-8").replace("Tromso", "Tromsø"), "utf-8")
    with pytest.raises(RuntimeError, match="disk full"):
        publish(root)
    assert tree_digest(site) == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == [".site.lock"]


def test_when_every_brief_fails_the_old_site_stays(scratch: tuple[Path, Path]) -> None:
    root, site = scratch
    before = tree_digest(site)
    yaml_path = root / "briefs" / TALKS_ID / "brief.yaml"
    yaml_path.write_text("title: [unclosed\n", "utf-8")
    report = publish(root, TALKS_ID)
    assert report.failed and not report.published
    assert tree_digest(site) == before


def test_refuses_to_replace_a_folder_it_did_not_write(scratch: tuple[Path, Path]) -> None:
    root, _ = scratch
    foreign = root / "documents"
    foreign.mkdir()
    (foreign / "thesis.docx").write_text("precious", "utf-8")
    with pytest.raises(BriefgenError, match="not a site published by briefgen"):
        publish(root, out_dir=foreign)
    assert (foreign / "thesis.docx").read_text("utf-8") == "precious"
    with pytest.raises(BriefgenError, match="workspace itself"):
        publish(root, out_dir=root)
    with pytest.raises(BriefgenError, match="inside briefs/"):
        publish(root, out_dir=root / "briefs" / "site")


def test_brief_id_that_is_a_site_folder_is_refused(scratch: tuple[Path, Path]) -> None:
    root, site = scratch
    shutil.copytree(root / "briefs" / TALKS_ID, root / "briefs" / "tags")
    report = publish(root)
    outcome = next(o for o in report.outcomes if o.ref.id == "tags")
    assert outcome.failed and "reserved-id" in [p.code for p in outcome.problems]
    assert (site / "tags" / "index.html").is_file()


def test_noindex_can_be_switched_off(tmp_path: Path) -> None:
    root = make_site_workspace(tmp_path / "ws", with_example=False)
    (root / "briefgen.yaml").write_text("site:\n  title: Open desk\n  noindex: false\n", "utf-8")
    report = publish(root, TALKS_ID)
    assert not report.failed
    for page in (root / "site" / "index.html", root / "site" / TALKS_ID / "index.html"):
        assert "robots" not in parse(page).metas
        assert "Open desk" in page.read_text("utf-8")


def test_cli_publish_reports_and_exits(tmp_path: Path, run_cli) -> None:
    root = make_site_workspace(tmp_path / "ws", with_example=False)
    result = run_cli("publish", TALKS_ID, "--base-url", "https://intranet/desk/", cwd=root)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert f"rendered {TALKS_ID}" in result.stdout
    assert "published site/index.html: 1 rendered, 0 unchanged, 0 failed" in result.stdout
    feed = (root / "site" / "feed.xml").read_text("utf-8")
    assert f'href="https://intranet/desk/{TALKS_ID}/index.html"' in feed

    yaml_path = root / "briefs" / FOLLOWUP_ID / "brief.yaml"
    yaml_path.write_text(
        yaml_path.read_text("utf-8").replace("date: 2025-01-14", "date: 2025-13-14")
    )
    result = run_cli("publish", cwd=root)
    assert result.exit_code == 1
    assert f"briefs/{FOLLOWUP_ID}/brief.yaml:" in result.stdout
    assert f"failed: {FOLLOWUP_ID} was left out of the site" in result.stderr
    assert f"unchanged {TALKS_ID}" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr

    result = run_cli("publish", "--base-url", "intranet/desk", cwd=root)
    assert result.exit_code == 1 and "is not an http(s) address" in result.stderr


def test_cli_help_has_examples(run_cli) -> None:
    result = run_cli("publish", "--help")
    assert result.exit_code == 0
    for text in ("--out", "--base-url", "--force", "Examples:", "briefgen publish --out"):
        assert text in result.stdout


def test_a_failed_swap_is_a_message_and_restores_the_old_site(
    scratch: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    root, site = scratch
    before = tree_digest(site)
    real_rename = os.rename

    def rename(src: str | Path, dst: str | Path) -> None:
        if ".site.tmp-" in str(src):  # the new site cannot be moved in (e.g. a mount point)
            raise OSError(errno.EBUSY, "Device or resource busy", str(dst))
        real_rename(src, dst)

    monkeypatch.setattr(site_module.os, "rename", rename)
    with pytest.raises(BriefgenError, match=r"could not write the site .*Device or resource busy"):
        publish(root)
    assert tree_digest(site) == before
    assert not [p for p in root.iterdir() if p.name.startswith((".site.tmp-", ".site.old-"))]


def test_render_failure_drops_the_brief_and_relinks_the_others(scratch: tuple[Path, Path]) -> None:
    root, site = scratch
    # An override that fails only for briefs with an outlook (the example has one; the
    # invented briefs do not). With the example gone, `mekdad` names one person only, so
    # Amina Mekdad's page moves to participants/mekdad.html and the brief linking to it
    # must be rendered again with the new link.
    override = root / "templates" / "sections" / "outlook.html"
    override.parent.mkdir(parents=True)
    override.write_text("<p>{{ brief.no_such_field }}</p>\n", "utf-8")
    report = publish(root)
    outcome = next(o for o in report.outcomes if o.ref.id == EXAMPLE_ID)
    assert outcome.failed and outcome.kept_previous
    assert [p.code for p in outcome.problems] == ["template-error"]
    assert parse(site / "index.html").cards == [FOLLOWUP_ID, TALKS_ID]
    followup = (site / FOLLOWUP_ID / "index.html").read_text("utf-8")
    assert 'href="../participants/mekdad.html"' in followup
    assert (site / "participants" / "mekdad.html").is_file()
    assert not (site / "participants" / "mekdad--amina-mekdad.html").exists()
    manifest = json.loads((site / ".briefgen-manifest.json").read_text("utf-8"))["briefs"]
    assert manifest[EXAMPLE_ID]["listed"] is False and manifest[FOLLOWUP_ID]["listed"] is True


def test_broken_site_template_is_a_located_message_and_publishes_nothing(
    scratch: tuple[Path, Path], run_cli
) -> None:
    root, site = scratch
    before = tree_digest(site)
    override = root / "templates" / "site" / "tag.html"
    override.parent.mkdir(parents=True)
    override.write_text('{% extends "site/base.html" %}\n{% block main %}{{ tag.nope }\n', "utf-8")
    result = run_cli("publish", cwd=root)
    assert result.exit_code == 1
    assert "templates/site/tag.html:2:" in result.stderr
    assert "site template error" in result.stderr and "Traceback" not in result.stderr
    assert tree_digest(site) == before


def test_worker_processes_render_the_same_bytes_as_one_process(
    published: tuple[Path, Path], scratch: tuple[Path, Path]
) -> None:
    _, pooled_site = published  # three briefs to render: rendered in worker processes
    root, site = scratch
    report = publish(root, force=True, jobs=1)
    assert [o.status for o in report.outcomes] == ["rendered"] * 3
    assert tree_digest(site) == tree_digest(pooled_site)


def _pdf_links(page: _Page) -> list[str]:
    return [url for url in page.urls if url.endswith(".pdf")]


def test_html_only_publish_has_no_pdfs_and_switching_to_both_renders_them(
    scratch: tuple[Path, Path],
) -> None:
    root, site = scratch
    report = publish(root, formats=("html",))
    # the formats are in the input hash: the PDF site's pages are not reused
    assert [o.status for o in report.outcomes] == ["rendered"] * 3
    assert sorted(p.name for p in site.rglob("*.pdf")) == []
    for brief_id in ALL_IDS:
        html = (site / brief_id / "index.html").read_text("utf-8")
        assert "Download PDF" not in html
        assert _pdf_links(parse(site / brief_id / "index.html")) == []
    index = parse(site / "index.html")
    assert sorted(index.cards) == sorted(ALL_IDS) and _pdf_links(index) == []
    assert all(b["pdf"] is None for b in json.loads((site / "briefs.json").read_bytes())["briefs"])
    assert "application/pdf" not in (site / "feed.xml").read_text("utf-8")

    again = publish(root, formats=("html",))
    assert [o.status for o in again.outcomes] == ["unchanged"] * 3

    both = publish(root)
    assert [o.status for o in both.outcomes] == ["rendered"] * 3
    for brief_id in ALL_IDS:
        assert len(PdfReader(site / brief_id / f"{brief_id}.pdf").pages) > 0
        assert "Download PDF" in (site / brief_id / "index.html").read_text("utf-8")
        assert f"{brief_id}/{brief_id}.pdf" in _pdf_links(parse(site / "index.html"))


def test_html_only_pages_from_worker_processes_equal_those_rendered_here(
    scratch: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, site = scratch
    publish(root, formats=("html",), force=True, jobs=1)  # three briefs: in this process
    monkeypatch.setattr(site_module, "HTML_POOL_MIN", 2)
    pooled = tmp_path / "pooled"
    report = publish(root, formats=("html",), jobs=2, out_dir=pooled)
    assert [o.status for o in report.outcomes] == ["rendered"] * 3
    assert tree_digest(pooled) == tree_digest(site)


def test_html_only_publish_never_imports_weasyprint(tmp_path: Path) -> None:
    from tests.test_startup_imports import modules_after

    root = make_site_workspace(tmp_path / "ws")
    out = tmp_path / "site"
    modules = modules_after(["publish", "--format", "html", "--out", str(out)], root)
    assert (out / "index.html").is_file() and not list(out.rglob("*.pdf"))
    assert "weasyprint" not in modules and "pydyf" not in modules
