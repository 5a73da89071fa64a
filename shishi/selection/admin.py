"""The selection in Django's admin, to look at only: proposals, candidates, rules and counts change
through the pages, whose services check them and write the history."""

from django.contrib import admin

from .models import Candidate, Proposal, SatisfactionSession, VoteSession


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Proposal)
class ProposalAdmin(ReadOnly):
    list_display = ["title", "region", "year", "source", "status", "created_at"]
    list_filter = ["status", "source", "year"]
    search_fields = ["title", "receipt"]


@admin.register(Candidate)
class CandidateAdmin(ReadOnly):
    list_display = ["title", "region", "year", "ballot_order"]
    list_filter = ["year"]


@admin.register(VoteSession)
class VoteSessionAdmin(ReadOnly):
    list_display = ["title", "region", "year", "mode", "counted_at"]


@admin.register(SatisfactionSession)
class SatisfactionSessionAdmin(ReadOnly):
    list_display = ["title", "plan", "counted_at"]
