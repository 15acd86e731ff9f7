"""The web UI and JSON API over a corpus database: ``create_app(db)`` (see ``claimgraph serve``)."""
