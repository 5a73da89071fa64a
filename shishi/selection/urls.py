from django.urls import path

from . import views

app_name = "selection"

urlpatterns = [
    path("", views.index, name="index"),
    path("<id:region>/<year:year>/proposals/", views.proposals, name="proposals"),
    path("<id:region>/<year:year>/poster/", views.poster, name="poster"),
    path("proposals/<id:pk>/", views.proposal, name="proposal"),
    path("<id:region>/<year:year>/candidates/", views.candidates, name="candidates"),
    path("<id:region>/<year:year>/candidates/new/", views.candidate_edit, name="candidate_new"),
    path("<id:region>/<year:year>/candidates/<id:pk>/", views.candidate_edit, name="candidate_edit"),
    path("<id:region>/<year:year>/draft-plan/", views.draft_plan, name="draft_plan"),
    path("<id:region>/<year:year>/votes/new/", views.vote_rules, name="vote_new"),
    path("<id:region>/<year:year>/votes/<id:pk>/rules/", views.vote_rules, name="vote_rules"),
    path("votes/<id:pk>/", views.vote, name="vote"),
    path("votes/<id:pk>/count/", views.vote_count, name="vote_count"),
    path("votes/<id:pk>/ballot.docx", views.vote_document, {"kind": "ballot"}, name="ballot"),
    path(
        "votes/<id:pk>/announcement.docx", views.vote_document, {"kind": "announcement"}, name="announcement"
    ),
    path("<id:region>/satisfaction/", views.satisfaction_list, name="satisfaction_list"),
    path("plans/<id:plan>/satisfaction/new/", views.rating_rules, name="satisfaction_new"),
    path("plans/<id:plan>/satisfaction/<id:pk>/rules/", views.rating_rules, name="satisfaction_rules"),
    path("satisfaction/<id:pk>/", views.satisfaction, name="satisfaction"),
    path("satisfaction/<id:pk>/count/", views.satisfaction_count, name="satisfaction_count"),
    path("satisfaction/<id:pk>/ballot.docx", views.rating_document, {"kind": "ballot"}, name="rating_ballot"),
    path("satisfaction/<id:pk>/result.docx", views.rating_document, {"kind": "result"}, name="rating_result"),
    path("<str:kind>/<id:pk>/tally/", views.tally_upload, name="tally_upload"),
    path("<str:kind>/<id:pk>/tally.pdf", views.tally_download, name="tally_download"),
    path("<str:kind>/<id:pk>/tally.csv", views.tally_csv, name="tally_csv"),
    path("propose/<id:region>/<year:year>/", views.propose, name="propose"),
    path("receipt/", views.receipt, name="receipt"),
    path("survey/<id:pk>/", views.survey, name="survey"),
    path("satisfaction/<id:pk>/survey/", views.survey_toggle, name="survey_toggle"),
]
