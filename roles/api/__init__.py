"""The API (#29) at /api/v1/: DRF views and serializers over the same access helper, selectors
and services as the pages. Only roles.urls imports this room."""
