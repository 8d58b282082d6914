/* rules.h - the validators the field table points at, and what they share.
 *
 * Internal to src/config: a validator gets the value of one well-typed
 * field and the context of the whole file (the region and partition the
 * ARNs must match), and adds problems.  Rules that span several fields
 * (the database mode, the SSO arguments, the custom VPC) run after them. */
#ifndef LO_CONFIG_RULES_H
#define LO_CONFIG_RULES_H

#include "config/model.h"

struct config_check_ctx {
	const lo_config *cfg;
	const char *region;     /* aws_region when well-formed, else NULL */
	const char *partition;  /* its partition, else NULL */
};

const struct config_problems *config_load_notes(const lo_config *cfg);
/* The document itself, writable, for the model's own modules. */
json_t *config_doc(const lo_config *cfg);
/* Secret by the table or by its name (client_secret, password, token...). */
bool config_path_is_secret(const char *path);
void config_mark_dirty(lo_config *cfg);

/* Hostname rules shared with the URL checks; returns NULL when fine or a
 * translated reason. */
const char *rules_hostname_problem(const char *host);

config_check_fn check_account_name, check_region, check_hostname, check_optional_hostname,
	check_webhooks, check_acm_arn, check_sns_arn, check_db_secret_arn, check_kms_arn,
	check_replica_kms_arn, check_primary_kms_arn, check_secret_arn, check_s3_arn, check_lb_scheme,
	check_subnet_placement, check_ssl_policy, check_instance_class, check_backup_days,
	check_email, check_sso_type, check_issuer_url, check_name_id_format, check_tag,
	check_tags, check_positive, check_proxy_url, check_no_proxy, check_ca_certs,
	check_vpc_id, check_subnet_list, check_sg_id, check_cidr, check_mask_size, check_az_list,
	check_replica_region;

#endif
