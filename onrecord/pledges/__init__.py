"""The pledges stage: commitments, pledgers, actions, conditions, targets and figures of statements.

``find_pledges(doc, statements)`` (``statements.py``) is the entry point; the spaCy
component ``onrecord_pledges`` (``component.py``, registered in ``factory.py``) runs it
on ``doc._.statements`` after the ``onrecord`` component.
"""
