"""Writing safely: confinement, portable names, the lock, atomic writes."""
