from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark and load harness behind `manage.py bench`. No app imports it."""

    name = "bench"
    verbose_name = "Benchmarks"
