"""The owner's record of use of the external MintKit Studio, launch codes and access webhooks."""

import uuid

from django.db import models

from accounts.models import Profile


class MintKitAccess(models.Model):
    """How the Studio knows an owner: a stable external id (never the database id) and launches.

    The ``known_*`` fields are the access the Studio was last told about (by an exchanged token
    or a webhook); a webhook goes out only when the access rule's answer differs from them.
    ``known_allowed`` is empty until the Studio has exchanged a first code: before that it does
    not know this owner, so there is nobody to tell.
    """

    profile = models.OneToOneField(Profile, on_delete=models.CASCADE, related_name="studio")
    external_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    first_accessed_at = models.DateTimeField(null=True, blank=True)
    last_accessed_at = models.DateTimeField(null=True, blank=True)
    launch_count = models.PositiveIntegerField(default=0)
    known_allowed = models.BooleanField(null=True, blank=True)
    known_reason = models.CharField(max_length=32, blank=True)
    known_until = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "MintKit Studio access"
        verbose_name_plural = "MintKit Studio access"

    def __str__(self):
        return f"{self.profile} ({self.external_id})"


class LaunchCode(models.Model):
    """A one-time code handed to the Studio in the launch redirect; only its hash is stored."""

    access = models.ForeignKey(MintKitAccess, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"launch code for {self.access_id} ({'used' if self.used_at else 'unused'})"


class AccessWebhook(models.Model):
    """One access-change event for the Studio and the state of its delivery.

    It keeps the exact body it signs, and the Studio's external id rather than a link to the
    owner: an account deletion's ``access.revoked`` must still be delivered after the owner's
    rows are gone.
    """

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        SUPERSEDED = "superseded", "Superseded by a newer event"
        FAILED = "failed", "Failed (gave up)"

    event_id = models.CharField(max_length=40, unique=True)
    type = models.CharField(max_length=32)
    sub = models.UUIDField(db_index=True)
    body = models.TextField(help_text="The exact JSON sent and signed.")
    created_at = models.DateTimeField()
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self):
        return f"{self.type} {self.event_id}"
