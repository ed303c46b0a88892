from django.urls import path

from .views import boards, jobs

app_name = "boards"

urlpatterns = [
    path("boards/", boards.board_list, name="board-list"),
    path("boards/new/", boards.board_create, name="board-create"),
    path("boards/add/", boards.board_quick_add, name="board-quick-add"),
    path("boards/detect/", boards.board_detect, name="board-detect"),
    path("boards/digest/", boards.digest_toggle, name="digest-toggle"),
    path("boards/companies/", boards.company_rule_create, name="company-rule-create"),
    path(
        "boards/companies/<int:pk>/delete/", boards.company_rule_delete, name="company-rule-delete"
    ),
    path("boards/<int:pk>/", boards.board_detail, name="board-detail"),
    path("boards/<int:pk>/edit/", boards.board_edit, name="board-edit"),
    path("boards/<int:pk>/toggle/", boards.board_toggle, name="board-toggle"),
    path("boards/<int:pk>/delete/", boards.board_delete, name="board-delete"),
    path("boards/<int:pk>/scan/", boards.board_scan, name="board-scan"),
    path("boards/<int:pk>/scan/status/", boards.board_scan_status, name="board-scan-status"),
    path("jobs/", jobs.job_list, name="job-list"),
    path("jobs/bulk/", jobs.job_bulk, name="job-bulk"),
    path("jobs/<int:pk>/", jobs.job_detail, name="job-detail"),
    path("jobs/<int:pk>/hide/", jobs.job_hide, name="job-hide"),
]
