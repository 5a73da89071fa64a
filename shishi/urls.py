from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path, register_converter
from django.views.generic import RedirectView

from shishi.bounds import CONVERTERS
from shishi.desk import views as desk
from shishi.directory import views as directory
from shishi.directory.throttle import ThrottledLoginView

# Numbers in paths, bounded (<id:pk>, <year:year>, <quarter:quarter>, <number:number>): Django's <int:…>
# takes any digits, and an id past the database's range broke the page instead of finding nothing.
for name, converter in CONVERTERS.items():
    register_converter(converter, name)

urlpatterns = [
    path("", desk.home, name="home"),
    path("desk/", include("shishi.desk.urls")),
    # Browsers ask for /favicon.ico whatever the page's link says.
    path("favicon.ico", RedirectView.as_view(url=static("favicon.ico"), permanent=True)),
    path("login/", ThrottledLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("notices/", directory.notices, name="notices"),
    path("notices/read/", directory.notices_read, name="notices_read"),
    path("plans/", include("shishi.plans.urls")),
    path("plans/", include("shishi.oversight.urls")),
    path("", include("shishi.reporting.urls")),
    path("documents/", include("shishi.documents.urls")),
    path("bulletins/", include("shishi.bulletins.urls")),
    path("supervision/", include("shishi.supervision.urls")),
    path("compare/", include("shishi.comparisons.urls")),
    path("public/", include("shishi.public.urls")),
    path("selection/", include("shishi.selection.urls")),
    # Exports kept their address under /api/ when they became an app of their own.
    path("api/exports/", include("shishi.exports.urls")),
    path("api/", include("shishi.api.urls")),
    # The admin's own log-in page knows nothing of the lock: its visitors sign in at ours.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
]
