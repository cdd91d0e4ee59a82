"""Query parameters shared by the controllers (Litestar 2.25's explicit style)."""

from __future__ import annotations

from typing import Annotated

from litestar.params import QueryParameter

Offset = Annotated[int, QueryParameter(ge=0, description="Rows to skip")]
Limit = Annotated[int, QueryParameter(ge=1, le=1000, description="Rows per page (1–1000)")]
