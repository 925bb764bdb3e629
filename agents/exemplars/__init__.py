"""Labelled routing exemplars, one YAML file per route."""
