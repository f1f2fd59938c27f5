"""The web face of the record: a JSON API under ``/api`` and HTML pages over the same queries.

``create_app(store_url, api_token)`` builds the FastAPI app that ``onrecord serve`` runs.
"""

from onrecord.serve.app import create_app

__all__ = ["create_app"]
