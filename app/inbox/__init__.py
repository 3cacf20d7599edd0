"""Sandbox inbox: messages on the simulated clock, actions, and replies scored by the rubric."""
