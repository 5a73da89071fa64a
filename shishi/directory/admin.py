from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Person, Region, Unit, UnitAlias


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "level", "parent")
    search_fields = ("name", "code")
    list_filter = ("level",)


class AliasInline(admin.TabularInline):
    model = UnitAlias
    extra = 1


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "email")
    search_fields = ("name", "aliases__name")
    list_filter = ("region",)
    inlines = [AliasInline]


@admin.register(Person)
class PersonAdmin(UserAdmin):
    list_display = ("username", "display_name", "role", "region", "unit", "is_active")
    list_filter = ("role", "region")
    fieldsets = UserAdmin.fieldsets + (
        (_("角色与单位"), {"fields": ("display_name", "role", "region", "unit", "phone")}),
    )
    add_fieldsets = UserAdmin.add_fieldsets + (
        (_("角色与单位"), {"fields": ("display_name", "role", "region", "unit")}),
    )
