from .access import can_import_notices


def unread_notices(request):
    """The top bar's figures: unread in-app notices, and whether to offer the import link."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    return {
        "unread_notice_count": user.notices.filter(read_at__isnull=True).count(),
        "can_import": can_import_notices(user),
    }
