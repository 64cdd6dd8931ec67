"""The desktop user interface: PySide6 only. Widgets show and collect; services decide."""
