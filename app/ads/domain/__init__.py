"""Pure ads logic: budgets and pacing, audience estimates, policy checks, delivery."""
