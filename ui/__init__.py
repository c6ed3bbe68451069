"""PySide6 user interface. Talks to app services only; never opens a database session itself."""
