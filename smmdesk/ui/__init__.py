"""Widgets, Qt models and dialogs. No wire-format knowledge lives here."""
