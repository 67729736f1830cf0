"""Mail about feedback, sent by the task worker after the transaction commits."""

from django.core.mail import send_mail
from django.tasks import task


@task
def send_feedback_mail(*, subject, text, to):
    send_mail(subject, text, None, to)
    return len(to)
