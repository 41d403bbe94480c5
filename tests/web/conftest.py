"""Fixtures for the HTTP API: an app on a temporary data folder, sharing the bundled advisor."""
import pytest

pytest.importorskip("flask")

from nq_advisor.web.app import create_app  # noqa: E402
from nq_advisor.web.settings import Settings  # noqa: E402


@pytest.fixture
def make_app(advisor, tmp_path):
    def make(**settings):
        settings.setdefault("data_dir", tmp_path / "data")
        return create_app(Settings(**settings), advisor=advisor)
    return make


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()
