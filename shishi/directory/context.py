from django.utils import timezone

from .access import (
    can_import_notices,
    may_manage_plans,
    may_manage_selection,
    may_propose_as_deputy,
    may_run_votes,
    may_supervise,
    offers_api_tokens,
)
from .models import Person

# The role as the header names it, once and short ("桓台县妇儿工委办公室 · 协调员"): the roles'
# full names (Person.Role) stay as they are for forms and the admin.
ROLE_SHORT = {
    Person.Role.ADMIN: "系统管理员",
    Person.Role.CITY_COORDINATOR: "市级协调员",
    Person.Role.COORDINATOR: "协调员",
    Person.Role.LEADER: "领导",
    Person.Role.SUPERVISOR: "督查室",
    Person.Role.REPORTER: "填报员",
    Person.Role.CONGRESS: "人大",
    Person.Role.DEPUTY: "人大代表",
}


def unread_notices(request):
    """The top bar's figures and menu: unread in-app messages, the person's short role name, and
    which of the daily pages their role has (decided in access.py)."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    selects = may_manage_selection(user)
    deputy = may_propose_as_deputy(user)
    return {
        "unread_notice_count": user.notices.filter(read_at__isnull=True).count(),
        "can_import": can_import_notices(user),
        "role_short": ROLE_SHORT.get(user.role, user.get_role_display()),
        "menu_manages": may_manage_plans(user),
        "menu_supervises": may_supervise(user),
        "menu_tokens": offers_api_tokens(user),
        # 征集与票决 for the office; 票决 and 满意度测评 for the congress's staff, who run the
        # votes of their region but not the proposals; 提建议 and 我的建议 for deputies.
        "menu_selects": selects,
        "menu_votes": may_run_votes(user) and not selects and user.region_id is not None,
        "menu_deputy": deputy,
        "propose_year": timezone.localdate().year + 1 if deputy else None,
    }
