"""`Said`: an English sentence that remembers how it was made, so the UI can say it again
in the user's language.

Checking a mass order writes its verdicts below the UI (`api.mass_lines`,
`services.mass_check`), where nothing is translated. Each verdict is a `Said`: equal to
its English text (what tests, logs and copies read), with the `template` it was filled
from and the `values` filled in. The UI translates the template in its `context` and fills
it again, numbers in the locale's digits (`ui.mass.wording`). A value may be a `Said` too.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any


class Said(str):
    """`Said("MassCheck", "{panel} has no service {service}", panel="Main", service="9")`
    is the text `Main has no service 9`; whole numbers read grouped (`1,234`)."""

    context: str
    template: str
    values: Mapping[str, object]

    def __new__(cls, context: str, template: str, **values: object) -> Said:
        english = {name: _english(value) for name, value in values.items()}
        said = super().__new__(cls, template.format(**english))
        said.context = context
        said.template = template
        said.values = MappingProxyType(values)
        return said

    def __reduce__(self) -> tuple[Any, ...]:
        return (_said, (self.context, self.template, dict(self.values)))


def _said(context: str, template: str, values: dict[str, object]) -> Said:
    return Said(context, template, **values)


def _english(value: object) -> object:
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else value
