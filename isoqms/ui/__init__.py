"""The Qt shell. Only this package imports PySide6; it calls services and nothing below."""
