import pytest


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    """Uploads in tests land in a folder of their own, removed afterwards."""
    settings.MEDIA_ROOT = tmp_path / "media"
