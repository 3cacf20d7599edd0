"""Practice sandbox: a simulated brand account (engine, rules, scenarios)."""
