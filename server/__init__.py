"""The branch server: one Litestar process that owns the data folder."""

from .app import create_app
from .settings import Settings

__all__ = ["Settings", "create_app"]
