"""sccshell's command language: a faithful subset of PowerShell.

`parse` turns text into a ScriptBlockAst, `to_source` prints any node back to source,
and `walk` iterates over a tree.
"""

from .ast import *  # noqa: F403 - the AST classes are part of the public API
from .ast import __all__ as _ast_names
from .errors import ParseError
from .parser import parse
from .position import Position
from .printer import to_source
from .walk import children, walk

__all__ = [*_ast_names, "ParseError", "Position", "children", "parse", "to_source", "walk"]
