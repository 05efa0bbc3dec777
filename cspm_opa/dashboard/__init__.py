"""The trend dashboard: posture, compliance and findings over time, from the history store.

::

    from cspm_opa.dashboard import dashboard_data, render_dashboard
    from cspm_opa.store import open_store

    with open_store("history.db") as store:
        html = render_dashboard(dashboard_data(store))

docs/dashboard.md says what each chart shows and how it is computed.
"""

from __future__ import annotations

from cspm_opa.dashboard.data import DashboardData, build_dashboard_data, dashboard_data
from cspm_opa.dashboard.html import render_dashboard

__all__ = ["DashboardData", "build_dashboard_data", "dashboard_data", "render_dashboard"]
