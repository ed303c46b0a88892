from .llm_fakes import fake_anthropic  # noqa: F401  (fixture)
