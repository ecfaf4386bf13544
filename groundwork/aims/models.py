"""The alliance's platform (aims and objectives, versioned), members adopting it, and the local
action plans in which groups adopt objectives (goals, tasks with owners, due dates, status)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from groundwork.groups.models import Group


class Plank(models.Model):
    """What an aim and an objective share: a numbered heading, its text and points, a version."""

    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=200)
    text = models.TextField(blank=True, help_text=_("Markdown."))
    points = models.TextField(blank=True, help_text=_("One point per line."))
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def point_list(self) -> list[str]:
        return [line.strip() for line in self.points.splitlines() if line.strip()]


class Aim(Plank):
    """One of the alliance's aims, such as a green new deal."""


class Objective(Plank):
    """One of the alliance's objectives: the work a group can adopt into its action plan."""


class Revision(models.Model):
    """One version of an aim or an objective, kept for ever: the platform's history.

    `platform_version` numbers the platform as a whole: the founding text is version 1, and every
    edit to any aim or objective makes the next version.
    """

    aim = models.ForeignKey(
        Aim, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions"
    )
    objective = models.ForeignKey(
        Objective, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions"
    )
    version = models.PositiveIntegerField()
    platform_version = models.PositiveIntegerField(db_index=True)
    title = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    points = models.TextField(blank=True)
    note = models.CharField(max_length=200, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    edited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-platform_version", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(aim__isnull=True) & models.Q(objective__isnull=False))
                | (models.Q(aim__isnull=False) & models.Q(objective__isnull=True)),
                name="revision_of_an_aim_or_an_objective",
            ),
            models.UniqueConstraint(fields=["aim", "version"], name="one_revision_per_aim_version"),
            models.UniqueConstraint(
                fields=["objective", "version"], name="one_revision_per_objective_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"


class PlatformAdoption(models.Model):
    """A member's adoption of the platform, at the version they read, and its withdrawal."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="platform_adoptions"
    )
    version = models.PositiveIntegerField()
    adopted_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-adopted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_active_platform_adoption",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} adopted the platform (version {self.version})"


class ObjectiveAdoption(models.Model):
    """An objective a group has taken into its local action plan."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="objective_adoptions")
    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, related_name="adoptions")
    note = models.TextField(blank=True, help_text=_("Why this matters locally (optional)."))
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    adopted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["objective__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "objective"], name="one_adoption_per_group_objective"
            )
        ]

    def __str__(self) -> str:
        return f"{self.group} adopts {self.objective}"


class Goal(models.Model):
    """What the group means to achieve under an adopted objective."""

    adoption = models.ForeignKey(ObjectiveAdoption, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title


class Task(models.Model):
    """A step towards a goal, with an owner from the group and a due date."""

    class Status(models.TextChoices):
        TODO = "todo", _("To do")
        DOING = "doing", _("Doing")
        DONE = "done", _("Done")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="tasks")
    # Denormalised from the goal so the alliance's roll-up counts tasks with one join less.
    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_tasks",
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.TODO)
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["objective", "status"], name="task_objective_status")]

    def __str__(self) -> str:
        return self.title
