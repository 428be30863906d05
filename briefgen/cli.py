"""The command line: parse options, call one core function, turn our errors into messages and exits.

Exit status: 0 success, 1 problems found or a brief failed, 2 usage error.
Heavy modules (WeasyPrint) are imported inside the commands that need them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from briefgen import __version__
from briefgen.errors import BriefgenError, Problem

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _echo_problem(problem: Problem, source_line: str | None = None, echo=click.echo) -> None:
    colour = "red" if problem.severity == "error" else "yellow"
    echo(click.style(problem.format(), fg=colour) if sys.stdout.isatty() else problem.format())
    if source_line is not None and problem.line > 0 and sys.stdout.isatty():
        click.echo(f"    {source_line.rstrip()}")
        click.echo("    " + " " * max(problem.col - 1, 0) + "^")


class Context:
    def __init__(self, workspace: Path | None) -> None:
        self.workspace_path = workspace

    def workspace(self):
        from briefgen.workspace import open_workspace

        return open_workspace(self.workspace_path)


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="briefgen")
@click.option(
    "-C",
    "--workspace",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Workspace folder (default: the current folder).",
)
@click.pass_context
def cli(ctx: click.Context, workspace: Path | None) -> None:
    """Turn YAML fact sheets into sourced PDF and HTML policy briefs.

    \b
    Examples:
      briefgen build                 build every brief in briefs/ (or the bundled example)
      briefgen check                 report every problem of every brief
      briefgen new my-brief --from article.txt
      briefgen publish --out site/
      briefgen serve                 live preview at http://127.0.0.1:8000/ while you edit
    """
    ctx.obj = Context(workspace)


def main() -> None:
    try:
        cli(standalone_mode=True)
    except BriefgenError as exc:  # pragma: no cover - commands catch their own
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)


def fail(exc: BriefgenError) -> None:
    click.echo(
        click.style("error: ", fg="red", bold=True) + str(exc)
        if sys.stderr.isatty()
        else f"error: {exc}",
        err=True,
    )
    sys.exit(1)


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("briefs", nargs=-1)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for editors and CI.",
)
@click.pass_obj
def check(obj: Context, briefs: tuple[str, ...], strict: bool, output_format: str) -> None:
    """Check fact sheets and report every problem.

    BRIEFS are ids or paths; all briefs when none is given.

    \b
    Examples:
      briefgen check
      briefgen check moscow-quadrilateral-talks-2023 --strict
      briefgen check --format json > problems.json
    """
    from briefgen.check import check_workspace
    from briefgen.errors import problems_to_json

    try:
        report = check_workspace(obj.workspace(), briefs, strict=strict)
    except BriefgenError as exc:
        fail(exc)
        return
    if output_format == "json":
        click.echo(problems_to_json(report.problems))
    else:
        lines = _source_lines(report)
        for problem in report.problems:
            _echo_problem(problem, lines.get((problem.path, problem.line)))
        click.echo(report.summary())
    sys.exit(1 if report.failed else 0)


def _source_lines(report) -> dict[tuple[str, int], str]:
    lines: dict[tuple[str, int], str] = {}
    for result in report.results:
        try:
            text = result.ref.yaml_path.read_text("utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for problem in result.problems:
            if 0 < problem.line <= len(text):
                lines[(problem.path, problem.line)] = text[problem.line - 1]
    return lines


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("briefs", nargs=-1)
@click.option(
    "--format",
    "formats",
    type=click.Choice(["pdf", "html"]),
    multiple=True,
    help="Output format; repeat for both (default: pdf and html).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (default: build/).",
)
@click.option("--strict", is_flag=True, help="Treat warnings (fact sheet and rendering) as errors.")
@click.option(
    "--pdf-variant",
    type=click.Choice(["pdf/a-2b", "pdf/a-3b", "pdf/a-2u", "pdf/a-3u", "pdf/ua-1"]),
    help="Write a PDF/A (archival) or PDF/UA (accessible) file.",
)
@click.option("--force", is_flag=True, help="Render every brief, even those that did not change.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Render processes to run at once (default: one per CPU).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only problems, failures and the summary.")
@click.option("-v", "--verbose", is_flag=True, help="Also list up-to-date files; no progress bar.")
@click.pass_obj
def build(
    obj: Context,
    briefs: tuple[str, ...],
    formats: tuple[str, ...],
    out_dir: Path | None,
    strict: bool,
    pdf_variant: str | None,
    force: bool,
    jobs: int | None,
    quiet: bool,
    verbose: bool,
) -> None:
    """Render briefs to build/<id>.pdf and build/<id>.html.

    BRIEFS are ids or paths; every brief when none is given (the bundled
    example when the folder has no briefs/). Briefs with errors are reported
    and skipped; the others are still built, and the exit status is 1.
    Briefs whose files did not change since the last build are not rendered
    again (the cache is build/.cache/; --force ignores it); their problems
    are reported again. Docs: docs/performance.md.

    \b
    Examples:
      briefgen build
      briefgen build moscow-quadrilateral-talks-2023 --format pdf
      briefgen build --out /srv/share/briefs --strict
      briefgen build --jobs 4 --force
    """
    from briefgen.build import BuildInterrupted, BuildOptions, build_workspace, ensure_formats
    from briefgen.errors import ProblemsFound
    from briefgen.progress import Reporter

    workspace = obj.workspace()
    settings_failed = any(p.severity == "error" for p in workspace.settings_problems)
    if not settings_failed:  # with errors, build_workspace raises them once, below
        for problem in workspace.settings_problems:
            _echo_problem(problem)
    reporter = Reporter("building")

    def report(outcome) -> None:
        for problem in outcome.problems:
            _echo_problem(problem, echo=reporter.echo)
        if not quiet:
            for written in outcome.written:
                reporter.echo(f"wrote {workspace.display(written.path)} ({written.seconds:.2f} s)")
        if verbose:
            for path in outcome.up_to_date:
                reporter.echo(f"up to date: {workspace.display(path)}")
        if outcome.failed:
            kept = ", ".join(workspace.display(p) for p in outcome.kept_previous)
            note = f"; kept the previous {kept}" if kept else ""
            why = f": {outcome.error}" if outcome.error else " was not built"
            reporter.echo(f"failed: {outcome.ref.id}{why}{note}", err=True)

    try:
        options = BuildOptions(
            formats=ensure_formats(formats),
            out_dir=(Path.cwd() / out_dir) if out_dir else None,
            strict=strict,
            pdf_variant=pdf_variant,
            force=force,
            jobs=jobs,
        )
        with reporter:
            result = build_workspace(
                workspace,
                briefs,
                options,
                on_outcome=report,
                on_progress=lambda done, total, o: reporter.advance(done, total, o.ref.id),
                on_start=lambda total: reporter.start(total, quiet=quiet, verbose=verbose),
            )
    except ProblemsFound as exc:
        for problem in exc.problems:
            _echo_problem(problem)
        fail(BriefgenError("briefgen.yaml has errors", "fix them and build again"))
        return
    except BriefgenError as exc:
        fail(exc)
        return
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (BuildInterrupted)
        signum = exc.signum if isinstance(exc, BuildInterrupted) else 2
        click.echo(
            "interrupted: the files written so far are complete and no partial file was "
            "left; run the build again to finish",
            err=True,
        )
        sys.exit(128 + signum)
    if verbose and result.workers:
        plural = "es" if result.workers > 1 else ""
        click.echo(f"rendered in {result.workers} worker process{plural}")
    click.echo(result.summary())
    sys.exit(1 if result.failed else 0)


@cli.command(context_settings=CONTEXT_SETTINGS)
def doctor() -> None:
    """Report which optional pieces are installed and what a missing one costs.

    Exit status 1 when PDF builds cannot work (WeasyPrint or the fonts are
    missing); a missing optional piece (e.g. libharfbuzz-subset0, which makes
    PDFs about 27 % faster) is reported with the command that installs it.

    \b
    Examples:
      briefgen doctor
    """
    from briefgen.doctor import environment_line, run_probes

    click.echo(environment_line())
    findings = run_probes()
    for finding in findings:
        colour = {"ok": "green", "missing": "yellow", "error": "red"}[finding.status]
        line = finding.format()
        click.echo(click.style(line, fg=colour) if sys.stdout.isatty() else line)
    sys.exit(1 if any(f.status == "error" for f in findings) else 0)


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("which", type=click.Choice(["brief", "workspace"]), default="brief")
def schema(which: str) -> None:
    """Print the JSON Schema of brief.yaml (default) or briefgen.yaml.

    \b
    Examples:
      briefgen schema > .briefgen/brief.schema.json
      briefgen schema workspace
    Then start brief.yaml with:
      # yaml-language-server: $schema=../../.briefgen/brief.schema.json
    """
    from briefgen.schema import schema_text

    click.echo(schema_text(which), nl=False)


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("brief_id")
@click.option(
    "--from",
    "article",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=None,
    help="Draft the fact sheet from this article (plain text; - for standard input).",
)
@click.option("--date", help="Date of the article, YYYY-MM-DD (default: found in the text).")
@click.option("--publisher", help="Publisher of the article (default: its closing 'Source:' line).")
@click.option("--url", help="Web address of the article.")
@click.pass_obj
def new(
    obj: Context,
    brief_id: str,
    article: Path | None,
    date: str | None,
    publisher: str | None,
    url: str | None,
) -> None:
    """Create briefs/BRIEF_ID/brief.yaml, optionally drafted from an article.

    \b
    Examples:
      briefgen new gulf-summit-2024
      briefgen new moscow-talks --from article.txt --date 2023-05-10
      pbpaste | briefgen new moscow-talks --from -
    """
    from briefgen.newbrief import create_brief

    article_bytes = None
    article_name = None
    if article is not None:
        if str(article) == "-":
            article_bytes = sys.stdin.buffer.read()
            article_name = "article.txt"
        else:
            try:
                article_bytes = article.read_bytes()
            except OSError as exc:
                fail(BriefgenError(f"cannot read {article}: {exc.strerror}", "check the path"))
                return
            article_name = article.name
    try:
        result = create_brief(
            obj.workspace().root,
            brief_id,
            article_bytes=article_bytes,
            article_name=article_name,
            date=date,
            publisher=publisher,
            url=url,
        )
    except BriefgenError as exc:
        fail(exc)
        return
    click.echo(f"wrote {obj.workspace().display(result.brief_path)}")
    for note in result.notes:
        click.echo(f"note: {note}")


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; anything but loopback lets other machines read the briefs.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the index in a web browser.")
@click.pass_obj
def serve(obj: Context, port: int, host: str, open_browser: bool) -> None:
    """Preview the workspace in a browser; pages reload themselves when you save.

    Serves an index of the briefs and each brief's page, rebuilt from the
    files on disk. A brief with errors shows them (file:line:col and the
    line) until the next good save. "PDF" renders the PDF on demand.
    Ctrl-C stops the server.

    \b
    Examples:
      briefgen serve                 http://127.0.0.1:8000/
      briefgen serve --port 8001 --open
      briefgen -C ~/briefs serve
    """
    from briefgen.serve import ServeOptions, run_server

    try:
        root = obj.workspace().root
        run_server(ServeOptions(root, host=host, port=port, open_browser=open_browser), click.echo)
    except BriefgenError as exc:
        fail(exc)


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("briefs", nargs=-1)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Site folder, replaced as a whole on success (default: site/).",
)
@click.option(
    "--base-url",
    help="Absolute address of the site, for feed.xml and sitemap.xml only "
    "(default: site.base_url in briefgen.yaml).",
)
@click.option("--force", is_flag=True, help="Render every brief, even those that did not change.")
@click.option(
    "--format",
    "formats",
    type=click.Choice(["pdf", "html"]),
    multiple=True,
    help="html: brief pages only, no PDFs (much faster); default: pdf and html.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only problems, failures and the summary.")
@click.option("-v", "--verbose", is_flag=True, help="Plain lines only, no progress bar.")
@click.pass_obj
def publish(
    obj: Context,
    briefs: tuple[str, ...],
    out_dir: Path | None,
    base_url: str | None,
    force: bool,
    formats: tuple[str, ...],
    quiet: bool,
    verbose: bool,
) -> None:
    """Publish the briefs as a static web site (index, search, brief pages, PDFs, feed).

    BRIEFS are ids or paths; the site then holds only those (default: every
    brief). The site works from any web server sub-path and from file://.
    Briefs that did not change are copied from the previous site. A brief with
    errors is reported and left out of the listings (its previous pages stay
    reachable at their address); the others are published and the exit
    status is 1. Docs: docs/publish.md.

    \b
    Examples:
      briefgen publish
      briefgen publish --out /srv/intranet/desk/briefs --base-url https://intranet/desk/briefs/
      briefgen publish --force
      briefgen publish --format html
      briefgen publish moscow-quadrilateral-talks-2023 --out /tmp/preview
    """
    from briefgen.errors import ProblemsFound
    from briefgen.progress import Reporter
    from briefgen.publish import BriefPublishOutcome, PublishOptions, publish_site

    if base_url is not None and not base_url.startswith(("http://", "https://")):
        fail(
            BriefgenError(
                f"--base-url {base_url} is not an http(s) address",
                "for example --base-url https://intranet.example/desk/briefs/",
            )
        )
        return
    workspace = obj.workspace()
    for problem in workspace.settings_problems:
        _echo_problem(problem)

    reporter = Reporter("publishing")

    def report(outcome: BriefPublishOutcome) -> None:
        for problem in outcome.problems:
            _echo_problem(problem, echo=reporter.echo)
        if outcome.status == "rendered":
            if not quiet:
                reporter.echo(f"rendered {outcome.ref.id} ({outcome.seconds:.2f} s)")
        elif outcome.status == "unchanged":
            if not quiet:
                reporter.echo(f"unchanged {outcome.ref.id} (copied from the previous site)")
        else:
            note = "; its previous pages stay at their address" if outcome.kept_previous else ""
            reporter.echo(f"failed: {outcome.ref.id} was left out of the site{note}", err=True)

    def progress(done: int, total: int, brief_id: str) -> None:
        if done == 1:  # the total is known once the briefs are checked
            reporter.start(total, quiet=quiet, verbose=verbose)
        reporter.advance(done, total, brief_id)

    try:
        options = PublishOptions(
            out_dir=(Path.cwd() / out_dir) if out_dir else None,
            base_url=base_url,
            force=force,
            formats=formats or ("pdf", "html"),
        )
        with reporter:
            result = publish_site(
                workspace, briefs, options, on_outcome=report, on_progress=progress
            )
    except ProblemsFound as exc:
        for problem in exc.problems:
            _echo_problem(problem)
        fail(BriefgenError("briefgen.yaml has errors", "fix them and publish again"))
        return
    except BriefgenError as exc:
        fail(exc)
        return
    where = workspace.display(result.out_dir)
    counts = f"{result.count('rendered')} rendered, {result.count('unchanged')} unchanged"
    if result.published:
        click.echo(f"published {where}/index.html: {counts}, {result.count('failed')} failed")
    else:
        click.echo(f"nothing to publish: every brief failed; {where} was left as it was", err=True)
    sys.exit(1 if result.failed else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
