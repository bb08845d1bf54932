"""Task results in the Django admin (staff only) with their attempt count, failed ones first."""

from django.contrib import admin
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult


class TaskResultAdmin(DBTaskResultAdmin):
    list_display = (
        "task_name",
        "status",
        "attempts",
        "enqueued_at",
        "run_after",
        "finished_at",
        "exception_class_path",
    )
    list_filter = ("status", "queue_name")
    search_fields = ("task_path", "exception_class_path")

    @admin.display(description="attempts")
    def attempts(self, obj):
        return len(obj.worker_ids)


admin.site.unregister(DBTaskResult)
admin.site.register(DBTaskResult, TaskResultAdmin)
