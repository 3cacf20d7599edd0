"""The sandbox's pure layer: no Flask, no database (engine, factors, rules, scenarios, metrics)."""
