from django.urls import path

from curation import views

app_name = "curation"

urlpatterns = [
    path("curation/", views.curation_queue, name="curation-queue"),
    path("curation/propose/", views.curation_propose, name="curation-propose"),
    path("curation/<str:kind>/<int:pk>/review/", views.curation_review, name="curation-review"),
    path(
        "curation/entries/<str:kind>/<int:pk>/review/",
        views.curation_review_entry,
        name="curation-review-entry",
    ),
]
