from django_q.models import Schedule

from jobtracker.schedules import ScheduleSpec

SCHEDULES = [
    ScheduleSpec(
        name="boards: enqueue due scans",
        func="boards.tasks.enqueue_due_boards",
        schedule_type=Schedule.MINUTES,
        minutes=1,
    ),
    ScheduleSpec(
        name="boards: new-jobs digest",
        func="boards.tasks.send_digests",
        schedule_type=Schedule.HOURLY,
    ),
]
