"""Domain errors: raised by `check_*` actions with a message a person can read."""


class ActionError(Exception):
    """An action was refused; `str(error)` is shown to the person who asked."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
