from django.urls import path

from ecm.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-in/code/", views.sign_in_code, name="sign-in-code"),
    path("sign-in/set-up/", views.set_up, name="set-up"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("account/recovery-codes/", views.recovery_codes, name="recovery-codes"),
    path("account/security/", views.security, name="security"),
    path("password/forgotten/", views.password_reset, name="password-reset"),
    path("password/sent/", views.password_reset_sent, name="password-reset-sent"),
    path("password/set/<uidb64>/<token>/", views.password_set, name="password-set"),
    path("password/done/", views.password_set_done, name="password-set-done"),
]
