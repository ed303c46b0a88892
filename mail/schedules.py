from django_q.models import Schedule

from jobtracker.schedules import ScheduleSpec

SCHEDULES = [
    ScheduleSpec(
        name="email: read mailboxes",
        func="mail.tasks.sync_due_mailboxes",
        schedule_type=Schedule.MINUTES,
        minutes=10,
    ),
]
