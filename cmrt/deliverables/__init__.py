"""What a compliance team hands on, made from a survey: the follow-up list, the annex workbook, the
report people look at, the comparison with last year. Pure: every function returns bytes, text or
records; only the command writes files."""

from __future__ import annotations

from cmrt.deliverables.follow_up import FollowUp, follow_up

__all__ = ["FollowUp", "follow_up"]
