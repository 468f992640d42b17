from django.urls import path

from mappings import views

app_name = "mappings"

urlpatterns = [
    path("curation/", views.curation_queue, name="curation-queue"),
    path("curation/<str:kind>/<int:pk>/review/", views.curation_review, name="curation-review"),
]
