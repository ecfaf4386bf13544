"""Courses: ordered steps through the library's resources and the movement's events; progress."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from groundwork.core.models import TimeStampedModel
from groundwork.resources.models import Resource


class Course(TimeStampedModel):
    """An ordered path through resources and events, such as "Demystifying economics"."""

    Scope = Resource.Scope

    # No group: one of the alliance's own courses, kept by its coordinators.
    group = models.ForeignKey(
        "groups.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="courses"
    )
    title = models.CharField(max_length=160)
    slug = models.SlugField(max_length=160, unique=True)
    summary = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True, help_text=_("Markdown."))
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.ALLIANCE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Not a column: the course lists set the reader's progress on each course they show.
    progress: int

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(scope="group") | models.Q(group__isnull=False),
                name="course_group_scope_needs_a_group",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:course", kwargs={"slug": self.slug})

    def get_builder_url(self, page: str = "course_edit", **kwargs) -> str:
        """The address of one of the pages that build the course (`course_edit`, `step_add`,
        `step_move`, `step_remove`): under its group's pages for a group's course, under
        courses/ for one of the alliance's own. Fetch the course with its group."""
        group = self.group  # no query for one of the alliance's courses
        if group is None:
            return reverse(f"learning:{page}", kwargs={"slug": self.slug, **kwargs})
        return reverse(
            f"learning:group_{page}",
            kwargs={"slug": group.slug, "course_slug": self.slug, **kwargs},
        )


class Step(models.Model):
    """One step of a course: read a resource, or go to an event."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(
        max_length=160, blank=True, help_text=_("Empty: the resource's or event's own title.")
    )
    note = models.TextField(blank=True, help_text=_("Why this step, what to look out for."))
    resource = models.ForeignKey(
        Resource, null=True, blank=True, on_delete=models.CASCADE, related_name="course_steps"
    )
    event = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.CASCADE, related_name="course_steps"
    )

    class Meta:
        ordering = ["course", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "position"], name="one_course_step_per_position"
            ),
            models.CheckConstraint(
                condition=models.Q(resource__isnull=False, event__isnull=True)
                | models.Q(resource__isnull=True, event__isnull=False),
                name="step_is_a_resource_or_an_event",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.display_title}"

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        item = self.resource if self.resource_id else self.event
        return str(item) if item else ""


class Completion(models.Model):
    """A member marked a step of a course done."""

    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="completions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_completions"
    )
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["step", "user"], name="one_completion_per_step")
        ]
        indexes = [models.Index(fields=["user", "step"], name="completion_user_step")]

    def __str__(self) -> str:
        return f"{self.user} finished {self.step}"
