"""URLconf for `manage.py bench`: the real URLs plus a bare view as the reference."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

from jobtracker.urls import urlpatterns as project_urlpatterns


@login_not_required
def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("__bench__/bare/", bare), *project_urlpatterns]
