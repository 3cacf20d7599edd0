"""The "Add to LinkedIn profile" link for a certification (pure)."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

ADD_URL = "https://www.linkedin.com/profile/add"


def add_to_profile_url(
    *,
    name: str,
    organization: str,
    issued: datetime,
    expires: datetime | None,
    cert_url: str,
    cert_id: str,
) -> str:
    """LinkedIn's add-certification link, pre-filled with the credential's details."""
    params: dict[str, str | int] = {
        "startTask": "CERTIFICATION_NAME",
        "name": name,
        "organizationName": organization,
        "issueYear": issued.year,
        "issueMonth": issued.month,
    }
    if expires is not None:
        params["expirationYear"] = expires.year
        params["expirationMonth"] = expires.month
    params["certUrl"] = cert_url
    params["certId"] = cert_id
    return f"{ADD_URL}?{urlencode(params)}"
