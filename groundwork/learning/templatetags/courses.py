"""`{% course_builder_url course "step_move" pk=step.pk %}`: the address of a page that builds the
course, under its group's pages or the alliance's (`Course.get_builder_url`)."""

from django import template

from groundwork.learning.models import Course

register = template.Library()


@register.simple_tag
def course_builder_url(course: Course, page: str = "course_edit", **kwargs) -> str:
    return course.get_builder_url(page, **kwargs)
