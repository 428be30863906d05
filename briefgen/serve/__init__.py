"""``briefgen serve``: a local preview of the workspace that reloads itself as the analyst types.

``routes`` decides what may be asked for, ``site`` builds the answers from the
files on disk, ``views`` renders the preview's own pages and problems, ``watch``
notices saves, ``server`` speaks HTTP and stops cleanly.
"""

from __future__ import annotations

from briefgen.serve.server import ServeOptions, run_server

__all__ = ["ServeOptions", "run_server"]
