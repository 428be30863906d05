"""``briefgen check``: every problem of every brief (and of briefgen.yaml), in one run."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.errors import Problem, count_by_severity, plural
from briefgen.factsheet import BriefResult, read_brief
from briefgen.workspace import Workspace, select_briefs


@dataclass(frozen=True)
class CheckReport:
    results: tuple[BriefResult, ...]
    settings_problems: tuple[Problem, ...]
    strict: bool = False

    @property
    def problems(self) -> list[Problem]:
        found = list(self.settings_problems)
        for result in self.results:
            found.extend(result.problems)
        if self.strict:
            found = [p.as_error() for p in found]
        return found

    @property
    def failed(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def summary(self) -> str:
        errors, warnings = count_by_severity(self.problems)
        checked = plural(len(self.results), "brief")
        return f"{checked} checked: {plural(errors, 'error')}, {plural(warnings, 'warning')}"


def check_workspace(
    workspace: Workspace, names: Sequence[str] = (), *, strict: bool = False
) -> CheckReport:
    results = tuple(
        read_brief(ref, workspace, for_render=False)
        for ref in select_briefs(workspace, list(names))
    )
    return CheckReport(results, workspace.settings_problems, strict)
