"""shishi: run a government's annual practical-projects (实事) programme."""

__version__ = "0.1.0"
