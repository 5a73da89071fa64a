def unread_notices(request):
    """How many in-app notices the signed-in person has not read (shown in the top bar)."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    return {"unread_notice_count": user.notices.filter(read_at__isnull=True).count()}
