"""Emails leave through a Django task; what arrives is the message that was sent."""

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django_tasks.signals import task_enqueued

from accounts.email_backend import deliver_email

from .factories import ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def task_email(settings):
    settings.EMAIL_BACKEND = "accounts.email_backend.TaskQueueEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []


def test_password_reset_email_is_delivered_through_the_task(client, task_email):
    enqueued = []

    def record(sender, task_result, **kwargs):
        enqueued.append(task_result.task.name)

    task_enqueued.connect(record)
    profile = ProfileFactory()
    try:
        client.post(reverse("account_reset_password"), {"email": profile.user.email})
    finally:
        task_enqueued.disconnect(record)

    assert enqueued == [deliver_email.name]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [profile.user.email]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_html_alternatives_and_headers_survive_the_task(task_email):
    message = EmailMultiAlternatives(
        "Subject", "Plain", "hub@example.com", ["owner@example.com"], headers={"X-Tag": "1"}
    )
    message.attach_alternative("<p>Rich</p>", "text/html")
    message.send()
    delivered = mail.outbox[0]
    assert delivered.subject == "Subject"
    assert delivered.alternatives[0][0] == "<p>Rich</p>"
    assert delivered.extra_headers["X-Tag"] == "1"
