"""Paid social practice: the ads manager, its policy checker and simulated delivery."""

# The user-data and XSS registrations load with the package, so the registries are complete
# whatever is imported first. The pages (app.ads.views, registered in create_app) are not
# imported here: the pure domain must not pull in the sandbox and, through it, the web app.
from app.ads import userdata  # noqa: F401
