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
#     PCI_DSS_v4.0: ["7.2.1"]
#     SOC2: ["CC6.1", "CC6.6"]
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
