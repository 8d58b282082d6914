/* eval_database.c - a self-managed database: the SSM parameter (or
 * Secrets Manager secret) named by connection_string_ssm_arn exists,
 * decrypts with connection_string_ssm_kms_arn, and holds
 * {"DATABASE_URL": "postgres://user:pw@host:5432/db?..."}.
 *
 * The connection string is a secret: no part of it (user, password, host,
 * port, database name) ever reaches the detail, the hint or the data.
 * Messages name the part that is wrong, never its value.  The value stays
 * an lo_secret until it is parsed, and jansson's copies are wiped as well:
 * while the value is parsed and freed, jansson allocates through a pair
 * of functions that remember each block's size and wipe it on free.
 *
 * The installer deletes its own spacelift/database secret on the next run
 * once connection_string_ssm_arn is set, so pointing at it is a FAIL;
 * names are compared without Secrets Manager's random "-AbC123" suffix,
 * and SSM's /aws/reference/secretsmanager/ path counts as the secret.
 *
 * Decision: the vendor's example URL ends in ?statement_cache_capacity=0
 * (prepared statements break behind connection poolers), so a URL
 * without it is a WARN, not a FAIL: a direct connection works without. */
#include "config.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "checks/eval_database.h"
#include "core/i18n.h"

#define INSTALLER_SECRET "spacelift/database"
#define SSM_SECRET_REF "aws/reference/secretsmanager/"

static bool is_sm_suffix(const char *s)
{
	if (strlen(s) != 6)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s))
			return false;
	return true;
}

char *eval_database_secret_name(const char *arn)
{
	char *service = eval_arn_field(arn, 2), *res = eval_arn_field(arn, 5);
	char *name = NULL;
	if (str_eq(service, "secretsmanager") && str_starts_with(res, "secret:")) {
		name = xstrdup(res + strlen("secret:"));
		char *dash = strrchr(name, '-');
		if (dash && is_sm_suffix(dash + 1))
			*dash = '\0';
	} else if (str_eq(service, "ssm") && str_starts_with(res, "parameter/")) {
		const char *p = res + strlen("parameter/");
		if (str_starts_with(p, SSM_SECRET_REF))
			p += strlen(SSM_SECRET_REF);
		name = xstrdup(p);
	}
	free(service);
	free(res);
	return name;
}

/* A Secrets Manager name with a suffix may or may not have one: compare
 * both ways, so "spacelift/database-AbC123" and "spacelift/database" match. */
static bool is_installer_secret(const char *arn)
{
	char *name = eval_database_secret_name(arn);
	char *res = eval_arn_field(arn, 5);
	bool own = str_eq(name, INSTALLER_SECRET) ||
		   str_eq(res, "secret:" INSTALLER_SECRET) ||
		   str_eq(res, "parameter/" SSM_SECRET_REF INSTALLER_SECRET);
	free(name);
	free(res);
	return own;
}

struct error_text {
	const char *code;
	const char *detail;   /* N_() */
	const char *hint;     /* N_() */
};

static const struct error_text fetch_errors[] = {
	{ "ParameterNotFound", N_("the SSM parameter does not exist"),
	  N_("Create it (a SecureString in the installation region) or fix "
	     "connection_string_ssm_arn.") },
	{ "ResourceNotFoundException", N_("the secret does not exist"),
	  N_("Create it in the installation region or fix connection_string_ssm_arn.") },
	{ "AccessDeniedException", N_("access to the parameter or its key was denied"),
	  N_("Allow these credentials ssm:GetParameter (or secretsmanager:GetSecretValue) on "
	     "it and kms:Decrypt on its key.") },
	{ "KMSAccessDeniedException", N_("the parameter cannot be decrypted: access to its KMS "
					 "key was denied"),
	  N_("Allow kms:Decrypt on the key, or encrypt the parameter with the key in "
	     "connection_string_ssm_kms_arn (the Spacelift master key is recommended).") },
	{ "InvalidKeyId", N_("the parameter's KMS key is not valid"),
	  N_("Encrypt the parameter with an enabled key and name that key in "
	     "connection_string_ssm_kms_arn.") },
	{ "KMSDisabledException", N_("the parameter's KMS key is disabled"),
	  N_("Enable the key in the KMS console, or encrypt the parameter with another key.") },
	{ "DecryptionFailure", N_("the secret cannot be decrypted with its KMS key"),
	  N_("Allow kms:Decrypt on the secret's key, or re-encrypt it with the key in "
	     "connection_string_ssm_kms_arn.") },
};

static bool check_kms(const struct eval_database_input *in, struct eval_verdict *v)
{
	if (!in->kms_key_found) {
		eval_set(v, CHECK_FAIL, _("Set connection_string_ssm_kms_arn to the ARN of the key "
					  "that encrypts the parameter (the Spacelift master key "
					  "from spacelift-infra-kms is recommended)."),
			 _("the KMS key %s was not found"), in->kms_key_arn);
		return false;
	}
	if (str_eq(in->kms_key_state, "Enabled"))
		return true;
	if (str_eq(in->kms_key_state, "PendingDeletion"))
		eval_set(v, CHECK_FAIL, _("Cancel the key's deletion in the KMS console (Key actions "
					  "→ Cancel key deletion), then enable it."),
			 _("the KMS key is scheduled for deletion"));
	else if (str_eq(in->kms_key_state, "Disabled"))
		eval_set(v, CHECK_FAIL, _("Enable the key in the KMS console (Key actions → Enable)."),
			 _("the KMS key is disabled"));
	else
		eval_set(v, CHECK_FAIL, _("Use an enabled KMS key."),
			 _("the KMS key's state is %s, not Enabled"),
			 in->kms_key_state ? in->kms_key_state : "?");
	return false;
}

static void fetch_failed(const char *code, struct eval_verdict *v)
{
	for (size_t i = 0; i < sizeof fetch_errors / sizeof fetch_errors[0]; i++) {
		if (str_eq(code, fetch_errors[i].code)) {
			eval_set(v, CHECK_FAIL, _(fetch_errors[i].hint), "%s",
				 _(fetch_errors[i].detail));
			return;
		}
	}
	eval_set(v, CHECK_FAIL, _("Check that the parameter exists and these credentials may read "
				  "and decrypt it."),
		 _("the parameter could not be read (%s)"), code);
}

static bool port_ok(const char *p, size_t n)
{
	if (n == 0 || n > 5)
		return false;
	long port = 0;
	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)p[i]))
			return false;
		port = port * 10 + (p[i] - '0');
	}
	return port >= 1 && port <= 65535;
}

/* The URL's shape; on a problem, the name of the part.  Never copies it. */
struct url_shape {
	const char *problem;   /* N_(), or NULL */
	bool user;
	bool cache_param;      /* statement_cache_capacity=0 */
};

static bool has_query_param(const char *query, const char *want)
{
	size_t wl = strlen(want);
	for (const char *p = query; p && *p;) {
		size_t n = strcspn(p, "&#");
		if (n == wl && strncmp(p, want, wl) == 0)
			return true;
		p += n;
		if (*p != '&')
			break;
		p++;
	}
	return false;
}

static struct url_shape url_check(const char *url)
{
	struct url_shape s = { NULL, false, false };
	size_t scheme;
	if (strncasecmp(url, "postgres://", 11) == 0)
		scheme = 11;
	else if (strncasecmp(url, "postgresql://", 13) == 0)
		scheme = 13;
	else {
		s.problem = N_("DATABASE_URL does not start with postgres:// or postgresql://");
		return s;
	}
	const char *auth = url + scheme;
	size_t alen = strcspn(auth, "/?#");
	const char *at = NULL;
	for (const char *p = auth; p < auth + alen; p++)
		if (*p == '@')
			at = p;
	s.user = at && at > auth && *auth != ':';
	const char *host = at ? at + 1 : auth;
	size_t hlen = (size_t)(auth + alen - host);
	const char *colon = NULL;
	if (hlen && *host == '[') {
		const char *close = memchr(host, ']', hlen);
		if (!close || close == host + 1 || (close + 1 < host + hlen && close[1] != ':')) {
			s.problem = N_("DATABASE_URL has a malformed IPv6 host");
			return s;
		}
		if (close + 1 < host + hlen)
			colon = close + 1;
	} else {
		colon = memchr(host, ':', hlen);
	}
	size_t name_len = colon ? (size_t)(colon - host) : hlen;
	if (name_len == 0 || colon == host) {
		s.problem = N_("DATABASE_URL has no host");
		return s;
	}
	if (colon && !port_ok(colon + 1, (size_t)(host + hlen - colon - 1))) {
		s.problem = N_("DATABASE_URL's port is not a number from 1 to 65535");
		return s;
	}
	const char *rest = auth + alen;
	if (*rest != '/' || rest[1] == '\0' || rest[1] == '?' || rest[1] == '#') {
		s.problem = N_("DATABASE_URL names no database (postgres://user:password@host:5432/"
			       "DATABASE)");
		return s;
	}
	const char *q = strchr(rest, '?');
	s.cache_param = q && has_query_param(q + 1, "statement_cache_capacity=0");
	return s;
}

/* Blocks jansson allocates while it holds the secret: sized, so that
 * they can be wiped when freed. */
union wipe_header {
	size_t size;
	max_align_t align;
};

static void *wiping_malloc(size_t n)
{
	union wipe_header *h = malloc(sizeof *h + n);
	if (!h)
		return NULL;
	h->size = n;
	return h + 1;
}

static void wiping_free(void *p)
{
	if (!p)
		return;
	union wipe_header *h = (union wipe_header *)p - 1;
	secret_wipe(p, h->size);
	free(h);
}

enum value_problem { VALUE_OK, VALUE_NOT_OBJECT, VALUE_NO_URL, VALUE_URL_NOT_STRING };

/* Parse the value and look at its URL.  Between swapping jansson's
 * allocator in and back, only the parsed document is created and freed
 * (no threads in liftoff), so no block crosses allocators. */
static enum value_problem read_value(const lo_secret *value, struct url_shape *shape)
{
	json_malloc_t saved_malloc;
	json_free_t saved_free;
	json_get_alloc_funcs(&saved_malloc, &saved_free);
	json_set_alloc_funcs(wiping_malloc, wiping_free);
	json_t *doc = json_loads(secret_reveal(value), JSON_REJECT_DUPLICATES, NULL);
	const json_t *url = json_object_get(doc, "DATABASE_URL");
	enum value_problem p = VALUE_OK;
	if (!json_is_object(doc))
		p = VALUE_NOT_OBJECT;
	else if (!url)
		p = VALUE_NO_URL;
	else if (!json_is_string(url))
		p = VALUE_URL_NOT_STRING;
	else
		*shape = url_check(json_string_value(url));
	json_decref(doc);
	json_set_alloc_funcs(saved_malloc, saved_free);
	return p;
}

static void check_value(const lo_secret *value, struct eval_verdict *v)
{
	static const char *const expected =
		N_("Store {\"DATABASE_URL\":\"postgres://USER:PASSWORD@HOST:5432/DATABASE"
		   "?statement_cache_capacity=0\"} in the parameter.");
	struct url_shape s = { NULL, false, false };
	switch (read_value(value, &s)) {
	case VALUE_NOT_OBJECT:
		eval_set(v, CHECK_FAIL, _(expected), _("the parameter does not hold a JSON object"));
		return;
	case VALUE_NO_URL:
		eval_set(v, CHECK_FAIL, _(expected), _("the parameter's JSON has no DATABASE_URL"));
		return;
	case VALUE_URL_NOT_STRING:
		eval_set(v, CHECK_FAIL, _(expected), _("DATABASE_URL is not a string"));
		return;
	case VALUE_OK:
		break;
	}
	json_object_set_new(v->data, "statement_cache_capacity", json_boolean(s.cache_param));
	if (s.problem)
		eval_set(v, CHECK_FAIL, _(expected), "%s", _(s.problem));
	else if (!s.user)
		eval_set(v, CHECK_WARN, _(expected),
			 _("DATABASE_URL names no user; Spacelift needs credentials"));
	else if (!s.cache_param)
		eval_set(v, CHECK_WARN, _("Add ?statement_cache_capacity=0 to DATABASE_URL, as in "
					  "Spacelift's example; it is needed behind a connection "
					  "pooler."),
			 _("the connection string is valid, but lacks statement_cache_capacity=0"));
	else
		eval_set(v, CHECK_PASS, NULL, _("the connection string decrypts and is a valid "
						"PostgreSQL URL (not shown)"));
}

void eval_database(const struct eval_database_input *in, struct eval_verdict *v)
{
	if (str_empty(in->parameter_arn)) {
		eval_set(v, CHECK_SKIP, NULL, _("skipped: the installer creates and manages the "
						"database (no connection_string_ssm_arn)"));
		return;
	}
	char *name = eval_database_secret_name(in->parameter_arn);
	bool arn_ok = name != NULL;
	free(name);
	if (!arn_ok) {
		eval_set(v, CHECK_FAIL, _("Give the ARN of an SSM parameter "
					  "(arn:aws:ssm:REGION:ACCOUNT:parameter/NAME) or of a "
					  "Secrets Manager secret."),
			 _("connection_string_ssm_arn is not an SSM parameter or secret ARN"));
		return;
	}
	if (is_installer_secret(in->parameter_arn)) {
		eval_set(v, CHECK_FAIL, _("Create a new secret or parameter with the same value and "
					  "use its ARN: the next install deletes spacelift/database."),
			 _("connection_string_ssm_arn is the installer's own spacelift/database "
			   "secret"));
		return;
	}
	if (str_empty(in->kms_key_arn)) {
		eval_set(v, CHECK_FAIL, _("Set connection_string_ssm_kms_arn to the ARN of the key "
					  "that encrypts the parameter."),
			 _("connection_string_ssm_kms_arn is not set"));
		return;
	}
	eval_set_data(v, json_pack("{s:s, s:s}", "parameter_arn", in->parameter_arn,
				   "kms_key_arn", in->kms_key_arn));
	if (!check_kms(in, v))
		return;
	if (in->fetch_error) {
		fetch_failed(in->fetch_error, v);
		return;
	}
	check_value(in->value, v);
}
