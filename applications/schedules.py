from django_q.models import Schedule

from jobtracker.schedules import ScheduleSpec

SCHEDULES = [
    ScheduleSpec(
        name="applications: Google Sheets sync",
        func="applications.tasks.sync_all_sheets",
        schedule_type=Schedule.HOURLY,
    ),
    ScheduleSpec(
        name="applications: daily task email",
        func="applications.tasks.send_task_emails",
        schedule_type=Schedule.HOURLY,  # each user's goes out in the hour after SEND_FROM_HOUR
    ),
]
