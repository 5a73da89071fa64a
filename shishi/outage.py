"""When the database is briefly away (a restart, a fail-over), say so instead of "server error".

Connections are health-checked before reuse (settings.DATABASES), so the app heals by itself
once the database is back; until then a person gets 503 with a page that tells them nothing was
saved and to try again in a moment, and the browser's Back button still holds what they typed.
"""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 15


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("database unavailable for %s %s", request.method, request.path, exc_info=exception)
        # Rendered without the request: context processors would ask the database again.
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
