"""The web UI and HTTP API over the store: ``create_app(store_path)`` builds the FastAPI app and
``newsweave serve`` runs it with uvicorn. Every page also answers as JSON from the same view."""

from .app import create_app

__all__ = ["create_app"]
