from django.contrib import admin

from groundwork.learning.models import Course, Step


class StepInline(admin.TabularInline):
    model = Step
    extra = 1
    raw_id_fields = ["resource", "event"]


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "scope"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["group", "created_by"]
    inlines = [StepInline]
