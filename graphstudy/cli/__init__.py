"""The ``graphstudy`` command: a thin click layer over the library.

Every command parses its options, calls the library and prints the result;
any :class:`~graphstudy.errors.GraphStudyError` becomes one line on standard
error and exit status 2. Click lives in this package only: the library below
(``reports``, ``views``, ``refi_qda``, ``queries``, ``engines``, ``model``)
never imports it.
"""

from __future__ import annotations

from .group import main

__all__ = ["main"]

main.lazy.update({  # each command's module is imported when the command runs (see group.LazyGroup)
    "validate": ".study:validate", "load": ".study:load", "citation": ".study:citation", "demo": ".study:demo",
    "synth": ".study:synth", "shifts": ".questions:shifts", "trajectory": ".questions:trajectory", "dyad": ".questions:dyad",
    "themes": ".questions:themes", "report": ".report:report", "export": ".export:export", "view": ".view:view",
    "template": ".template:template",
})
