"""Compliance status per framework and the posture score, computed from findings alone."""

from cspm_opa.compliance.scoring import SEVERITY_WEIGHTS, posture_score
from cspm_opa.compliance.summary import compliance_summary, control_status

__all__ = ["SEVERITY_WEIGHTS", "compliance_summary", "control_status", "posture_score"]
