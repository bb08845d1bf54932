"""The storefront editor: Wagtail's own page edit view, with its side panels focused for owners.

Registered as StorefrontPage's page viewset (wagtail_hooks.py), so Wagtail's URLs and names stay
as they are. Staff get Wagtail's edit view unchanged; an owner's status panel has no locking or
"Referenced N times" lines, and there is no accessibility-checks or comments panel: those are
tools for teams of editors, and to an owner of one page they only raise questions.
"""

from wagtail.admin.ui.components import MediaContainer
from wagtail.admin.ui.side_panels import PageStatusSidePanel, PreviewSidePanel
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.viewsets.pages import PageViewSet

from accounts.roles import is_hub_staff

from .models import StorefrontPage


class OwnerStatusSidePanel(PageStatusSidePanel):
    """Wagtail's status panel without the lock and the usage count."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.locking_enabled = False
        self.usage_url = None


class StorefrontEditView(EditView):
    def get_side_panels(self):
        if is_hub_staff(self.request.user):
            return super().get_side_panels()
        side_panels = [
            OwnerStatusSidePanel(
                self.page,
                self.request,
                show_schedule_publishing_toggle=self.form.show_schedule_publishing_toggle,
                live_object=self.real_page_record,
                scheduled_object=self.scheduled_page,
                locale=self.locale,
                translations=self.translations,
                parent_page=self.page.get_parent(),
            ),
        ]
        if not self.expects_json_response:
            side_panels.append(
                PreviewSidePanel(self.page, self.request, preview_url=self.get_preview_url())
            )
        return MediaContainer(side_panels)


class StorefrontPageViewSet(PageViewSet):
    model = StorefrontPage
    edit_view_class = StorefrontEditView
