"""The workflow kit: a register's states and steps declared once; the shared service runs a step as one
transaction (permission + clearance, state, field validation, the record, one history row, one audit
entry); history, 领导批示 and 催办 are shared tables; the step bar/dialog (ui.widgets.step_bar) and the
``step``/``history`` CLI verbs are driven by the same declaration.

Usage (a whole workflow register; the area lists ``workflows=(FLOW,)`` in its ``Area``)::

    class PetitionState(LabeledEnum):
        OPEN = ("open", "待办")
        DONE = ("done", "已办结")

    FLOW = Workflow(
        register=PETITIONS,                      # the Register declaration (fields, roles, numbering)
        states=PetitionState,
        audit_prefix="petition_",                # audit action = prefix + step key
        labels={"register": "登记"},             # history rows the area writes itself (record_in)
        steps=(
            Step("assign", "交办", from_states=("open",),
                 fields=(StepField("handler_unit", required=True), StepField("due_on"))),
            instruct_step(from_states=("open",), roles=(Role.PETITION, Role.LEADER)),
            urge_step(from_states=("open",), target_field="handler_unit"),
            Step("finish", "办结", from_states=("open",), to_state="done",
                 fields=(StepField("result", required=True),
                         StepField("done_on", default=today)),
                 validate=lambda ctx: {"done_on": "办结日期不能早于登记日期"}
                 if ctx.values["done_on"] < ctx.obj.registered_on else None),
            Step("reject", "不予受理", from_states=("open",), to_state="done", reason=True),
        ),
    )

    services.workflow.run(actor, "petitions", record_id, "finish", {"办理结果": "已答复"})
    services.workflow.history(actor, "petitions", record_id)   # [HistoryEntry(step, label, at, …)]
    services.workflow.steps_for(actor, "petitions", record)     # what the step bar enables now

``StepField("name")`` reuses the register's Field (label, kind, choices, checks) and writes the record;
``text(...)``/``own(Field(...))`` declare values only the step uses (kept in the history row). A field
left out keeps the record's value or takes its ``default`` (``actor_name``, ``today``, ``now``).
Hooks get a ``StepContext`` (session, actor, obj, typed values, ``detail`` for the history, ``warnings``).
"""

from app.kit.workflow.data import (
    FormField,
    HistoryEntry,
    StepContext,
    StepForm,
    StepInfo,
    StepResult,
)
from app.kit.workflow.declare import (
    BoundField,
    Step,
    StepField,
    Workflow,
    actor_name,
    now,
    own,
    text,
    today,
)
from app.kit.workflow.service import WorkflowCatalog, WorkflowService

__all__ = [
    "BoundField",
    "FormField",
    "HistoryEntry",
    "Step",
    "StepContext",
    "StepField",
    "StepForm",
    "StepInfo",
    "StepResult",
    "Workflow",
    "WorkflowCatalog",
    "WorkflowService",
    "actor_name",
    "now",
    "own",
    "text",
    "today",
]
