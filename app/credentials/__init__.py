"""Verifiable credentials: Open Badges 3.0 issued with an eddsa-rdfc-2022 Data Integrity proof."""
