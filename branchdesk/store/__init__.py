"""TinyDB made fast and crash-safe: in-memory tables, a journal, atomic snapshots."""

from .indexes import HashIndex, Index, SortedIndex
from .lock import read_holder
from .store import Store, TableSpec
from .table import FastTable

__all__ = ["FastTable", "HashIndex", "Index", "SortedIndex", "Store", "TableSpec", "read_holder"]
