"""The layer rule of DESIGN.md ("Apps, bottom to top"), read from the code itself.

Layers, bottom to top: jobtracker (core) 0, boards 1, applications 2 (with
applications.intake), analysis 3, mail 4 (app label "ingestion"). An app may depend only on
the apps below it, through any channel:

1. Python imports, at any depth in a module, relative ones resolved to absolute names.
2. Strings that name code: dotted module paths ("mail.tasks.sync_mailbox_task"), URL names
   ("analysis:job-analysis"), template paths ("analysis/_job_score.html") and model labels
   ("analysis.Score").
3. Templates: `{% url 'ns:...' %}` namespaces, `{% include %}` / `{% extends %}` folders and
   `{% load %}` libraries.
4. The ORM: following a reverse relation that a higher app's model defines
   (`filter(scores__total__gte=...)`, `prefetch_related("scores")`), or a model pointing at a
   higher app's model.

Who owns what: `templates/<app>/` belongs to that app. `templates/registration/` belongs to
core (Django's auth views and django-axes render it, wired in core's URLconf and settings).
`templates/emails/` belongs to boards: boards/digest.py is the only code that renders it (the
digest of new strong matches). `templates/base.html`, `templates/partials/` and the error pages (`400.html` … `500.html`)
are the shared layout and may name every app, like the composition root (`jobtracker/urls.py`,
`jobtracker/api.py`, `jobtracker/settings*.py`).

Test modules (`<app>/tests/`) are exempt from the layer rule, so they may build data with any
app's factories. No production module may import `bench` (the benchmark harness, which
imports everything), `testkit` (test servers) or a `tests` module.
"""

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from inspect import getsourcefile, getsourcelines
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LAYERS = {"jobtracker": 0, "boards": 1, "applications": 2, "analysis": 3, "mail": 4}
OUTSIDE_APPS = ("bench", "testkit")  # may import anything; no app module imports them
URL_NAMESPACES = {
    "admin": "jobtracker",
    "boards": "boards",
    "applications": "applications",
    "analysis": "analysis",
    "mail": "mail",
}
TEMPLATE_FOLDERS = {
    "jobtracker": "jobtracker",
    "registration": "jobtracker",  # Django's auth views, django-axes' lockout page
    "boards": "boards",
    "emails": "boards",  # rendered only by boards/digest.py
    "applications": "applications",
    "analysis": "analysis",
    "mail": "mail",
}
SHARED_TEMPLATES = ("base.html", "partials/", "400.html", "403.html", "404.html", "500.html")
COMPOSITION_ROOT = ("jobtracker/urls.py", "jobtracker/api.py", "jobtracker/settings*.py")
# Calls whose second positional argument, or ENUM_KEYWORDS argument, is an event kind, a
# status, an actor or a source: always an enum member, never a retyped literal.
ENUM_CALLS = {"record_event", "change_status", "add_manual_event"}
ENUM_MODELS = {"Event", "Application"}  # building a row: Event(kind=...), Application(status=)
ENUM_KEYWORDS = {"kind", "new_status", "status", "actor", "source"}

DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")
URL_NAME = re.compile(r"([\w-]+):[\w-]+")
TEMPLATE_PATH = re.compile(r"([\w-]+)/[\w./-]+\.(?:html|txt)")
TEMPLATE_URL = re.compile(r"""{%-?\s*url\s+(['"])([\w-]+):""")
TEMPLATE_REF = re.compile(r"""{%-?\s*(include|extends)\s+(['"])([^'"]+)\2""")
TEMPLATE_LOAD = re.compile(r"{%-?\s*load\s+([^%]+?)\s*-?%}")
TEMPLATE_TAG = re.compile(r"{{.*?}}|{%.*?%}", re.DOTALL)
TEMPLATE_ATTRIBUTE = re.compile(r"(?<=[\w)\]])\.([A-Za-z_]\w*)")


def layer_violation(source_app: str, target_app: str | None) -> bool:
    if source_app not in LAYERS or target_app not in LAYERS:
        return False  # Django's own apps and third-party apps are outside the layers
    return LAYERS[target_app] > LAYERS[source_app]


def report(violations: Iterable[str]) -> str:
    """One `file:line: what` per line, in file order."""

    def key(violation: str) -> tuple[str, int]:
        path, _, rest = violation.partition(":")
        line = rest.partition(":")[0]
        return path, int(line) if line.isdigit() else 0

    return "\n" + "\n".join(sorted(violations, key=key))


# --- reading the code -----------------------------------------------------------------------


@dataclass(frozen=True)
class Module:
    path: str  # relative to ROOT, e.g. "boards/views/jobs.py"
    name: str  # dotted, e.g. "boards.views.jobs"
    app: str
    tree: ast.Module

    @property
    def package(self) -> str:
        return self.name if self.path.endswith("__init__.py") else self.name.rpartition(".")[0]

    @property
    def is_test(self) -> bool:
        return "tests" in self.path.split("/")[1:-1]

    @property
    def is_composition_root(self) -> bool:
        return any(Path(self.path).match(pattern) for pattern in COMPOSITION_ROOT)


def parse_module(path: str, source: str) -> Module:
    parts = path.removesuffix(".py").split("/")
    if parts[-1] == "__init__":
        parts.pop()
    return Module(path, ".".join(parts), parts[0], ast.parse(source, filename=path))


@cache
def app_modules() -> tuple[Module, ...]:
    files = sorted(f for app in LAYERS for f in (ROOT / app).rglob("*.py"))
    return tuple(
        parse_module(f.relative_to(ROOT).as_posix(), f.read_text(encoding="utf-8")) for f in files
    )


def layered_modules() -> Iterator[Module]:
    """The modules the layer rule binds: production code outside the composition root."""
    for module in app_modules():
        if not module.is_test and not module.is_composition_root:
            yield module


def imported_modules(module: Module) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) for every import anywhere in the module. For
    `from x import y` both "x" and "x.y" are yielded, since y may be a submodule."""
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if node.module:
                yield node.lineno, target
            for alias in node.names:
                yield node.lineno, f"{target}.{alias.name}"


def string_constants(module: Module) -> Iterator[tuple[int, str]]:
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


@cache
def resolves_to_module(dotted: str) -> str | None:
    """The longest prefix of `dotted` (two parts or more) that is a module of this project."""
    parts = dotted.split(".")
    for end in range(len(parts), 1, -1):
        path = ROOT.joinpath(*parts[:end])
        if path.with_suffix(".py").is_file() or (path / "__init__.py").is_file():
            return ".".join(parts[:end])
    return None


def named_app(value: str) -> tuple[str, str] | None:
    """(app, what) when a string names code of an app: a module path, a model label, a URL
    name or a template path."""
    if DOTTED.fullmatch(value):
        if value.split(".")[0] in (*LAYERS, *OUTSIDE_APPS) and (
            module := resolves_to_module(value)
        ):
            return module.split(".")[0], f"dotted path {value!r}"
        if (app := model_app(value)) is not None:
            return app, f"model label {value!r}"
    elif (match := URL_NAME.fullmatch(value)) and match[1] in URL_NAMESPACES:
        return URL_NAMESPACES[match[1]], f"URL name {value!r}"
    elif (match := TEMPLATE_PATH.fullmatch(value)) and match[1] in TEMPLATE_FOLDERS:
        return TEMPLATE_FOLDERS[match[1]], f"template {value!r}"
    return None


def model_app(label: str) -> str | None:
    """The app of the model named "app_label.Model" ("ingestion.Email"), if there is one."""
    try:
        return app_of_model(apps.get_model(label))
    except (LookupError, ValueError):
        return None


@dataclass(frozen=True)
class Template:
    path: str  # relative to ROOT, e.g. "templates/boards/_job_row.html"
    source: str

    @property
    def app(self) -> str | None:
        folder = self.path.split("/")[1]
        return TEMPLATE_FOLDERS.get(folder)

    @property
    def is_shared(self) -> bool:
        return self.path.removeprefix("templates/").startswith(SHARED_TEMPLATES)


def app_templates() -> Iterator[Template]:
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.is_file() and path.suffix in (".html", ".txt"):
            yield Template(path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8"))


@cache
def template_libraries() -> dict[str, str]:
    return {
        path.stem: app
        for app in LAYERS
        for path in (ROOT / app).glob("templatetags/*.py")
        if path.stem != "__init__"
    }


def template_references(template: Template) -> Iterator[tuple[int, str | None, str]]:
    """(line, app, what) for each URL, template and tag library a template names."""

    def line(match: re.Match) -> int:
        return template.source.count("\n", 0, match.start()) + 1

    for match in TEMPLATE_URL.finditer(template.source):
        yield line(match), URL_NAMESPACES.get(match[2]), f"{{% url '{match[2]}:...' %}}"
    for match in TEMPLATE_REF.finditer(template.source):
        folder = match[3].split("/")[0] if "/" in match[3] else None
        yield line(match), TEMPLATE_FOLDERS.get(folder), f"{{% {match[1]} {match[3]!r} %}}"
    for match in TEMPLATE_LOAD.finditer(template.source):
        words = match[1].split()
        names = words[words.index("from") + 1 :] if "from" in words else words
        for name in names:
            yield line(match), template_libraries().get(name), f"{{% load {name} %}}"


# --- the ORM --------------------------------------------------------------------------------


def app_of_model(model) -> str:
    return model._meta.app_config.name


def model_location(model) -> str:
    path = Path(getsourcefile(model)).resolve().relative_to(ROOT).as_posix()
    return f"{path}:{getsourcelines(model)[1]}"


def forward_relations() -> Iterator[tuple[type, object]]:
    """(model, field) for every relation a model of our apps declares (FK, one-to-one, M2M)."""
    for model in apps.get_models():
        if app_of_model(model) not in LAYERS:
            continue
        for field in model._meta.get_fields():
            if field.is_relation and not field.auto_created and field.related_model:
                yield model, field


@cache
def reverse_lookups_from_above() -> dict[str, dict[str, str]]:
    """For each app, the lookup names that would follow a relation declared by a higher app
    into one of its models: {app: {name: "analysis.Score.job"}}."""
    names: dict[str, dict[str, str]] = {app: {} for app in LAYERS}
    for model, field in forward_relations():
        lower = app_of_model(field.related_model)
        if not layer_violation(lower, app_of_model(model)):
            continue
        declared = f"{model._meta.label}.{field.name}"
        for name in (field.related_query_name(), field.remote_field.get_accessor_name()):
            if name and not name.endswith("+"):
                names[lower][name] = declared
    return names


def orm_lookups(module: Module) -> Iterator[tuple[int, str]]:
    """(line, lookup) for keyword argument names, strings that may be lookups
    ("scores__total", "-scores__total") and attributes (`job.scores.all()`)."""
    for node in ast.walk(module.tree):
        if isinstance(node, ast.keyword) and node.arg:
            yield node.value.lineno, node.arg
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value
        elif isinstance(node, ast.Attribute):
            yield node.lineno, node.attr


def template_lookups(template: Template) -> Iterator[tuple[int, str]]:
    """(line, attribute) for each `x.attr` inside `{{ }}` and `{% %}` (`job.scores.all.0`)."""
    for tag in TEMPLATE_TAG.finditer(template.source):
        line = template.source.count("\n", 0, tag.start()) + 1
        for attribute in TEMPLATE_ATTRIBUTE.finditer(tag[0]):
            yield line + tag[0].count("\n", 0, attribute.start()), attribute[1]


def reverse_lookup_violations(path: str, app: str, lookups) -> Iterator[str]:
    forbidden = reverse_lookups_from_above()[app]
    for line, lookup in lookups:
        first = lookup.removeprefix("-").split("__")[0]
        if first in forbidden:
            yield (
                f"{path}:{line}: lookup {lookup!r} follows {forbidden[first]} "
                f"(related name {first!r}) from above {app}"
            )


# --- the checks, one per channel (also used on made-up code below) -------------------------


def import_violations(module: Module) -> Iterator[str]:
    seen = set()
    for line, target in imported_modules(module):
        app = target.split(".")[0]
        if layer_violation(module.app, app) and (line, app) not in seen:
            seen.add((line, app))
            yield f"{module.path}:{line}: imports {target} ({module.app} is below {app})"


def string_violations(module: Module) -> Iterator[str]:
    for line, value in string_constants(module):
        named = named_app(value)
        if named and layer_violation(module.app, named[0]):
            yield f"{module.path}:{line}: names {named[1]} of {named[0]} (above {module.app})"


def template_violations(template: Template) -> Iterator[str]:
    for line, app, what in template_references(template):
        if layer_violation(template.app, app):
            yield f"{template.path}:{line}: {what} reaches {app} (above {template.app})"


def outside_references(module: Module) -> Iterator[tuple[int, str, str]]:
    """(line, verb, module) for each import or dotted path of bench, testkit or a tests
    module, one per line."""
    targets = [(line, "imports", name) for line, name in imported_modules(module)]
    targets += [
        (line, "names", value)
        for line, value in string_constants(module)
        if DOTTED.fullmatch(value) and resolves_to_module(value)
    ]
    seen = set()
    for line, verb, name in targets:
        parts = name.split(".")
        if (parts[0] in OUTSIDE_APPS or "tests" in parts) and line not in seen:
            seen.add(line)
            yield line, verb, name


def outside_violations(module: Module) -> Iterator[str]:
    for line, verb, name in outside_references(module):
        yield f"{module.path}:{line}: {verb} {name} (production code may not)"


def literal_enum_violations(module: Module) -> Iterator[str]:
    for node in ast.walk(module.tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        args = []
        if name in ENUM_CALLS:
            args = node.args[1:2] + [k.value for k in node.keywords if k.arg in ENUM_KEYWORDS]
        elif name in ENUM_MODELS:
            args = [k.value for k in node.keywords if k.arg in ENUM_KEYWORDS]
        for arg in args:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                yield (
                    f"{module.path}:{arg.lineno}: {name}(...) gets the literal {arg.value!r}; "
                    "use the enum member (EventKind.*, Status.*, Actor.*, Source.*)"
                )


# --- the project ----------------------------------------------------------------------------


def test_apps_import_only_apps_below_them():
    violations = [v for m in layered_modules() for v in import_violations(m)]
    assert not violations, report(violations)


def test_strings_name_only_code_urls_templates_and_models_of_apps_below():
    violations = [v for m in layered_modules() for v in string_violations(m)]
    assert not violations, report(violations)


def test_app_templates_reach_only_urls_templates_and_tags_of_apps_below():
    violations = [
        v for t in app_templates() if not t.is_shared and t.app for v in template_violations(t)
    ]
    assert not violations, report(violations)


def test_every_template_folder_has_an_owning_app_or_is_shared():
    unowned = [t.path for t in app_templates() if not t.is_shared and not t.app]
    assert not unowned, report(f"{path}: no app owns this folder" for path in unowned)


def test_apps_never_follow_a_reverse_relation_declared_above_them():
    assert reverse_lookups_from_above()["boards"].get("scores") == "analysis.Score.job"
    in_code = [
        v
        for m in layered_modules()
        for v in reverse_lookup_violations(m.path, m.app, orm_lookups(m))
    ]
    in_templates = [
        v
        for t in app_templates()
        if not t.is_shared and t.app
        for v in reverse_lookup_violations(t.path, t.app, template_lookups(t))
    ]
    assert not in_code + in_templates, report(in_code + in_templates)


def test_models_never_point_at_a_model_of_a_higher_app():
    violations = [
        f"{model_location(model)}: {model._meta.label}.{field.name} points at "
        f"{field.related_model._meta.label} (above {app_of_model(model)})"
        for model, field in forward_relations()
        if layer_violation(app_of_model(model), app_of_model(field.related_model))
    ]
    assert not violations, report(violations)


def test_production_modules_never_import_bench_testkit_or_tests():
    violations = [v for m in app_modules() if not m.is_test for v in outside_violations(m)]
    assert not violations, report(violations)


def test_app_tests_never_import_the_bench_harness():
    violations = [
        f"{m.path}:{line}: {verb} {name} (nothing imports the bench)"
        for m in app_modules()
        if m.is_test
        for line, verb, name in outside_references(m)
        if name.split(".")[0] == "bench"
    ]
    assert not violations, report(violations)


def test_event_kinds_and_statuses_are_passed_as_enum_members():
    violations = [v for m in app_modules() if not m.is_test for v in literal_enum_violations(m)]
    assert not violations, report(violations)


# --- the checks themselves, on made-up code -------------------------------------------------


def lines(violations: Iterable[str]) -> list[int]:
    return sorted(int(v.split(":")[1]) for v in violations)


def test_function_level_imports_count_and_relative_ones_stay_in_their_app():
    module = parse_module(
        "boards/views/jobs.py",
        "from ..queries import jobs_for\n"
        "def view():\n"
        "    from analysis.queries import score_for\n"
        "    import mail.tasks\n",
    )
    assert sorted(import_violations(module)) == [
        "boards/views/jobs.py:3: imports analysis.queries (boards is below analysis)",
        "boards/views/jobs.py:4: imports mail.tasks (boards is below mail)",
    ]


def test_relative_imports_resolve_to_absolute_modules():
    module = parse_module(
        "applications/intake/__init__.py", "from .service import take_in\nfrom .. import panels\n"
    )
    assert sorted(name for _, name in imported_modules(module)) == [
        "applications.intake.service",
        "applications.intake.service.take_in",
        "applications.panels",
    ]


def test_a_dotted_task_path_url_name_template_or_model_label_counts_as_a_dependency():
    module = parse_module(
        "boards/services.py",
        'async_task("mail.tasks.sync_mailbox_task")\n'
        'reverse("analysis:job-analysis")\n'
        'render(request, "applications/_card.html")\n'
        'apps.get_model("ingestion.Email")\n'
        'async_task("boards.tasks.scan_board")\n'
        'sender = "mail.example.com"\n',
    )
    assert lines(string_violations(module)) == [1, 2, 3, 4]


def test_template_url_include_and_extends_count_as_dependencies():
    template = Template(
        "templates/boards/x.html",
        "{% extends 'base.html' %}\n"
        "{% url 'mail:inbox' %}\n"
        '{% include "analysis/_job_score.html" with x=1 %}\n'
        "{% include 'partials/_field.html' %}{% url 'boards:job-list' %}\n"
        "{% extends 'applications/page.html' %}\n",
    )
    assert [v.split(": ", 1)[1] for v in template_violations(template)] == [
        "{% url 'mail:...' %} reaches mail (above boards)",
        "{% include 'analysis/_job_score.html' %} reaches analysis (above boards)",
        "{% extends 'applications/page.html' %} reaches applications (above boards)",
    ]


def test_reverse_lookups_in_keywords_strings_and_attributes_count_as_dependencies():
    module = parse_module(
        "boards/queries.py",
        "jobs.filter(scores__total__gte=60)\n"
        "jobs.prefetch_related('scores')\n"
        "jobs.order_by('-scores__total', '-first_seen_at')\n"
        "job.scores.first()\n"
        "jobs.filter(board__name='x', applications__isnull=True)\n"
        "jobs.filter(board__name='x').order_by('-first_seen_at')\n",
    )
    found = reverse_lookup_violations(module.path, "boards", orm_lookups(module))
    assert lines(found) == [1, 2, 3, 4, 5]


def test_reverse_lookups_in_template_attributes_count_as_dependencies():
    template = Template(
        "templates/boards/x.html",
        "{{ job.title }}\n{% with score=job.scores.all.0 %}{{ score }}{% endwith %}\n",
    )
    lookups = template_lookups(template)
    assert lines(reverse_lookup_violations(template.path, "boards", lookups)) == [2]


def test_a_bare_string_as_event_kind_or_status_is_caught():
    module = parse_module(
        "applications/demo.py",
        'record_event(app, "created", "Tracked")\n'
        "services.change_status(app, Status.APPLIED, by_user=True)\n"
        'Event(application=app, kind="created")\n'
        'change_status(app, new_status="applied", by_user=True)\n',
    )
    assert lines(literal_enum_violations(module)) == [1, 3, 4]


def test_production_code_importing_testkit_bench_or_a_tests_module_is_caught():
    module = parse_module(
        "mail/imap.py",
        "from testkit.imap_server import make_message\n"
        "from boards.tests import factories\n"
        "import bench.harness\n"
        'async_task("applications.tests.factories.make_event")\n'
        "from boards import models\n",
    )
    assert lines(outside_violations(module)) == [1, 2, 3, 4]
