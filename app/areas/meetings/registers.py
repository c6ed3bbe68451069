"""The 会议安排 (meetings) registers: 会议 meetings, 会议室 meeting_rooms, 参会人员名录 meeting_people, 参会人员
meeting_participants and 会务筹备 meeting_tasks. The checks that need the database (a room booked twice, more
people than seats, a name twice in one meeting, a meeting that does not exist) run in the saving
transaction, so nothing is half-saved."""

from __future__ import annotations

from typing import Any

from app.areas.meetings import checks
from app.domain.docnumber import normalise_doc_number
from app.domain.enums import LabeledEnum, Role
from app.kit.registers.base import (
    BOOL,
    CHOICE,
    DATE,
    DATETIME,
    DOCNO,
    INT,
    MULTILINE,
    TEXT,
    CustomFilter,
    Field,
    Numbering,
    Register,
)
from db.models.meetings import Meeting, MeetingParticipant, MeetingPerson, MeetingRoom, MeetingTask

MEETINGS, ROOMS, PEOPLE, PARTICIPANTS, TASKS = (
    "meetings",
    "meeting_rooms",
    "meeting_people",
    "meeting_participants",
    "meeting_tasks",
)
ROLES = (Role.MEETINGS,)
READERS = (Role.MEETINGS, Role.LEADER, Role.SUPERVISION)  # 督查 reads the 议定事项 it takes over


class MeetingState(LabeledEnum):
    PREPARING = ("筹备", "筹备中")
    HELD = ("召开", "召开中")
    ENDED = ("结束", "已结束")


class AttendRole(LabeledEnum):
    MEMBER = ("出席", "出席")
    OBSERVER = ("列席", "列席")
    STAFF = ("工作人员", "工作人员")


class Attendance(LabeledEnum):
    EXPECTED = ("待到", "待到")
    PRESENT = ("实到", "实到")
    LEAVE = ("请假", "请假")
    ABSENT = ("缺席", "缺席")


class Reply(LabeledEnum):
    NONE = ("未回", "未回执")
    REPLIED = ("已回", "已回执")
    SUBSTITUTE = ("代会", "已回执（代会）")
    DECLINED = ("不参加", "已回执（请假）")


class TaskKind(LabeledEnum):
    SPEECH = ("讲话", "讲话稿")
    REPORT = ("报告", "报告")
    MATERIAL = ("材料", "会议材料")
    PRINTING = ("印制", "文件印制")
    HALL = ("会场布置", "会场布置")
    SOUND = ("音响", "音响")
    CARDS = ("桌签", "桌签")
    TEA = ("茶水", "茶水")
    PRESS = ("宣传报导", "宣传报导")
    CARS = ("车辆", "车辆")
    LODGING = ("食宿", "食宿")
    OTHER = ("其他", "其他")


DOCUMENT_TASKS = {
    TaskKind.SPEECH.value,
    TaskKind.REPORT.value,
    TaskKind.MATERIAL.value,
    TaskKind.PRINTING.value,
}


class TaskState(LabeledEnum):
    TODO = ("待办", "待办")
    DOING = ("进行中", "进行中")
    DONE = ("已完成", "已完成")


def _register(key: str, title: str, model: type, label: str, prefix: str, **kw: Any) -> Register:
    # numbered by the year the record was made: these are lists, not a dated register
    return Register(
        numbering=Numbering(key, "", prefix + "{year}-{seq:05d}"),
        key=key,
        title=title,
        book_title=f"{title}登记簿",
        model=model,
        record_label=label,
        classified=False,
        read_roles=READERS,
        write_roles=ROLES,
        **kw,
    )


def _overdue_task(row: Any) -> str | None:
    from datetime import date

    due = row["due_on"]
    if row["state"] != TaskState.DONE.value and due and due < date.today():
        return "overdue"
    return None


MEETING_REGISTER = Register(
    key=MEETINGS,
    title="会议",
    book_title="会议台账",
    model=Meeting,
    record_label="会议",
    numbering=Numbering(MEETINGS, "starts_at", "会〔{year}〕{seq}号", format_setting="numbering.meetings"),
    date_field="starts_at",
    default_sort=("number", True),
    read_roles=READERS,
    write_roles=ROLES,
    form_validator=checks.meeting_form,
    db_validator=checks.meeting_db,
    fields=(
        Field(
            "name",
            "会议名称",
            TEXT,
            required=True,
            searchable=True,
            max_length=300,
            list_width=260,
            print_width=3,
            synonyms=("名称", "会议", "会议主题"),
            group="会议",
        ),
        Field(
            "kind",
            "会议类型",
            TEXT,
            required=True,
            filterable=True,
            autocomplete=True,
            max_length=32,
            synonyms=("类型", "类别", "会议类别"),
            placeholder="常委会、全委会、专题会议…（系统设置中可增删）",
            group="会议",
        ),
        Field(
            "state",
            "状态",
            CHOICE,
            choices=MeetingState,
            default=MeetingState.PREPARING.value,
            filterable=True,
            editable=False,  # moved by the 开会/散会 steps
        ),
        Field(
            "starts_at",
            "开始时间",
            DATETIME,
            required=True,
            filterable=True,
            synonyms=("日期", "会议时间", "时间"),
        ),
        Field("ends_at", "结束时间", DATETIME, in_print=False),
        Field("checkin_at", "报到时间", DATETIME, in_list=False, in_print=False),
        Field("checkin_place", "报到地点", TEXT, in_list=False, in_print=False, max_length=200),
        Field(
            "room",
            "会场",
            TEXT,
            searchable=True,
            autocomplete=True,
            filterable=True,
            max_length=100,
            synonyms=("地点", "会议地点", "会议室"),
            placeholder="会议室名称（会议室登记中的）",
        ),
        Field(
            "host_unit",
            "主办单位",
            TEXT,
            searchable=True,
            autocomplete=True,
            max_length=200,
            synonyms=("承办单位",),
        ),
        Field("chair", "主持人", TEXT, searchable=True, autocomplete=True, max_length=64, synonyms=("主持",)),
        Field("headcount", "参会人数", INT, min_value=0, max_value=100_000, synonyms=("人数",)),
        Field(
            "notice_no",
            "通知文号",
            TEXT,
            searchable=True,
            in_list=False,
            in_print=False,
            max_length=64,
            # 县委办发[2026]3号 and other shapes are kept in the standard form 县委办发〔2026〕3号; a text that
            # is not a 文号 is refused next to the field with the parser's message
            normalizer=normalise_doc_number,
            content=DOCNO,
            synonyms=("文号", "会议通知文号", "通知字号", "发文字号"),
            placeholder="如：县委办〔2026〕12号、县委办发电〔2026〕3号；未编文号的留空",
            group="通知",
        ),
        Field(
            "attendees_scope",
            "参会范围",
            MULTILINE,
            in_list=False,
            in_print=False,
            max_length=2000,
            synonyms=("参会人员", "参加人员"),
        ),
        Field(
            "topics",
            "议题",
            MULTILINE,
            searchable=True,
            in_list=False,
            in_print=False,
            max_length=4000,
            placeholder="一行一个：议题——汇报人",
            group="议题与议程",
        ),
        Field(
            "agenda",
            "议程",
            MULTILINE,
            in_list=False,
            in_print=False,
            max_length=4000,
            placeholder="一行一项，按顺序",
        ),
        Field(
            "schedule",
            "日程",
            MULTILINE,
            in_list=False,
            in_print=False,
            max_length=4000,
            placeholder="一行一个时段：3月5日上午 9:00—11:30 开幕式",
        ),
        Field(
            "requirements",
            "会议要求",
            MULTILINE,
            in_list=False,
            in_print=False,
            max_length=4000,
            group="通知",
        ),
        Field("contact", "联系人", TEXT, in_list=False, in_print=False, max_length=100),
        Field("contact_phone", "联系电话", TEXT, in_list=False, in_print=False, max_length=64),
        Field("reply_by", "回执截止", DATE, in_list=False, in_print=False),
        Field(
            "unit_order",
            "座区单位顺序",
            MULTILINE,
            in_list=False,
            in_print=False,
            max_length=4000,
            placeholder="台下按单位分区的先后，一行一个单位",
            group="座次",
        ),
        Field(
            "swaps",
            "座位调换",
            MULTILINE,
            in_list=False,
            in_print=False,
            max_length=2000,
            placeholder="一行一对：张三↔李四",
        ),
        Field(
            "minutes_summary",
            "会议概况",
            MULTILINE,
            in_list=False,
            in_print=False,
            max_length=8000,
            group="纪要",
        ),
        Field(
            "decisions",
            "议定事项",
            MULTILINE,
            searchable=True,
            in_list=False,
            in_print=False,
            max_length=8000,
            placeholder="一行一项",
        ),
        Field("note", "备注", MULTILINE, in_list=False, max_length=2000),
    ),
)

ROOM_REGISTER = _register(
    ROOMS,
    "会议室",
    MeetingRoom,
    "会议室",
    "室",
    form_validator=checks.room_form,
    db_validator=checks.room_db,
    default_sort=("name", False),
    fields=(
        Field("name", "名称", TEXT, required=True, searchable=True, max_length=100, synonyms=("会议室",)),
        Field("place", "位置", TEXT, searchable=True, max_length=200, synonyms=("地点",)),
        Field("capacity", "容纳人数", INT, min_value=1, max_value=5000, synonyms=("座位数",)),
        Field("rows", "台下排数", INT, min_value=1, max_value=200),
        Field("seats_per_row", "每排座位", INT, min_value=1, max_value=200),
        Field("rostrum_rows", "主席台座位", TEXT, max_length=64, placeholder="每排座位数，前排在先：9，11"),
        Field("note", "备注", MULTILINE, in_list=False, max_length=1000),
    ),
)

PEOPLE_REGISTER = _register(
    PEOPLE,
    "参会人员名录",
    MeetingPerson,
    "人员",
    "人",
    db_validator=checks.person_db,
    default_sort=("rank", False),
    fields=(
        Field("name", "姓名", TEXT, required=True, searchable=True, max_length=64),
        Field(
            "unit",
            "单位",
            TEXT,
            searchable=True,
            autocomplete=True,
            filterable=True,
            max_length=200,
            synonyms=("工作单位",),
        ),
        Field("title", "职务", TEXT, searchable=True, max_length=200, synonyms=("职务职级",)),
        Field("rank", "排序", INT, min_value=1, max_value=100_000, synonyms=("序号", "排名", "顺序")),
        Field("phone", "联系电话", TEXT, max_length=64, synonyms=("电话", "手机")),
        Field("note", "备注", MULTILINE, in_list=False, max_length=1000),
    ),
)

PARTICIPANT_REGISTER = _register(
    PARTICIPANTS,
    "参会人员",
    MeetingParticipant,
    "参会人员",
    "参",
    form_validator=checks.participant_form,
    db_validator=checks.participant_db,
    after_save=checks.link_meeting,
    default_sort=("rank", False),
    fields=(
        Field(
            "meeting_no", "会议编号", TEXT, required=True, filterable=True, max_length=64, synonyms=("会议",)
        ),
        Field("name", "姓名", TEXT, required=True, searchable=True, autocomplete=True, max_length=64),
        Field("unit", "单位", TEXT, searchable=True, autocomplete=True, max_length=200),
        Field("title", "职务", TEXT, max_length=200),
        Field("rank", "排序", INT, min_value=1, max_value=100_000),
        Field("phone", "联系电话", TEXT, in_list=False, max_length=64),
        Field("role", "身份", CHOICE, choices=AttendRole, default=AttendRole.MEMBER.value, filterable=True),
        Field("rostrum", "主席台", BOOL, default=False),
        Field(
            "attendance",
            "出勤",
            CHOICE,
            choices=Attendance,
            default=Attendance.EXPECTED.value,
            filterable=True,
        ),
        Field("leave_reason", "请假事由", TEXT, max_length=200),
        Field("arrived_at", "签到时间", DATETIME),
        Field("late", "迟到", BOOL, default=False),
        Field("reply", "回执", CHOICE, choices=Reply, default=Reply.NONE.value, filterable=True),
        Field("substitute", "代会人", TEXT, max_length=64),
        Field("chased_at", "催报时间", DATETIME, in_list=False, editable=False, in_form=False),
    ),
)

TASK_REGISTER = _register(
    TASKS,
    "会务筹备",
    MeetingTask,
    "筹备事项",
    "筹",
    db_validator=checks.task_db,
    after_save=checks.link_meeting,
    default_sort=("due_on", False),
    row_state=_overdue_task,
    filters=(
        CustomFilter(
            "overdue",
            "超期未完成",
            lambda t: (t.c.state != TaskState.DONE.value) & (t.c.due_on < checks.today()),
        ),
    ),
    fields=(
        Field(
            "meeting_no", "会议编号", TEXT, required=True, filterable=True, max_length=64, synonyms=("会议",)
        ),
        Field("kind", "类别", CHOICE, choices=TaskKind, required=True, filterable=True),
        Field("item", "事项", TEXT, required=True, searchable=True, max_length=300, list_width=240),
        Field(
            "who",
            "负责人",
            TEXT,
            required=True,
            searchable=True,
            autocomplete=True,
            max_length=64,
            synonyms=("起草人", "责任人"),
        ),
        Field("due_on", "完成时限", DATE, filterable=True, synonyms=("时限", "截止日期")),
        Field(
            "state",
            "状态",
            CHOICE,
            choices=TaskState,
            default=TaskState.TODO.value,
            filterable=True,
            editable=False,  # moved by the 开始办理/完成/重新办理 steps
        ),
        Field("note", "备注", MULTILINE, in_list=False, max_length=1000),
    ),
)

REGISTERS = (MEETING_REGISTER, PARTICIPANT_REGISTER, TASK_REGISTER, ROOM_REGISTER, PEOPLE_REGISTER)
