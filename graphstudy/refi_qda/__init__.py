"""REFI-QDA: loading and saving projects of NVivo, ATLAS.ti, MAXQDA and QualCoder.

* :func:`read_refi` reads a ``.qdpx`` archive or ``.qde`` project into the raw
  tables every study input gives, for :func:`graphstudy.load_study` to check,
  and :func:`read_codebook` a ``.qdc`` codebook (themes only);
* :func:`write_qdpx` writes a study as a ``.qdpx`` project, and
  :func:`write_qdc` its themes as a ``.qdc`` codebook, valid against the
  REFI-QDA 1.0 schemas.

Examples
--------
>>> import tempfile, pathlib
>>> from graphstudy import load_study
>>> target = pathlib.Path(tempfile.mkdtemp()) / "hk.qdpx"
>>> back = load_study(write_qdpx(load_study(), target))
>>> back.counts()["quotes"] == load_study().counts()["quotes"]
True
"""

from .archive import MAX_BYTES, ProjectArchive
from .codebook import read_codebook
from .reader import read_refi
from .writer import write_qdc, write_qdpx

__all__ = ["MAX_BYTES", "ProjectArchive", "read_codebook", "read_refi", "write_qdc", "write_qdpx"]
