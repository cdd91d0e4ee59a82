"""Every call to the server goes through ``send``: errors become what the user should
see (a banner, a sign-in, a notification), never an exception that ends the app.

Textual kills the app when a worker raises, so this is the one place that decides what
each failure means:

- the server cannot be reached → the offline banner, and a probe every few seconds
  that clears it and reloads the screen when the server is back;
- the session ended (401) → sign-in opens over the current screen, keeping its input;
- anything else the server refuses → an error notification in the user's language,
  except the refusals a caller asks for (``refusals=``): a form shows field errors or a
  stale version in place, so those are raised to it instead."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import httpx
import msgspec

from branchdesk import i18n
from branchdesk.errors import (
    BranchDeskError,
    Forbidden,
    NotFound,
    ServerUnavailable,
    Unauthorized,
)
from branchdesk.remote import Call

if TYPE_CHECKING:
    from .app import BranchDeskApp

T = TypeVar("T")


async def send(
    app: BranchDeskApp, call: Call[T], *, refusals: tuple[type[BranchDeskError], ...] = ()
) -> T | None:
    """The decoded answer, or None when the call failed (the user has been told).
    ``refusals``: errors the caller shows itself (e.g. ``Invalid``, ``Conflict``)."""
    try:
        result = await app.api.send(call)
    except ServerUnavailable:
        app.went_offline()
        return None
    except Unauthorized:
        app.session_ended()
        return None
    except refusals:
        if app.offline:
            app.came_back()  # the server answered, so it is reachable again
        raise
    except Forbidden as exc:
        app.notify(
            i18n.t("tui.forbidden", app.lang, detail=str(exc)), severity="error", markup=False
        )
        return None
    except NotFound as exc:
        app.notify(
            i18n.t("tui.not_found", app.lang, detail=str(exc)), severity="error", markup=False
        )
        return None
    except (BranchDeskError, httpx.HTTPError, msgspec.DecodeError) as exc:
        app.notify(i18n.t("tui.refused", app.lang, detail=str(exc)), severity="error", markup=False)
        return None
    if app.offline:
        app.came_back()
    return result


async def submit(app: BranchDeskApp, call: Call[T]) -> T | BranchDeskError | None:
    """For a form: the answer, or the refusal itself (so the form stays open and says
    why), or None when the server is gone or the session ended (handled as in ``send``)."""
    try:
        return await send(app, call, refusals=(BranchDeskError,))
    except BranchDeskError as exc:
        return exc
