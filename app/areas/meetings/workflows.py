"""The 会议安排 workflows (app.kit.workflow): a meeting goes 筹备 → 召开 → 结束 (ending it marks everyone
still 待到 as 缺席), and each preparation item 待办 → 进行中 → 已完成 with 催办 of the one in charge and
重新办理 with a reason; history, audit and the step bar come from the kit."""

from __future__ import annotations

from sqlalchemy import update

from app.areas.meetings.registers import (
    MEETING_REGISTER,
    TASK_REGISTER,
    Attendance,
    MeetingState,
    TaskState,
)
from app.kit.workflow import Step, StepContext, StepField, Workflow
from app.kit.workflow.pieces import urge_step
from db.models.meetings import MeetingParticipant

PREPARING, HELD, ENDED = MeetingState.PREPARING.value, MeetingState.HELD.value, MeetingState.ENDED.value
TODO, DOING, DONE = TaskState.TODO.value, TaskState.DOING.value, TaskState.DONE.value


def _mark_absent(ctx: StepContext) -> None:
    """When a meeting ends, whoever never signed in (and did not ask for leave) was absent."""
    result = ctx.session.execute(
        update(MeetingParticipant)
        .where(
            MeetingParticipant.meeting_id == ctx.obj.id,
            MeetingParticipant.voided.is_(False),
            MeetingParticipant.role != "工作人员",
            (MeetingParticipant.attendance == Attendance.EXPECTED.value)
            | MeetingParticipant.attendance.is_(None),
        )
        .values(attendance=Attendance.ABSENT.value)
    )
    ctx.detail["marked_absent"] = getattr(result, "rowcount", 0) or 0  # an UPDATE's CursorResult


MEETING_FLOW = Workflow(
    register=MEETING_REGISTER,
    states=MeetingState,
    audit_prefix="meeting_",
    name_of=lambda obj: f"{obj.number} {obj.name}",
    steps=(
        Step("open", "开会", from_states=(PREPARING,), to_state=HELD),
        Step("close", "散会", from_states=(HELD,), to_state=ENDED, effect=_mark_absent, action="结束会议"),
        Step("back", "退回筹备", from_states=(HELD,), to_state=PREPARING, reason=True, in_bar=False),
    ),
)

TASK_FLOW = Workflow(
    register=TASK_REGISTER,
    states=TaskState,
    audit_prefix="meeting_task_",
    name_of=lambda obj: f"{obj.meeting_no} {obj.item}",
    steps=(
        Step("start", "开始办理", from_states=(TODO,), to_state=DOING),
        Step(
            "finish",
            "完成",
            from_states=(TODO, DOING),
            to_state=DONE,
            fields=(StepField("note", label="完成情况"),),
        ),
        Step("reopen", "重新办理", from_states=(DONE,), to_state=DOING, reason=True),
        urge_step(from_states=(TODO, DOING), target_field="who"),
    ),
)

WORKFLOWS = (MEETING_FLOW, TASK_FLOW)
