"""A release's workflow state in admin templates."""

from django import template

from releases import workflow

register = template.Library()


@register.filter
def workflow_state(release):
    """ "Draft", "In review", ..., "Scheduled", "Published", "Withdrawn".

    The stored status alone says "Published" for a release that is only
    scheduled, which is the one a translator most needs to tell apart.
    """
    return workflow.state_name(release)
