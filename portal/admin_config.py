from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    default_site = "portal.admin_site.PortalAdminSite"

    def ready(self) -> None:
        # Before autodiscover registers the ModelAdmins (each copies the defaults).
        from portal.dates import install_admin_date_widgets

        install_admin_date_widgets()
        super().ready()
