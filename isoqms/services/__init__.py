"""Use cases, one module per area.

Every change is a function taking the :class:`~isoqms.db.engine.Database`, the acting
:class:`~isoqms.services.uow.Actor` and plain values. It opens a
:class:`~isoqms.services.uow.UnitOfWork`, which checks the actor's permission against the
database, lets the function write, and appends the audit events in the same transaction.
"""
