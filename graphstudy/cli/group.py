"""The ``graphstudy`` command group: the entry point the console script calls."""

from __future__ import annotations

import importlib

import click

from ._common import GraphStudyGroup

__all__ = ["LazyGroup", "main"]


class _Commands(dict):
    """A group's commands by name: one is imported when asked for by name, all of them when they are listed."""

    def __init__(self, given, lazy):
        super().__init__(given)
        self.lazy = lazy

    def _load(self, name):
        if not dict.__contains__(self, name) and name in self.lazy:
            module, _, attr = self.lazy[name].partition(":")
            dict.__setitem__(self, name, getattr(importlib.import_module(module, __package__), attr))

    def _load_all(self):
        for name in list(self.lazy):
            self._load(name)

    def __getitem__(self, name):
        self._load(name)
        return super().__getitem__(name)

    def get(self, name, default=None):
        self._load(name)
        return super().get(name, default)

    def __contains__(self, name):
        return super().__contains__(name) or name in self.lazy

    def __iter__(self):
        self._load_all()
        return super().__iter__()

    def __len__(self):
        self._load_all()
        return super().__len__()

    def keys(self):
        self._load_all()
        return super().keys()

    def values(self):
        self._load_all()
        return super().values()

    def items(self):
        self._load_all()
        return super().items()


class LazyGroup(click.Group):
    """A command group whose commands are imported the first time they are used.

    ``lazy`` maps a command's name to ``"module:attribute"`` (a module of this
    package, e.g. ``".questions:shifts"``), so ``graphstudy shifts`` imports what
    ``shifts`` needs and not the views, plots and networks of every other command.
    Listing the commands (``--help``) imports them all.
    """

    def __init__(self, *args, lazy: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})
        self.commands = _Commands(self.commands, self.lazy)


class _Main(LazyGroup, GraphStudyGroup):
    """The ``graphstudy`` group: commands imported when used, library errors as one line."""


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="graphstudy")
def main():
    """graphstudy: longitudinal qualitative research as a graph.

    A study is participants in the roles it declares (peer support workers and
    their service users; patients, their family carers and clinicians), their
    interviews at time points and waves, the quotes and whom each is about, the
    themes and the relationships between people. graphstudy answers questions
    about change: how did each stakeholder's view move over time, and inside
    each relationship?

    Start with `graphstudy demo`; every query runs on the bundled
    peer-support study unless given --study. `graphstudy template my-study.xlsx`
    writes an empty study of your own to fill in.

    \b
    Example:
      graphstudy demo
      graphstudy shifts --focal Sue --role service_user
      graphstudy dyad P1 K1 --study my-study.xlsx --summary
      graphstudy validate my-study.xlsx
    """
