from django_q.models import Schedule

from jobtracker.schedules import ScheduleSpec

SCHEDULES = [
    ScheduleSpec(
        name="email: read mailboxes",
        func="ingestion.tasks.sync_due_mailboxes",
        schedule_type=Schedule.MINUTES,
        minutes=10,
    ),
]
