from django.urls import path

from ecm.consent import views

app_name = "consent"

urlpatterns = [
    path("", views.consent_index, name="index"),
    path("record/", views.consent_record, name="record"),
    path("<int:consent_id>/withdraw/", views.consent_withdraw, name="withdraw"),
    path("family/", views.family, name="family"),
    path("family/add/", views.person_add, name="person-add"),
    path("family/<int:person_id>/", views.person_change, name="person-change"),
    path("consent-form.pdf", views.consent_form_pdf, name="consent-form"),
    path("information-sheet.pdf", views.information_sheet_pdf, name="information-sheet"),
]
