"""UnionPerf: budget performance management for grassroots trade unions (工会预算绩效管理)."""

__version__ = "0.1.0"
