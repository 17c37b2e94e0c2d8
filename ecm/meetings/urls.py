from django.urls import path

from ecm.meetings import views

app_name = "meetings"

# Included under meetings/. Addresses hold ids only, never a name.
urlpatterns = [
    path("attendance/", views.attendance_over_time, name="attendance"),
    path("children/<int:child_id>/", views.child_meetings, name="child"),
    path("children/<int:child_id>/schedule/", views.schedule, name="schedule"),
    path("<int:meeting_id>/", views.detail, name="detail"),
    path("<int:meeting_id>/invite/", views.invite, name="invite"),
    path("<int:meeting_id>/record/", views.record, name="record"),
    path("<int:meeting_id>/actions/add/", views.action_add, name="action-add"),
    path("<int:meeting_id>/actions/<int:action_id>/done/", views.action_done, name="action-done"),
    path("<int:meeting_id>/tier/", views.tier, name="tier"),
    path("<int:meeting_id>/cancel/", views.cancel, name="cancel"),
    path("<int:meeting_id>/pack.pdf", views.pack_pdf, name="pack"),
    path("invitations/<int:invitation_id>/", views.invitation, name="invitation"),
]
