from django_q.models import Schedule

from jobtracker.schedules import ScheduleSpec

SCHEDULES = [
    ScheduleSpec(
        name="boards: enqueue due scans",
        func="boards.tasks.enqueue_due_boards",
        schedule_type=Schedule.MINUTES,
        minutes=1,
    ),
]
