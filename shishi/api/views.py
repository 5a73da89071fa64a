"""Pages: a person's API tokens, the API documentation's assets, and a vote's or satisfaction
vote's counts as XLSX (the exporter base lies above the selection app, so its download is here)."""

from __future__ import annotations

import io
from pathlib import Path

import ninja
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from shishi.selection.views.common import counted_session

from .forms import TokenForm
from .tallies import XLSX, tally_table
from .tokens import TokenError, create_token, revoke_token

# -- API tokens ---------------------------------------------------------------------------------------


@login_required
@never_cache
def tokens(request):
    new_token = None
    error = ""
    if request.method == "POST":
        form = TokenForm(request.POST)
        form.is_valid()  # the name is taken as typed: create_token names what it refuses
        try:
            token, new_token = create_token(request.user, form.cleaned_data["name"])
        except TokenError as exc:
            error = str(exc)
    # The new token is shown in this response only (never stored, never redirected with).
    return render(
        request,
        "api/tokens.html",
        {
            "tokens": request.user.api_tokens.all(),
            "new_token": new_token,
            "error": error,
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def token_revoke(request, pk: int):
    try:
        token = revoke_token(request.user, pk)
    except TokenError as exc:
        raise Http404 from exc
    messages.success(request, _("令牌“%(name)s”已停用。") % {"name": token.name})
    return redirect("api:tokens")


# -- the API documentation's assets ---------------------------------------------------------------

NINJA_STATIC = Path(ninja.__file__).parent / "static" / "ninja"
DOCS_ASSETS = {
    "swagger-ui.css": "text/css",
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui-init.js": "text/javascript",
    "favicon.svg": "image/svg+xml",
    "favicon.png": "image/png",
}


def docs_asset(request, name: str):
    """Swagger UI's files from django-ninja's package: ninja is not an installed app, so the static
    files finders do not see them, and the documentation must work without a CDN."""
    if name not in DOCS_ASSETS:
        raise Http404
    response = FileResponse((NINJA_STATIC / name).open("rb"), content_type=DOCS_ASSETS[name])
    response["Cache-Control"] = "public, max-age=86400"
    return response


# -- a vote's counts as XLSX ----------------------------------------------------------------------


@login_required
def tally_xlsx(request, kind: str, pk: int):
    """The counts of a vote or satisfaction vote as XLSX (formula-safe), once counted: for whoever
    reads the session (selection.views.common, which asks access.py)."""
    session, _back = counted_session(request, kind, pk)
    if not session.locked:
        raise Http404
    return FileResponse(
        io.BytesIO(tally_table(session).to_xlsx()),
        as_attachment=True,
        filename=f"{session.title}计票结果.xlsx",
        content_type=XLSX,
    )
