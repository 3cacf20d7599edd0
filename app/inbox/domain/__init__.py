"""Pure parts of the inbox: reply data, the reply rubric (no Flask)."""
