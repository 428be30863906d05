"""``briefgen publish``: the briefs as a static intranet site (no server code, no other origin)."""

from __future__ import annotations

from briefgen.publish.site import (
    BriefPublishOutcome,
    PublishOptions,
    PublishReport,
    publish_site,
)

__all__ = ["BriefPublishOutcome", "PublishOptions", "PublishReport", "publish_site"]
