"""Typed tools over the service database: halls, service items, appointments, schools, care, allowances, work orders.

Build a registry once (`tools.registry.build_registry`) and run every tool through `ToolRegistry.call`,
which validates arguments, enforces who may call, and turns every failure into a `tools.errors.ToolError`.
"""
