from django.db import models


class Generation(models.Model):
    """One row: how often what the public may see has changed (`number`), and how often anything
    has (`everything`). Cached pages are kept under the number they were rendered at, so a change
    makes every earlier page unreachable at once, on every instance, whatever cache each instance
    has (pagecache.generations)."""

    number = models.BigIntegerField(default=0)
    everything = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="generation_single_row")
        ]

    def __str__(self):
        return str(self.number)
