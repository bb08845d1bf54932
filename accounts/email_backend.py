"""An email backend that hands each message to a Django task, so no request waits on SMTP.

``EMAIL_BACKEND`` points here; ``EMAIL_DELIVERY_BACKEND`` is the backend the task finally
uses (SMTP in production, the console in development). With the immediate task backend the
message still goes out at once; with a worker backend it leaves the request path.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django_tasks import task

logger = logging.getLogger(__name__)


def as_task_arguments(message):
    """The parts of an email message, as the JSON a task argument must be."""
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
    }


@task()
def deliver_email(message):
    """Send one message (as made by ``as_task_arguments``) through the delivery backend."""
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        from_email=message["from_email"],
        to=message["to"],
        cc=message["cc"],
        bcc=message["bcc"],
        reply_to=message["reply_to"],
        headers=message["headers"],
        connection=get_connection(settings.EMAIL_DELIVERY_BACKEND),
    )
    for content, mimetype in message["alternatives"]:
        email.attach_alternative(content, mimetype)
    email.send()


class TaskQueueEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages:
            if message.attachments:
                # Attachments do not fit in a task's JSON; send these few directly.
                get_connection(settings.EMAIL_DELIVERY_BACKEND).send_messages([message])
            else:
                deliver_email.enqueue(as_task_arguments(message))
            queued += 1
        return queued
