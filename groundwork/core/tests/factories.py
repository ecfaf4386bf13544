"""The base of every model factory, typed so that `SomeFactory()` is known to build the model."""

from typing import TYPE_CHECKING, Any

from django.db.models import Model
from factory.django import DjangoModelFactory


class ModelFactory[M: Model](DjangoModelFactory[M]):
    """A factory_boy model factory whose call is typed as returning the model `M`."""

    class Meta:
        abstract = True

    if TYPE_CHECKING:
        # factory_boy's metaclass turns `SomeFactory(...)` into `SomeFactory.create(...)`, and
        # mypy reads a class's call from `__new__`, so this tells it what the call returns.
        def __new__(cls, **kwargs: Any) -> M: ...  # type: ignore[misc]  # returns the model, not the factory
