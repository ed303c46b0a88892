from django.urls import path

from . import views

app_name = "boards"

urlpatterns = [
    path("boards/", views.board_list, name="board-list"),
    path("jobs/", views.job_list, name="job-list"),
]
