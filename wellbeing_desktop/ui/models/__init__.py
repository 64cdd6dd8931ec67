"""Qt item models: thin adapters over the services' frozen dataclasses, tested on their own."""
