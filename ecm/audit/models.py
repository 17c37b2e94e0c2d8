"""The audit log: append-only, one row per thing someone did or saw."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Verb(models.TextChoices):
    VIEW_CHILD = "view_child", _("Viewed the child's record")
    LIST_CHILD = "list_child", _("Saw the child in a list")
    CREATE_CHILD = "create_child", _("Created the child's record")
    UPDATE_CHILD = "update_child", _("Changed the child's record")
    EDIT_CONFLICT = "edit_conflict", _("Met an edit conflict")
    VIEW_OFFENDING = "view_offending", _("Viewed the child's offences and orders")
    RECORD_OFFENCE = "record_offence", _("Recorded an offence")
    RECORD_ORDER = "record_order", _("Recorded an order or out-of-court disposal")
    UPDATE_ORDER = "update_order", _("Changed an order")
    VIEW_NEEDS = "view_needs", _("Viewed the child's needs")
    UPDATE_NEEDS = "update_needs", _("Changed the child's needs")
    VIEW_ACCESS_LOG = "view_access_log", _("Viewed who has seen the record")
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Failed to sign in")
    SIGN_OUT = "sign_out", _("Signed out")
    SET_UP_MFA = "set_up_mfa", _("Set up an authenticator app")
    USE_RECOVERY_CODE = "use_recovery_code", _("Used a recovery code")
    RESET_MFA = "reset_mfa", _("Reset a person's authenticator app")
    CREATE_USER = "create_user", _("Added a person")
    UPDATE_USER = "update_user", _("Changed a person's access")
    CREATE_TEAM = "create_team", _("Added a team")
    UPDATE_TEAM = "update_team", _("Renamed a team")
    UPDATE_SERVICE_SETTINGS = "update_service_settings", _("Changed the service's settings")
    CREATE_AGENCY = "create_agency", _("Added a partner agency")
    LOAD_DEMO = "load_demo", _("Loaded demo data")
    PUBLISH_RULE_SET = "publish_rule_set", _("Published an eligibility rule set")
    CHOOSE_RULE_SET = "choose_rule_set", _("Chose the eligibility rule set")
    REFER = "refer", _("Referred the child to ECM")
    SCREEN = "screen", _("Screened the referral")
    MOVE_EPISODE = "move_episode", _("Moved the ECM episode on")
    CLOSE_EPISODE = "close_episode", _("Closed the ECM episode")
    VIEW_EPISODE = "view_episode", _("Viewed the ECM episode")
    VIEW_CONSENTS = "view_consents", _("Viewed the child's consent records")
    RECORD_CONSENT = "record_consent", _("Recorded consent")
    WITHDRAW_CONSENT = "withdraw_consent", _("Recorded that consent was withdrawn")
    VIEW_FAMILY = "view_family", _("Viewed the child's family and carers")
    ADD_RELATED_PERSON = "add_related_person", _("Added a parent or carer")
    UPDATE_RELATED_PERSON = "update_related_person", _("Changed a parent's or carer's details")
    DOWNLOAD_CONSENT_DOCUMENT = "download_consent_document", _("Downloaded a consent document")
    # Someone (for example a partner agency worker) reached a child outside their scope.
    ACCESS_REFUSED = "access_refused", _("Was refused access")
    # The life timeline (ecm.timeline).
    VIEW_TIMELINE = "view_timeline", _("Viewed the child's life timeline")
    RECORD_TIMELINE_EVENT = "record_timeline_event", _("Added an event to the life timeline")
    UPDATE_TIMELINE_EVENT = "update_timeline_event", _("Changed an event of the life timeline")
    ACCEPT_TIMELINE_EVENT = "accept_timeline_event", _("Accepted a partner agency's event")
    MERGE_TIMELINE_EVENT = "merge_timeline_event", _("Merged a duplicate timeline event")
    DOWNLOAD_TIMELINE = "download_timeline", _("Downloaded the drawn life timeline")
    # Formulation meetings and Trauma Recovery Model tiers (ecm.meetings, ecm.trm).
    VIEW_MEETINGS = "view_meetings", _("Viewed the child's formulation meetings")
    SCHEDULE_MEETING = "schedule_meeting", _("Scheduled a formulation meeting")
    CANCEL_MEETING = "cancel_meeting", _("Cancelled a formulation meeting")
    INVITE_TO_MEETING = "invite_to_meeting", _("Invited people to a formulation meeting")
    ANSWER_INVITATION = "answer_invitation", _("Answered a meeting invitation")
    RECORD_MEETING = "record_meeting", _("Recorded a formulation meeting")
    RECORD_MEETING_ACTION = "record_meeting_action", _("Recorded a meeting action")
    DOWNLOAD_MEETING_PACK = "download_meeting_pack", _("Downloaded a meeting pack")
    VIEW_TIERS = "view_tiers", _("Viewed the child's Trauma Recovery Model tiers")
    RECORD_TIER = "record_tier", _("Recorded the child's Trauma Recovery Model tier")
    UPDATE_TIER_WORDING = "update_tier_wording", _("Changed the wording of a tier")
    # The child's and family's voice, and developmental mapping (ecm.voice, ecm.development).
    VIEW_VOICE = "view_voice", _("Viewed the child's and family's voice")
    RECORD_VOICE = "record_voice", _("Recorded the voice of the child or a carer")
    VIEW_DEVELOPMENT = "view_development", _("Viewed the child's developmental mapping")
    RECORD_DEVELOPMENT = "record_development", _("Recorded a developmental mapping")
    # Case notes and the activity list (ecm.casenotes).
    VIEW_CASE_NOTES = "view_case_notes", _("Viewed the child's case notes")
    RECORD_CASE_NOTE = "record_case_note", _("Added a case note")
    UPDATE_CASE_NOTE = "update_case_note", _("Changed a draft case note")
    FINALISE_CASE_NOTE = "finalise_case_note", _("Made a case note final")
    VIEW_ACTIVITY = "view_activity", _("Viewed the child's activity list")
    # Safeguarding and risk concerns (ecm.safeguarding).
    VIEW_CONCERNS = "view_concerns", _("Viewed the child's safeguarding concerns")
    RAISE_CONCERN = "raise_concern", _("Raised a safeguarding concern")
    ESCALATE_CONCERN = "escalate_concern", _("Escalated a safeguarding concern")
    RESPOND_TO_CONCERN = "respond_to_concern", _("Responded to an escalated concern")
    RECORD_CONCERN_REFERRAL = "record_concern_referral", _("Recorded a referral to an agency")
    UPDATE_CONCERN_REFERRAL = "update_concern_referral", _("Recorded a referral's outcome")
    CLOSE_CONCERN = "close_concern", _("Closed a safeguarding concern")
    # Voluntary engagement and the move to adult probation (ecm.transitions).
    VIEW_TRANSITIONS = "view_transitions", _("Viewed voluntary engagement and transition")
    START_VOLUNTARY = "start_voluntary", _("Started voluntary engagement")
    REVIEW_VOLUNTARY = "review_voluntary", _("Reviewed voluntary engagement")
    END_VOLUNTARY = "end_voluntary", _("Ended voluntary engagement")
    RECORD_TRANSITION_PLAN = "record_transition_plan", _("Made a transition plan")
    UPDATE_TRANSITION_PLAN = "update_transition_plan", _("Changed a transition plan")
    RECORD_TRANSITION_STEP = "record_transition_step", _("Recorded a step of a transition plan")
    RECORD_TRANSFER_REVIEW = "record_transfer_review", _("Reviewed the move to adult probation")
    DOWNLOAD_HANDOVER_PACK = "download_handover_pack", _("Downloaded a handover pack")
    # Appointments and the non-attendance pathway (ecm.appointments, ecm.compliance).
    VIEW_APPOINTMENTS = "view_appointments", _("Viewed the child's appointments")
    BOOK_APPOINTMENT = "book_appointment", _("Booked an appointment")
    BOOK_APPOINTMENT_SERIES = "book_appointment_series", _("Booked a series of appointments")
    UPDATE_APPOINTMENT = "update_appointment", _("Changed an appointment")
    RECORD_OUTCOME = "record_outcome", _("Recorded the outcome of an appointment")
    VIEW_COMPLIANCE = "view_compliance", _("Viewed the child's follow-ups and enforcement")
    OPEN_FOLLOW_UP = "open_follow_up", _("Opened a follow-up after a missed appointment")
    RECORD_FOLLOW_UP_ATTEMPT = (
        "record_follow_up_attempt",
        _("Recorded an attempt to reach the child or family"),
    )
    COMPLETE_FOLLOW_UP = "complete_follow_up", _("Completed a follow-up")
    RECORD_CONSULTATION = "record_consultation", _("Recorded a consultation with the psychologist")
    RECORD_ENFORCEMENT_DECISION = (
        "record_enforcement_decision",
        _("Recorded an enforcement decision"),
    )
    SIGN_OFF_ENFORCEMENT = "sign_off_enforcement", _("Signed off an enforcement decision")
    DOWNLOAD_WARNING_LETTER = "download_warning_letter", _("Downloaded a warning letter")
    # Formulation reports (ecm.formulation).
    VIEW_FORMULATION = "view_formulation", _("Viewed the child's formulation report")
    START_FORMULATION = "start_formulation", _("Started a formulation report or a revision")
    UPDATE_FORMULATION = "update_formulation", _("Changed a draft formulation report")
    RECORD_RECOMMENDATION = "record_recommendation", _("Added or changed a recommendation")
    SUBMIT_FORMULATION = "submit_formulation", _("Submitted a formulation report")
    APPROVE_FORMULATION = "approve_formulation", _("Signed off a formulation report")
    DOWNLOAD_FORMULATION = "download_formulation", _("Downloaded a formulation report")
    # The intervention catalogue and the plan (ecm.interventions, ecm.plans).
    CHANGE_INTERVENTIONS = "change_interventions", _("Changed the intervention catalogue")
    VIEW_PLAN = "view_plan", _("Viewed the child's plan")
    CREATE_PLAN = "create_plan", _("Created or updated the plan from the formulation report")
    UPDATE_PLAN_ITEM = "update_plan_item", _("Changed an item of the child's plan")
    SEE_TIER_CHANGE = "see_tier_change", _("Reviewed the plan after a change of tier")
    SAVE_MY_PLAN = "save_my_plan", _("Saved a “My plan” summary")
    DOWNLOAD_MY_PLAN = "download_my_plan", _("Downloaded a “My plan” summary")


class AuditEvent(models.Model):
    """Who did what to which child, when and from which request.

    Actor, service and child are plain ids rather than foreign keys so that the
    record outlives anything it mentions. PostgreSQL refuses UPDATE and DELETE on
    this table (see migration 0002).
    """

    at = models.DateTimeField(default=timezone.now)
    user_id = models.BigIntegerField(null=True)
    username = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=30, blank=True)
    service_id = models.BigIntegerField(null=True)
    child_id = models.BigIntegerField(null=True)
    verb = models.CharField(max_length=40, choices=Verb.choices)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=60, blank=True)
    reason = models.CharField(max_length=200, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    request_id = models.CharField(max_length=32, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["child_id", "-at"], name="audit_child_at"),
            models.Index(fields=["user_id", "-at"], name="audit_user_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.verb}"
