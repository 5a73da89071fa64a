from django.urls import path

from .views import proposals, public, ratings, votes

app_name = "selection"

urlpatterns = [
    path("", proposals.index, name="index"),
    path("<id:region>/<year:year>/proposals/", proposals.proposals, name="proposals"),
    path("<id:region>/<year:year>/poster/", proposals.poster, name="poster"),
    path("proposals/<id:pk>/", proposals.proposal, name="proposal"),
    path("<id:region>/<year:year>/candidates/", proposals.candidates, name="candidates"),
    path("<id:region>/<year:year>/candidates/new/", proposals.candidate_edit, name="candidate_new"),
    path("<id:region>/<year:year>/candidates/<id:pk>/", proposals.candidate_edit, name="candidate_edit"),
    path("<id:region>/<year:year>/draft-plan/", proposals.draft_plan, name="draft_plan"),
    path("<id:region>/<year:year>/votes/new/", votes.vote_rules, name="vote_new"),
    path("<id:region>/<year:year>/votes/<id:pk>/rules/", votes.vote_rules, name="vote_rules"),
    path("votes/<id:pk>/", votes.vote, name="vote"),
    path("votes/<id:pk>/count/", votes.vote_count, name="vote_count"),
    path("votes/<id:pk>/ballot.docx", votes.vote_document, {"kind": "ballot"}, name="ballot"),
    path(
        "votes/<id:pk>/announcement.docx", votes.vote_document, {"kind": "announcement"}, name="announcement"
    ),
    path("<id:region>/satisfaction/", ratings.satisfaction_list, name="satisfaction_list"),
    path("plans/<id:plan>/satisfaction/new/", ratings.rating_rules, name="satisfaction_new"),
    path("plans/<id:plan>/satisfaction/<id:pk>/rules/", ratings.rating_rules, name="satisfaction_rules"),
    path("satisfaction/<id:pk>/", ratings.satisfaction, name="satisfaction"),
    path("satisfaction/<id:pk>/count/", ratings.satisfaction_count, name="satisfaction_count"),
    path(
        "satisfaction/<id:pk>/ballot.docx", ratings.rating_document, {"kind": "ballot"}, name="rating_ballot"
    ),
    path(
        "satisfaction/<id:pk>/result.docx", ratings.rating_document, {"kind": "result"}, name="rating_result"
    ),
    path("<str:kind>/<id:pk>/tally/", votes.tally_upload, name="tally_upload"),
    path("<str:kind>/<id:pk>/tally.pdf", votes.tally_download, name="tally_download"),
    path("<str:kind>/<id:pk>/tally.csv", votes.tally_csv, name="tally_csv"),
    path("propose/<id:region>/<year:year>/", public.propose, name="propose"),
    path("receipt/", public.receipt, name="receipt"),
    path("survey/<id:pk>/", public.survey, name="survey"),
    path("results/vote/<id:pk>/", public.vote_result_page, name="public_vote"),
    path("results/satisfaction/<id:pk>/", public.satisfaction_result_page, name="public_satisfaction"),
    path("<str:kind>/<id:pk>/publish/", votes.publish, name="publish"),
    path("satisfaction/<id:pk>/survey/", ratings.survey_toggle, name="survey_toggle"),
]
