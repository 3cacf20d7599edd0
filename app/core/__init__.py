"""Infrastructure shared by every feature: config, database, security, registries."""
