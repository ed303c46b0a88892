"""Sections that apps above core add to the settings page (core names none of them).

Apps register a template from their AppConfig.ready(); the settings page includes each in
order, so the page shows them without core importing or naming an app above it.
"""

_SECTIONS: dict[str, int] = {}


def register_settings_section(template: str, *, order: int = 100) -> None:
    _SECTIONS[template] = order


def settings_sections() -> list[str]:
    return sorted(_SECTIONS, key=lambda name: (_SECTIONS[name], name))
