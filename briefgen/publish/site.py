"""``briefgen publish``: check the briefs, render or reuse their pages, write the site, swap it in.

The order reads top to bottom: gather and check every brief, work out the
catalog (countries, people, tags), render the brief pages that changed (copy
the rest from the previous site), write the listing pages and feeds into a
temporary folder beside the site, then replace the old site with two renames.
Any exception before the swap removes the temporary folder and leaves the
previous site as it was.
"""

from __future__ import annotations

import contextlib
import functools
import os
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from briefgen.build import HTML_POOL_MIN, RenderedBrief
from briefgen.errors import BriefgenError, Problem, ProblemsFound
from briefgen.factsheet import read_brief
from briefgen.loader import load_yaml_file
from briefgen.model import Brief
from briefgen.output import check_output_dir
from briefgen.publish.catalog import Catalog, SiteBrief, build_catalog
from briefgen.publish.feeds import atom_feed, briefs_json, sitemap
from briefgen.publish.incremental import (
    MANIFEST_NAME,
    Manifest,
    brief_hash,
    environment_hash,
)
from briefgen.publish.pages import STATIC_FILES, SiteInfo, SitePages, seal_brief_page
from briefgen.publish.search_index import search_index_script
from briefgen.render import PageExtras, TemplateFailure
from briefgen.workspace import BriefRef, Workspace, select_briefs

DEFAULT_OUT = "site"
# Top-level names the site uses itself; a brief with one of these ids would overwrite them.
RESERVED_IDS = frozenset({"countries", "participants", "tags"})

Status = Literal["rendered", "unchanged", "failed"]


@dataclass(frozen=True)
class PublishOptions:
    out_dir: Path | None = None  # default: <workspace>/site
    base_url: str | None = None  # default: site.base_url in briefgen.yaml
    force: bool = False  # render every brief even when its inputs did not change
    jobs: int | None = None  # worker processes for rendering (default: CPUs, at most 4)
    formats: tuple[str, ...] = ("pdf", "html")  # without "pdf": no PDFs, WeasyPrint not imported


@dataclass
class BriefPublishOutcome:
    ref: BriefRef
    status: Status = "failed"
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    kept_previous: bool = False  # failed, and its pages from the previous site are still there

    @property
    def failed(self) -> bool:
        return self.status == "failed"


@dataclass
class PublishReport:
    out_dir: Path
    outcomes: list[BriefPublishOutcome]
    published: bool  # False when nothing could be published and the old site was left alone

    @property
    def failed(self) -> bool:
        return any(o.failed for o in self.outcomes)

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


def publish_site(
    workspace: Workspace,
    names: Sequence[str] = (),
    options: PublishOptions | None = None,
    on_outcome: Callable[[BriefPublishOutcome], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
) -> PublishReport:
    """Publish the selected briefs (all when ``names`` is empty) as a static site.

    ``on_progress(done, total, brief id)`` follows the brief pages as they are rendered or
    copied, for a progress bar; ``on_outcome`` gets every brief's outcome at the end.
    """
    options = options or PublishOptions()
    if any(p.severity == "error" for p in workspace.settings_problems):
        raise ProblemsFound(workspace.settings_problems)
    out = check_output_dir(
        options.out_dir or workspace.root / DEFAULT_OUT, workspace.root, workspace.briefs_dir
    )
    _refuse_foreign_folder(out)
    refs = select_briefs(workspace, list(names))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefgenError(
            f"could not create {out.parent}: {exc.strerror or exc}", "check the --out path"
        ) from exc
    with _publish_lock(out):
        _remove_leftovers(out)
        try:
            temp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
        except OSError as exc:
            raise BriefgenError(
                f"could not create a folder beside {out}: {exc.strerror or exc}",
                f"the site is assembled next to it; check write permission on {out.parent}",
            ) from exc
        try:
            os.chmod(temp, 0o755)  # mkdtemp makes it private; a web server must read it
            outcomes = _assemble(workspace, refs, options, out, temp, on_progress)
            for outcome in outcomes:
                if on_outcome:
                    on_outcome(outcome)
            nothing_listed = all(o.failed for o in outcomes)
            if nothing_listed and outcomes and out.exists():
                shutil.rmtree(temp, ignore_errors=True)
                return PublishReport(out, outcomes, published=False)
            _swap_in(temp, out)
        except TemplateFailure as failure:  # a site template: every page is affected
            shutil.rmtree(temp, ignore_errors=True)
            raise BriefgenError(
                failure.problem.format(), "nothing was published; the previous site is unchanged"
            ) from failure
        except OSError as exc:  # permissions, a full disk, a mount point as --out
            shutil.rmtree(temp, ignore_errors=True)
            raise BriefgenError(
                f"could not write the site to {out}: {exc.strerror or exc}"
                + (f" ({exc.filename})" if exc.filename else ""),
                "the previous site was left as it was; check free space and permissions. "
                "The site is swapped in by renaming folders, so --out cannot be a mount point: "
                "publish to a folder inside it",
            ) from exc
        except BaseException:
            shutil.rmtree(temp, ignore_errors=True)
            raise
    return PublishReport(out, outcomes, published=True)


def _assemble(
    workspace: Workspace,
    refs: list[BriefRef],
    options: PublishOptions,
    out: Path,
    temp: Path,
    on_progress: Callable[[int, int, str], None] | None = None,
) -> list[BriefPublishOutcome]:
    settings = workspace.settings
    formats = _site_formats(options.formats)
    files = functools.partial(_brief_files, formats=formats)
    previous = Manifest.read(out)
    manifest = Manifest()
    outcomes = {ref.id: BriefPublishOutcome(ref) for ref in refs}

    # 1. Check every brief; keep those without errors.
    candidates: dict[str, SiteBrief] = {}
    for ref in refs:
        outcome = outcomes[ref.id]
        start = time.perf_counter()
        if ref.id in RESERVED_IDS:
            outcome.problems.append(_reserved_id_problem(workspace, ref))
            continue
        result = read_brief(ref, workspace)
        outcome.problems.extend(result.problems)
        outcome.seconds += time.perf_counter() - start
        if result.brief is None or result.has_errors:
            continue
        loaded = load_yaml_file(ref.yaml_path, workspace.display(ref.yaml_path))
        fact_sheet = loaded.document.data if loaded.document else None
        candidates[ref.id] = SiteBrief(result.brief, fact_sheet, has_pdf="pdf" in formats)

    # 2. Render (or reuse) brief pages. A render failure drops the brief, which can change
    #    other pages' links (participant slugs), so repeat until nothing new fails.
    site = SiteInfo(
        settings.site.title, settings.organization, settings.site.noindex, settings.language
    )
    # the formats are in the hash, so switching --format renders the pages (and PDFs) again
    environment = environment_hash(
        workspace, [f"noindex={settings.site.noindex}", f"formats={','.join(formats)}"]
    )
    done: dict[str, str] = {}  # brief id → input hash its files in temp were made from
    while True:
        catalog = build_catalog(list(candidates.values()))
        pages = SitePages(workspace.templates_dir, site, catalog)
        pending: list[tuple[SiteBrief, PageExtras, str]] = []
        progress = _Progress(len(catalog.briefs), on_progress)
        for item in catalog.briefs:
            extras = pages.brief_extras(item)
            input_hash = brief_hash(
                outcomes[item.id].ref, environment, str(extras.nav_html) + str(extras.extra_head)
            )
            if done.get(item.id) == input_hash:
                continue
            if _reuse_previous(item.id, input_hash, options, previous, out, temp, formats):
                outcomes[item.id].status = "unchanged"
                done[item.id] = input_hash
                manifest.record(item.id, input_hash, files(item.id), listed=True)
                progress.advance(item.id)
            else:
                pending.append((item, extras, input_hash))
        newly_failed = False
        renders = _render_all(
            [(item.brief, extras) for item, extras, _ in pending],
            workspace.templates_dir,
            options.jobs,
            formats,
            settings.render_timeout,
        )
        for index, rendered, seconds in renders:
            item, _, input_hash = pending[index]
            progress.advance(item.id)
            outcome = outcomes[item.id]
            outcome.seconds += seconds
            if _store(item, rendered, temp, outcome, formats):
                outcome.status = "rendered"
                done[item.id] = input_hash
                manifest.record(item.id, input_hash, files(item.id), listed=True)
            else:  # drop whatever an earlier round rendered for it
                del candidates[item.id]
                done.pop(item.id, None)
                manifest.briefs.pop(item.id, None)
                shutil.rmtree(temp / item.id, ignore_errors=True)
                newly_failed = True
        if not newly_failed:
            break

    # 3. Failed briefs keep their previous pages (unlisted), so bookmarks still work.
    for outcome in outcomes.values():
        if outcome.failed:
            outcome.kept_previous = _keep_previous(
                outcome.ref.id, previous, out, temp, manifest, formats
            )

    # 4. Listing pages, search index, feeds, the site's own files and the manifest.
    _write_site_files(pages, catalog, workspace, options, temp)
    (temp / MANIFEST_NAME).write_bytes(manifest.to_bytes())
    return [outcomes[ref.id] for ref in refs]


def _reuse_previous(
    brief_id: str,
    input_hash: str,
    options: PublishOptions,
    previous: Manifest,
    out: Path,
    temp: Path,
    formats: tuple[str, ...],
) -> bool:
    """Copy the previous site's page and PDF when they were made from the same inputs."""
    old = out / brief_id
    names = _brief_files(brief_id, formats)
    if options.force or previous.hash_of(brief_id) != input_hash:
        return False
    if not all((old / name).is_file() for name in names):
        return False
    (temp / brief_id).mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy2(old / name, temp / brief_id / name)
    return True


def _render_one(
    brief: Brief, templates_dir: Path, extras: PageExtras, formats: tuple[str, ...]
) -> tuple[RenderedBrief, float]:
    """One brief's page (and PDF); a module-level function so a worker process can run it."""
    from briefgen.build import render_brief_outputs

    start = time.perf_counter()
    rendered = render_brief_outputs(brief, formats, templates_dir, extras=extras)
    return rendered, time.perf_counter() - start


def _render_all(
    work: list[tuple[Brief, PageExtras]],
    templates_dir: Path,
    jobs: int | None,
    formats: tuple[str, ...],
    timeout: float,
) -> Iterator[tuple[int, RenderedBrief, float]]:
    """(index in ``work``, result, seconds) as each brief finishes, in any order.

    PDFs render in worker processes when there are several (WeasyPrint uses one core).
    HTML-only pages render in workers without WeasyPrint from ``HTML_POOL_MIN`` briefs on,
    as ``build`` does; fewer render here, where starting a worker would cost more.
    """
    workers = min(jobs or min(os.cpu_count() or 1, 4), len(work))
    if "pdf" not in formats:
        if workers > 1 and len(work) >= HTML_POOL_MIN:
            yield from _render_html_pool(work, templates_dir, workers, timeout)
            return
        workers = 1
    if workers <= 1 or (jobs is None and len(work) < 3):  # starting workers costs ~2 s each
        for index, (brief, extras) in enumerate(work):
            yield (index, *_render_one(brief, templates_dir, extras, formats))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: the parent may hold threads (a preview server, a test's HTTP server)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [
            pool.submit(_render_one, brief, templates_dir, extras, formats)
            for brief, extras in work
        ]
        for index, future in enumerate(futures):
            yield (index, *future.result())


def _render_html_pool(
    work: list[tuple[Brief, PageExtras]], templates_dir: Path, workers: int, timeout: float
) -> Iterator[tuple[int, RenderedBrief, float]]:
    """HTML pages in briefgen's render pool; a worker never imports WeasyPrint."""
    import multiprocessing
    import threading

    from briefgen.workers import RenderJob, RenderPool, choose_context

    # fork starts fastest, but is unsafe when the parent holds threads (a preview server)
    context = choose_context() if threading.active_count() == 1 else None
    context = context or multiprocessing.get_context("spawn")
    jobs = [
        RenderJob(index, brief.id, _render_one, (brief, templates_dir, extras, ("html",)), {})
        for index, (brief, extras) in enumerate(work)
    ]
    with RenderPool(workers, timeout=timeout, warm=None, context=context) as pool:
        for result in pool.run(jobs):
            if result.error is None:
                yield (result.index, *result.value)
                continue
            brief = work[result.index][0]
            problem = Problem(
                f"briefs/{brief.id}/brief.yaml",
                0,
                0,
                "error",
                f"rendering the page failed: {result.error}",
                "publish again; if it fails again, check this brief with `briefgen build`",
                "render-failed",
            )
            yield result.index, RenderedBrief(brief.id, {}, {}, (problem,)), result.seconds


def _store(
    item: SiteBrief,
    rendered: RenderedBrief,
    temp: Path,
    outcome: BriefPublishOutcome,
    formats: tuple[str, ...],
) -> bool:
    """Write a rendered brief into the new site; False (with its problems) when it failed."""
    # a brief rendered again in a later round must not report the same warnings twice
    outcome.problems.extend(p for p in rendered.problems if p not in outcome.problems)
    if any(p.severity == "error" for p in rendered.problems) or not set(formats) <= set(
        rendered.outputs
    ):
        outcome.status = "failed"
        return False
    target = temp / item.id
    target.mkdir(parents=True, exist_ok=True)
    html = seal_brief_page(rendered.outputs["html"].decode("utf-8"))
    (target / "index.html").write_text(html, encoding="utf-8")
    if "pdf" in formats:
        (target / f"{item.id}.pdf").write_bytes(rendered.outputs["pdf"])
    return True


def _site_formats(formats: Sequence[str]) -> tuple[str, ...]:
    """The page is always HTML; ``pdf`` adds the PDF beside it. Sorted, for the input hash."""
    unknown = sorted(set(formats) - {"pdf", "html"})
    if unknown:
        raise BriefgenError(f"unknown format {unknown[0]}", "use pdf or html")
    return ("html", "pdf") if "pdf" in formats or not formats else ("html",)


def _brief_files(brief_id: str, formats: tuple[str, ...] = ("html", "pdf")) -> list[str]:
    return ["index.html"] + ([f"{brief_id}.pdf"] if "pdf" in formats else [])


@dataclass
class _Progress:
    """Counts the brief pages rendered or copied, for ``on_progress``."""

    total: int
    callback: Callable[[int, int, str], None] | None
    done: int = 0

    def advance(self, brief_id: str) -> None:
        self.done += 1
        if self.callback:
            self.callback(self.done, self.total, brief_id)


def _keep_previous(
    brief_id: str,
    previous: Manifest,
    out: Path,
    temp: Path,
    manifest: Manifest,
    formats: tuple[str, ...],
) -> bool:
    old = out / brief_id
    old_hash = previous.hash_of(brief_id)
    if not old_hash or not old.is_dir() or (temp / brief_id).exists():
        return False
    shutil.copytree(old, temp / brief_id)
    entry = previous.briefs.get(brief_id)
    old_files = entry.get("files") if isinstance(entry, dict) else None
    manifest.record(brief_id, old_hash, old_files or _brief_files(brief_id, formats), listed=False)
    return True


def _write_site_files(
    pages: SitePages, catalog: Catalog, workspace: Workspace, options: PublishOptions, temp: Path
) -> None:
    settings = workspace.settings
    base_url = options.base_url or settings.site.base_url
    for relative, html in pages.pages().items():
        path = temp / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    for name in STATIC_FILES:
        (temp / name).write_bytes(pages.static_file(name))
    (temp / "search-index.js").write_text(search_index_script(catalog), encoding="utf-8")
    title = settings.site.title
    author = settings.organization or title
    (temp / "feed.xml").write_bytes(
        atom_feed(catalog, title=title, base_url=base_url, author=author)
    )
    (temp / "briefs.json").write_bytes(briefs_json(catalog, title=title, base_url=base_url))
    listed: list[tuple[str, str | None]] = [("index.html", None)]
    for item in catalog.briefs:
        full_date = item.brief.date.iso() if item.brief.date.day else None
        listed.append((item.href, full_date))
    listed.append(("countries/index.html", None))
    listed.extend((entry.href, None) for entry in catalog.countries)
    listed.append(("participants/index.html", None))
    listed.extend((person.href, None) for person in catalog.people)
    listed.append(("tags/index.html", None))
    listed.extend((tag.href, None) for tag in catalog.tags)
    (temp / "sitemap.xml").write_bytes(sitemap(listed, base_url))


def _reserved_id_problem(workspace: Workspace, ref: BriefRef) -> Problem:
    return Problem(
        workspace.display(ref.folder),
        0,
        0,
        "error",
        f"the brief id `{ref.id}` is the name of a folder of the published site ({ref.id}/)",
        f"rename the folder briefs/{ref.id}/ (for example to {ref.id}-brief)",
        "reserved-id",
    )


def _refuse_foreign_folder(out: Path) -> None:
    """The site folder is replaced as a whole, so never replace a folder briefgen did not write."""
    if out.exists() and not out.is_dir():
        raise BriefgenError(f"{out} is a file, not a folder", "pass --out a folder for the site")
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST_NAME).is_file():
        raise BriefgenError(
            f"{out} already exists and is not a site published by briefgen "
            f"(it has no {MANIFEST_NAME}); publishing replaces the whole folder",
            "publish to a new or empty folder, or move this folder's files away first",
        )


@contextlib.contextmanager
def _publish_lock(out: Path) -> Iterator[None]:
    """One publish of a folder at a time (two would swap each other's sites out)."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; publishing concurrently is on the user
        yield
        return
    lock_path = out.parent / f".{out.name}.lock"
    try:
        handle = open(lock_path, "a+b")  # noqa: SIM115 - closed below, after the error check
    except OSError as exc:
        raise BriefgenError(
            f"could not write {lock_path}: {exc.strerror or exc}",
            f"check write permission on {out.parent}",
        ) from exc
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BriefgenError(
                f"another briefgen publish is writing {out} right now",
                "wait for it to finish, then publish again",
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove_leftovers(out: Path) -> None:
    """Temporary folders of a publish that was killed (safe: we hold the lock)."""
    for pattern in (f".{out.name}.tmp-*", f".{out.name}.old-*"):
        for leftover in out.parent.glob(pattern):
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)


def _swap_in(temp: Path, out: Path) -> None:
    """Old site aside, new site in, old site removed: readers see one site or the other."""
    if not out.exists():
        os.rename(temp, out)
        return
    aside = out.parent / f".{out.name}.old-{secrets.token_hex(4)}"
    os.rename(out, aside)
    try:
        os.rename(temp, out)
    except BaseException:
        os.rename(aside, out)
        raise
    shutil.rmtree(aside, ignore_errors=True)
