"""Reports for the results section of a longitudinal qualitative study.

Every report is a function over the :class:`~graphstudy.engines.base.Backend`
look-ups, so it runs on the embedded engine and on Neo4j alike.
"""
