/* steps.c - see steps.h.  The order follows the installation guide. */
#include "config.h"

#include <string.h>

#include "core/i18n.h"
#include "wizard/steps.h"

const struct wizard_step wizard_steps[] = {
	{ "release", N_("Release archive"), N_("checksum, GPG signature, safe extraction") },
	{ "account", N_("AWS account"), N_("who you are signed in as, and the region") },
	{ "license", N_("License"), N_("accept and activate the License Manager grant") },
	{ "hostname", N_("Hostname"), N_("the Spacelift hostname and its ACM certificate") },
	{ "sso", N_("Single sign-on"), N_("OIDC or SAML, and the first admin") },
	{ "database", N_("Database"), N_("managed Aurora, or your own PostgreSQL") },
	{ "alarms", N_("Alarms"), N_("the SNS topic for CloudWatch alarms") },
	{ "advanced", N_("Advanced"), N_("tags, S3 retention, proxy, VPC, TLS") },
	{ "review", N_("Review"), N_("every answer, then write config.json") },
	{ "install", N_("Install"), N_("run install.sh and watch the stacks") },
};

const size_t wizard_step_count = sizeof wizard_steps / sizeof wizard_steps[0];

const struct wizard_step *wizard_step_find(const char *id)
{
	for (size_t i = 0; i < wizard_step_count; i++)
		if (strcmp(wizard_steps[i].id, id) == 0)
			return &wizard_steps[i];
	return NULL;
}
