"""Output layer: objects to tables, lists, JSON, JSONL, CSV and YAML; default views; pager."""

from .formats import iter_format_list, iter_format_table
from .machine import write_objects
from .pager import page_if_needed
from .views import view_for

__all__ = ["iter_format_list", "iter_format_table", "page_if_needed", "view_for", "write_objects"]
