from .access import can_import_notices, may_manage_plans, may_supervise, offers_api_tokens
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
}


def unread_notices(request):
    """The top bar's figures and menu: unread in-app messages, the person's short role name, and
    which of the daily pages their role has (decided in access.py)."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    return {
        "unread_notice_count": user.notices.filter(read_at__isnull=True).count(),
        "can_import": can_import_notices(user),
        "role_short": ROLE_SHORT.get(user.role, user.get_role_display()),
        "menu_manages": may_manage_plans(user),
        "menu_supervises": may_supervise(user),
        "menu_tokens": offers_api_tokens(user),
    }
