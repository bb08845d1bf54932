"""The owner's record of use of the external MintKit Studio."""

import uuid

from django.db import models

from accounts.models import Profile


class MintKitAccess(models.Model):
    """How the Studio knows an owner: a stable external id (never the database id) and launches."""

    profile = models.OneToOneField(Profile, on_delete=models.CASCADE, related_name="studio")
    external_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    first_accessed_at = models.DateTimeField(null=True, blank=True)
    last_accessed_at = models.DateTimeField(null=True, blank=True)
    launch_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "MintKit Studio access"
        verbose_name_plural = "MintKit Studio access"

    def __str__(self):
        return f"{self.profile} ({self.external_id})"
