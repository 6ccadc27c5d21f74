"""Retrospective agendas with the facts already in them."""
