from django.urls import path

from ecm.formulation import views

app_name = "formulation"

# Included under children/<int:child_id>/formulation/. Addresses hold ids only.
urlpatterns = [
    path("", views.index, name="index"),
    path("start/", views.start, name="start"),
    path("shared/", views.shared, name="shared"),
    path("<int:report_id>/", views.detail, name="detail"),
    path("<int:report_id>/edit/", views.edit, name="edit"),
    path(
        "<int:report_id>/recommendations/add/", views.recommendation_add, name="recommendation-add"
    ),
    path(
        "<int:report_id>/recommendations/<int:recommendation_id>/",
        views.recommendation_edit,
        name="recommendation-edit",
    ),
    path(
        "<int:report_id>/recommendations/<int:recommendation_id>/remove/",
        views.recommendation_remove,
        name="recommendation-remove",
    ),
    path("<int:report_id>/submit/", views.submit, name="submit"),
    path("<int:report_id>/approve/", views.approve, name="approve"),
    path("<int:report_id>/revise/", views.revise, name="revise"),
    path("<int:report_id>/changes/", views.changes, name="changes"),
    path("<int:report_id>/report.pdf", views.pdf, name="pdf"),
    path("<int:report_id>/report.docx", views.docx, name="docx"),
]
