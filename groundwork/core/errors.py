"""Domain errors: raised by `check_*` actions with a message a person can read."""


class ActionError(Exception):
    """An action was refused; `str(error)` is shown to the person who asked."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class RateLimited(ActionError):
    """Refused because the same client asked too often; `retry_after` is in seconds (HTTP 429)."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
