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
