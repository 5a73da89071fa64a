"""What the apps above plans add to a plan's own rules, without plans importing them.

Plans sits beneath reporting, supervision and bulletins, yet withdrawing a plan or taking a
unit off a project must respect what those apps wrote on it, and a project changed mid-year
must reach the forms still being filled. Each app answers for its own rows: it connects a
receiver in its AppConfig.ready(). Django's signals return every receiver's answer.

- `withdrawal_asked(plan=…)`: a receiver returns why the plan can no longer be withdrawn
  (its rows would be deleted with it), or None;
- `unit_removal_asked(assignment=…)`: why the unit cannot be taken off the project, or None;
- `project_amended(project=…, targets=[…], units=[…])`: targets and units added mid-year, for
  the apps that keep copies of a project's targets and team (the quarterly forms).
"""

from __future__ import annotations

from django.dispatch import Signal

withdrawal_asked = Signal()
unit_removal_asked = Signal()
project_amended = Signal()


def reasons(signal: Signal, **asked) -> list[str]:
    """Every receiver's reasons, in the order the apps connected them; a receiver answers one
    reason, a list of them, or None when it has nothing to say."""
    found = []
    for _receiver, answer in signal.send(sender=None, **asked):
        found.extend([answer] if isinstance(answer, str) else answer or [])
    return found
