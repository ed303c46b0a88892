from django_q.models import Schedule

from jobtracker.schedules import ScheduleSpec

SCHEDULES = [
    ScheduleSpec(
        name="applications: Google Sheets sync",
        func="applications.tasks.sync_all_sheets",
        schedule_type=Schedule.HOURLY,
    ),
]
