"""The module's paging rules (protocol §3.3), apart from any HTTP."""

from __future__ import annotations

from dataclasses import dataclass

MORE_RESULTS = (
    "There are more results available than are currently displayed. "
    "To view them, increase the value for the ResultSize parameter."
)
MAX_PAGE_SIZE = 1000


class ResultSizeError(ValueError):
    """ResultSize ≤ 0 or not a number nor Unlimited."""


def default_page_size(page_size: int) -> int:
    """DefaultPageSize: the connection's PageSize if 1..1000, else 1000."""
    return page_size if 1 <= page_size <= MAX_PAGE_SIZE else MAX_PAGE_SIZE


@dataclass
class PagePlan:
    """Where a paged result stands: the page size to ask for and what is still wanted."""

    unlimited: bool
    remaining: int  # resultSize still wanted (ignored when unlimited)
    default: int

    @classmethod
    def start(cls, result_size: int | str | None, page_size: int) -> PagePlan:
        default = default_page_size(page_size)
        if result_size is None:
            return cls(False, default, default)
        if isinstance(result_size, str):
            if result_size.strip().lower() == "unlimited":
                return cls(True, 0, default)
            if not result_size.strip().lstrip("-").isdigit():
                raise ResultSizeError(f"ResultSize '{result_size}' is not a number or Unlimited")
            result_size = int(result_size)
        if isinstance(result_size, bool) or result_size <= 0:
            raise ResultSizeError("ResultSize must be greater than 0")
        return cls(False, int(result_size), default)

    @property
    def n(self) -> int:
        """The page size to request: min(resultSize, DefaultPageSize)."""
        return self.default if self.unlimited else min(self.remaining, self.default)

    def wants_more(self, items: int, next_link: str | None) -> bool:
        """Fetch another page iff nextLink and (Unlimited or (items == n and resultSize > n))."""
        if not next_link:
            return False
        return self.unlimited or (items == self.n and self.remaining > self.n)

    def advance(self) -> None:
        if not self.unlimited:
            self.remaining -= self.n
