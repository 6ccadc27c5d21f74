"""The social return on investment (SROI) of a partnership: the arithmetic and the story."""
