"""What the interface must remember beyond the council's own records."""

from django.db import models


class Tombstone(models.Model):
    """An object that was public and is no longer: deleted, or depublished. OParl lists show it
    as `deleted: true` to clients that ask what changed since their last visit."""

    oparl_type = models.CharField(max_length=30)
    # The object's path below /oparl/v1/ ("paper/12"): its id without the site's address,
    # which may change.
    path = models.CharField(max_length=100, unique=True)
    deleted_at = models.DateTimeField()

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["oparl_type", "deleted_at"])]

    def __str__(self):
        return f"{self.path} ({self.deleted_at:%Y-%m-%d})"


class FileDigest(models.Model):
    """The SHA-1 of a stored file, computed once: a stored file's name changes with its content."""

    name = models.CharField(max_length=255, unique=True)
    size = models.PositiveBigIntegerField()
    sha1 = models.CharField(max_length=40)

    def __str__(self):
        return self.name
