"""Pure credential logic: no Flask, no database, no network; only the pinned contexts and schema."""
