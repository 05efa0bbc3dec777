# METADATA
# title: Lambda functions cannot be invoked by anyone
# description: >-
#   A resource policy that allows every principal without a condition naming a source
#   account, ARN or organization, or a function URL without authentication, lets
#   anyone on the internet run the function with its role's permissions.
# custom:
#   id: AWS-LAMBDA-001
#   severity: HIGH
#   resource_type: aws_lambda_function
#   remediation: >-
#     Remove the statement (`aws lambda remove-permission --function-name NAME
#     --statement-id SID`) or add a condition on aws:SourceAccount, aws:SourceArn or
#     aws:PrincipalOrgID; give function URLs the AWS_IAM auth type.
#   compliance:
#     PCI_DSS_v4.0: ["1.2.8", "1.3.1", "1.3.2", "1.4.2", "1.5.1", "3.5.1.3", "7.2.1", "10.3.2",
#       "A1.1.2", "A1.1.3", "A3.4.1"]
#     SOC2: ["CC6.1", "CC6.6"]
#     NIST_800_53_r5: ["AC-2(6)", "AC-3", "AC-3(7)", "AC-4(21)", "AC-6", "AC-17(b)", "AC-17(1)",
#       "AC-17(4)(a)", "AC-17(9)", "AC-17(10)", "MP-2", "SC-7(2)", "SC-7(3)", "SC-7(7)",
#       "SC-7(9)(a)", "SC-7(11)", "SC-7(12)", "SC-7(16)", "SC-7(20)", "SC-7(21)", "SC-7(24)(b)",
#       "SC-7(25)", "SC-7(26)", "SC-7(27)", "SC-7(28)", "SC-7(a)", "SC-7(b)", "SC-7(c)", "SC-25"]
#     ISO_27001_2022: ["A.8.1"]
package cspm.checks.aws.lambda.not_public

import data.cspm.lib.aws.iam

# Condition keys that tie an "anyone" statement to a known caller.
restricting_keys := {
	"aws:sourceaccount",
	"aws:sourcearn",
	"aws:sourceowner",
	"aws:principalorgid",
	"aws:principalaccount",
	"aws:sourceorgid",
}

deny contains {"resource": id, "message": msg} if {
	some id, function in input.resources.aws_lambda_function
	some stmt in function.config.policy.Statement
	stmt.Effect == "Allow"
	iam.statement_principal_is_anyone(stmt)
	not restricted(stmt)
	msg := sprintf("resource policy statement %q lets anyone invoke the function", [object.get(stmt, "Sid", "")])
}

deny contains {"resource": id, "message": "a function URL accepts requests without authentication"} if {
	some id, function in input.resources.aws_lambda_function
	"NONE" in function.config.url_auth_types
}

restricted(stmt) if {
	some _, conditions in stmt.Condition
	some key, _ in conditions
	lower(key) in restricting_keys
}
