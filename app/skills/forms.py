"""Skills forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField


class TargetRoleForm(FlaskForm):
    """Choose the role the gap report compares against."""

    role = SelectField(_l("Target role"), choices=[])
