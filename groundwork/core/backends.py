"""An email backend for the demo: every message is appended to one file, out of the terminal."""

from pathlib import Path
from typing import Any, TextIO

from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend


class OneFileEmailBackend(ConsoleEmailBackend):
    """Appends each message, as the console backend prints it, to the file at `path`
    (EMAIL_FILE), so `tail -f` on it follows the demo's email while the terminal shows the logins."""

    def __init__(self, fail_silently: bool = False, *, path: str, **kwargs: Any) -> None:
        kwargs["stream"] = None
        super().__init__(fail_silently=fail_silently, **kwargs)
        # Open only while sending, as in Django's file backend (the stubs type it as always open).
        self.stream: TextIO | None = None  # type: ignore[assignment]
        self.path = Path(path)

    def open(self) -> bool:
        if self.stream is not None:
            return False
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.stream = self.path.open("a", encoding="utf-8")
        return True

    def close(self) -> None:
        try:
            if self.stream is not None:
                self.stream.close()
        finally:
            self.stream = None
