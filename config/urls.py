from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from kelurahan.forms import LoginForm
from kelurahan.views import PasswordChangeView

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("kpm/", include("kpm.urls")),
    path("stunting/", include("stunting.urls")),
    path("", include("kelurahan.urls")),
]
