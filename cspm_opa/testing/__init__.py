"""Document builders and the sample estate, for tests, the demo and users' own tests."""
