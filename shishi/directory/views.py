from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST


@login_required
def notices(request):
    """The person's messages (消息), newest first; the unread ones stand out until marked read."""
    items = list(request.user.notices.all()[:100])
    unread = sum(1 for item in items if item.read_at is None)
    return render(request, "directory/notices.html", {"items": items, "unread": unread})


@login_required
@require_POST
def notices_read(request):
    request.user.notices.filter(read_at__isnull=True).update(read_at=timezone.now())
    return redirect("notices")
