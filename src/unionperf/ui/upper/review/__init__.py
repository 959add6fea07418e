"""审核: a unit's received stage read-only, opinions by item, 通过/退回, re-scores, history."""
