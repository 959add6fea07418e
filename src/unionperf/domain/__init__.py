"""The rules of budget performance management: pure Python, standard library only, no I/O.

Everything that a reviewer at the upper level re-checks lives here: the data model of a year
(budget, projects, indicators, monitoring, self-evaluation), the scoring of ``domain.md`` §5, the
monitoring warnings of §4 and the validation rules. Qt, SQLAlchemy and files live in the layers
above.
"""
