"""Paid social practice: the ads manager, its policy checker and simulated delivery."""
