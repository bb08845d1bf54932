"""What deleting an owner will remove, for the admins' confirmation pages."""

from django import template

from home.deletion import deletion_preview

register = template.Library()


@register.simple_tag
def owner_deletion_preview(user):
    return deletion_preview(user)
