# METADATA
# title: Microsoft Defender for Cloud helpers
# description: Reading Defender plans (pricing tiers) of a subscription.
package cspm.lib.azure.defender

# plan_on holds when the Defender plan `name` is on the Standard (paid) tier.
plan_on(plans, name) if {
	some plan in plans
	lower(plan.name) == lower(name)
	plan.pricing_tier == "Standard"
}

# plan_message names the plan and the tier it was found at.
plan_message(plans, name) := sprintf("Microsoft Defender plan %s is on the %s tier", [name, tier]) if {
	some plan in plans
	lower(plan.name) == lower(name)
	tier := plan.pricing_tier
} else := sprintf("Microsoft Defender plan %s is not enabled", [name])
