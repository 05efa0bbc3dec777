"""Azure normalizers: ARM REST payloads (the shapes of azure-rest-api-specs) to
``azurerm_*`` resource documents. Pure functions, no SDK imports: the collector
serializes SDK models back to their REST shape before calling them, and tests can
feed recorded or hand-written payloads directly."""

from cspm_opa.normalize.azure.assessments import system_update_assessment
from cspm_opa.normalize.azure.authorization import role_assignment, role_definition
from cspm_opa.normalize.azure.compute import managed_disk, virtual_machine
from cspm_opa.normalize.azure.graph import (
    application_insights,
    databricks_workspace,
    from_graph_row,
)
from cspm_opa.normalize.azure.keyvault import key_vault
from cspm_opa.normalize.azure.monitor import (
    activity_log_alert,
    log_profile,
    subscription_diagnostic_setting,
)
from cspm_opa.normalize.azure.network import (
    bastion_host,
    flow_log,
    network_interface,
    network_security_group,
    network_watcher,
    public_ip,
)
from cspm_opa.normalize.azure.sql import mssql_database, mssql_server
from cspm_opa.normalize.azure.storage import storage_account
from cspm_opa.normalize.azure.subscription import (
    auto_provisioning,
    defender_plan,
    security_contact,
    subscription,
)
from cspm_opa.normalize.azure.web import app_service

__all__ = [
    "activity_log_alert",
    "app_service",
    "application_insights",
    "auto_provisioning",
    "bastion_host",
    "databricks_workspace",
    "defender_plan",
    "flow_log",
    "from_graph_row",
    "key_vault",
    "log_profile",
    "managed_disk",
    "mssql_database",
    "mssql_server",
    "network_interface",
    "network_security_group",
    "network_watcher",
    "public_ip",
    "role_assignment",
    "role_definition",
    "security_contact",
    "storage_account",
    "subscription",
    "subscription_diagnostic_setting",
    "system_update_assessment",
    "virtual_machine",
]
