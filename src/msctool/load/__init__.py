"""Loading: files read safely and parsed into values with positions, validated into models."""
