from functools import wraps

from django.http import JsonResponse
from django.urls import path
from django.views.generic import RedirectView

from . import views
from .rest import MESSAGES, api


def _json_405(view):
    """django-ninja answers a method it does not route with a plain-text 405; every error of the
    API is JSON with a Chinese detail."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            refused = JsonResponse(
                {"detail": MESSAGES[405]}, status=405, json_dumps_params={"ensure_ascii": False}
            )
            refused["Allow"] = response["Allow"]
            return refused
        return response

    return wrapper


def _rest_urls():
    patterns, app_name, namespace = api.urls
    return [path(str(p.pattern), _json_405(p.callback), name=p.name) for p in patterns], app_name, namespace


app_name = "api"
urlpatterns = [
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<id:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("docs/assets/<str:name>", views.docs_asset, name="docs_asset"),
    path("tallies/<str:kind>/<id:pk>.xlsx", views.tally_xlsx, name="tally_xlsx"),
    path("", RedirectView.as_view(pattern_name="api:rest:openapi-view"), name="home"),
    # The REST API (rest.py) and its documentation at /api/docs, under the namespace api:rest.
    path("", _rest_urls()),
]
