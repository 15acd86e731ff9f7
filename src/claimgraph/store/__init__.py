"""The corpus store: SQLite with numbered migrations, one writer, WAL, FTS5.

``Writer`` is the only thing that writes; ``claimgraph.query`` is the only thing that reads.
"""

from claimgraph.store.connect import DEFAULT_DB, StoreError, connect_reader, connect_writer
from claimgraph.store.documents import write_analysis
from claimgraph.store.migrate import migrate
from claimgraph.store.writer import Writer

__all__ = ["DEFAULT_DB", "StoreError", "Writer", "connect_reader", "connect_writer", "migrate", "write_analysis"]
