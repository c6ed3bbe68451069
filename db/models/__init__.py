"""All models, imported here so that Alembic sees the whole metadata."""

from db.models.alerts import Alert  # noqa: F401
from db.models.copies import Copy, CopyStep, DestructionBatch  # noqa: F401
from db.models.core import AuditEntry, Counter, Setting, User, UserRole  # noqa: F401
from db.models.documents import IncomingDocument, OutgoingDocument  # noqa: F401
from db.models.duty import DutyAbsence, DutyLogEntry, DutyShift, DutySwap  # noqa: F401
from db.models.files import FileBlob, FileChunk, RecordFile  # noqa: F401
from db.models.information import InfoAdoption, InfoSubmission  # noqa: F401
from db.models.meetings import Meeting, MeetingParticipant, MeetingPerson, MeetingRoom, MeetingTask  # noqa: F401
from db.models.reception import Petition, Reception, Visitor  # noqa: F401
from db.models.research import Draft, ResearchActivity, ResearchArticle, ResearchTopic  # noqa: F401
from db.models.supervision import SupervisionItem  # noqa: F401
from db.models.telegrams import Telegram  # noqa: F401
from db.models.workflow import Instruction, StepEvent, Urge  # noqa: F401
