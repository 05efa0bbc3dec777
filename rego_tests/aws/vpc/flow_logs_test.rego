package cspm.checks.aws.vpc.flow_logs_test

import data.cspm.checks.aws.vpc.flow_logs

arn := "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-0abc"

vpc(logs) := {"resources": {"aws_vpc": {arn: {"id": arn, "type": "aws_vpc", "config": {"flow_logs": logs}}}}}

log(traffic) := {"flow_log_id": "fl-1", "flow_log_status": "ACTIVE", "traffic_type": traffic}

test_pass_all_traffic if {
	count(flow_logs.deny) == 0 with input as vpc([log("ALL")])
}

test_pass_reject_traffic if {
	count(flow_logs.deny) == 0 with input as vpc([log("REJECT")])
}

test_fail_no_flow_logs if {
	flow_logs.deny == {{"resource": arn, "message": "VPC has no active flow log capturing rejected traffic"}} with input as vpc([])
}

test_fail_accept_only if {
	some d in flow_logs.deny with input as vpc([log("ACCEPT")])
	d.resource == arn
}
