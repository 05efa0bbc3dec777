package cspm.lib.aws.monitoring_test

import data.cspm.fixtures.aws.monitoring as fx
import data.cspm.lib.aws.monitoring

test_atoms_of_a_cis_pattern if {
	monitoring.atoms(fx.patterns["4.3"]) == {
		"$.userIdentity.type=Root",
		"$.userIdentity.invokedByNOTEXISTS",
		"$.eventType!=AwsServiceEvent",
	}
}

test_atoms_ignore_spacing_and_quotes if {
	monitoring.atoms(`{($.eventName="ConsoleLogin")&&($.errorMessage = "Failed authentication")}`) == {
		"$.eventName=ConsoleLogin",
		"$.errorMessage=Failedauthentication",
	}
}

test_covers_needs_every_comparison if {
	monitoring.covers(fx.patterns["4.5"], monitoring.event_names(["CreateTrail", "StopLogging"]))
	not monitoring.covers(fx.patterns["4.5"], monitoring.event_names(["CreateTrail", "DeleteBucket"]))
}

test_an_event_name_is_not_a_prefix_match if {
	not monitoring.covers("{ ($.eventName = CreatePolicyVersion) }", monitoring.event_names(["CreatePolicy"]))
}

test_monitored_log_group_strips_the_wildcard if {
	selectors := [{"read_write_type": "All", "include_management_events": true, "data_resources": []}]
	monitoring.monitored_log_group(true, true, selectors, [], "arn:aws:logs:us-east-1:1:log-group:g:*") == "arn:aws:logs:us-east-1:1:log-group:g"
}

test_no_log_group_without_write_events if {
	selectors := [{"read_write_type": "ReadOnly", "include_management_events": true, "data_resources": []}]
	not monitoring.monitored_log_group(true, true, selectors, [], "arn:aws:logs:us-east-1:1:log-group:g:*")
}
