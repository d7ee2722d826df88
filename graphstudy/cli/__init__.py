"""The ``graphstudy`` command: a thin click layer over the library.

Every command parses its options, calls the library and prints the result;
any :class:`~graphstudy.errors.GraphStudyError` becomes one line on standard
error and exit status 2. Click lives in this package only: the library below
(``reports``, ``views``, ``refi_qda``, ``queries``, ``engines``, ``model``)
never imports it.
"""

from __future__ import annotations

from .export import export
from .group import main
from .questions import dyad, shifts, themes, trajectory
from .report import report
from .study import citation, demo, load, synth, validate
from .template import template
from .view import view

__all__ = ["main"]

for _command in (validate, load, shifts, trajectory, dyad, themes, citation, demo, synth, report, export, view, template):
    main.add_command(_command)
