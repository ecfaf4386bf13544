"""What the project's management commands share: the progress bar the importers draw."""

from django.core.management.base import OutputWrapper

BAR_WIDTH = 30


def draw_progress(stream: OutputWrapper, done: int, total: int, suffix: str = "") -> None:
    """Redraw `[#####-----] done/total suffix` in place on `stream` (the command's stderr)."""
    filled = BAR_WIDTH * done // total if total else BAR_WIDTH
    bar = "#" * filled + "-" * (BAR_WIDTH - filled)
    stream.write(f"\r[{bar}] {done}/{total}{suffix}", ending="")
    stream.flush()
