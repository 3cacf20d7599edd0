"""The exercise engine's pure parts: variants, results and one scorer module per exercise."""
