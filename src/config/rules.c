/* rules.c - validation: field types, the per-field rules the table points
 * at, and the rules that span several fields.
 *
 * Every problem names its JSON path, says what is wrong and how to fix it,
 * in words a first-time admin understands.  All problems are collected,
 * never just the first.  Choices where the vendor is silent:
 *  - account_name: lowercase letters, digits and hyphens, starting with a
 *    letter, not ending with a hyphen, 2 to 40 characters (it becomes part
 *    of the module registry URL);
 *  - a well-formed region code liftoff does not know is a warning;
 *  - hostnames need at least two labels (ACM cannot certify a bare name);
 *  - an ARN in the wrong region is an error for the certificate and the
 *    SNS topic, a warning for the database secret and KMS keys;
 *  - keys liftoff does not know are warnings (kept as they are), with a
 *    suggestion when one is a likely typo of a known field. */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "config/arn.h"
#include "config/model.h"
#include "config/rules.h"
#include "core/i18n.h"

#define ERR(out, path, hint, ...) \
	config_problem_add((out), CONFIG_ERROR, (path), (hint), __VA_ARGS__)
#define WARN(out, path, hint, ...) \
	config_problem_add((out), CONFIG_WARNING, (path), (hint), __VA_ARGS__)

static const char *sv(json_t *v)
{
	const char *s = json_string_value(v);
	return s ? s : "";
}

static const char *cs(const lo_config *cfg, const char *path)
{
	return sv(config_get(cfg, path));
}

static bool cb(const lo_config *cfg, const char *path)
{
	bool b = false;
	config_get_bool(cfg, path, &b);
	return b;
}

static bool one_of(const char *s, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

static bool is_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]) && !(s[i] >= 'a' && s[i] <= 'f'))
			return false;
	return true;
}

/* PREFIX-HEX with 8 or 17 hex digits: vpc-, subnet-, sg-. */
static bool aws_id_ok(const char *s, const char *prefix)
{
	if (!str_starts_with(s, prefix))
		return false;
	const char *h = s + strlen(prefix);
	size_t n = strlen(h);
	return (n == 8 || n == 17) && is_hex(h, n);
}

/* Number of UTF-8 code points. */
static size_t utf8_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* ---- top-level names ---- */

void check_account_name(const struct config_check_ctx *ctx, const char *path, json_t *v,
			struct config_problems *out)
{
	const char *s = sv(v);
	size_t n = strlen(s);
	const char *hint = _("Use 2 to 40 lowercase letters, digits and hyphens, starting with a "
			     "letter, e.g. \"mycorp\".");
	if (n < 2 || n > 40) {
		ERR(out, path, hint, _("\"%s\" is %zu characters long; it must be 2 to 40"), s, n);
		return;
	}
	if (!islower((unsigned char)s[0])) {
		ERR(out, path, hint, _("\"%s\" must start with a lowercase letter"), s);
		return;
	}
	for (const char *p = s; *p; p++)
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '-') {
			/* quote the character only when it is one byte of ASCII */
			char c[2] = { (unsigned char)*p < 0x80 ? *p : '?', '\0' };
			ERR(out, path, hint, _("\"%s\" contains '%s'; only lowercase letters, digits "
					       "and hyphens are allowed (it becomes part of the module "
					       "registry URL)"), s, c);
			return;
		}
	if (s[n - 1] == '-')
		ERR(out, path, hint, _("\"%s\" must not end with a hyphen"), s);
}

void check_region(const struct config_check_ctx *ctx, const char *path, json_t *v,
		  struct config_problems *out)
{
	const char *s = sv(v);
	if (arn_region_known(s))
		return;
	if (arn_region_well_formed(s))
		WARN(out, path, _("Check the spelling; liftoff goes on, but the pre-flight checks "
				  "will ask AWS whether the region exists."),
		     _("\"%s\" looks like a region code but is not one liftoff knows"), s);
	else
		ERR(out, path, _("Use a region code such as eu-west-1 or us-east-1, not the "
				 "region's display name."),
		    _("\"%s\" is not an AWS region code"), s);
}

const char *rules_hostname_problem(const char *h)
{
	size_t n = strlen(h);
	if (n == 0)
		return _("the hostname is empty");
	if (strstr(h, "://"))
		return _("it includes a scheme such as https://; give the hostname only");
	if (h[n - 1] == '/' && !memchr(h, '/', n - 1))
		return _("it ends with a slash; give the hostname only");
	if (strchr(h, '/'))
		return _("it includes a path; give the hostname only");
	if (strchr(h, ':'))
		return _("it includes a port; give the hostname only");
	if (h[n - 1] == '.')
		return _("it ends with a dot; leave the trailing dot out");
	if (n > 253)
		return _("it is longer than 253 characters");
	bool dot = false;
	const char *label = h;
	for (const char *p = h;; p++) {
		if (*p == '.' || *p == '\0') {
			size_t len = (size_t)(p - label);
			if (len == 0)
				return _("it has an empty label (two dots in a row, or a leading dot)");
			if (len > 63)
				return _("a label (the part between dots) is longer than 63 characters");
			if (label[0] == '-' || p[-1] == '-')
				return _("a label starts or ends with a hyphen");
			if (*p == '\0')
				break;
			dot = true;
			label = p + 1;
			continue;
		}
		unsigned char c = (unsigned char)*p;
		if (c >= 0x80)
			return _("it contains non-ASCII characters; write an international name in "
				 "its punycode form (xn--...)");
		if (!isalnum(c) && c != '-')
			return _("it contains a character that is not a letter, digit, hyphen or dot");
	}
	if (!dot)
		return _("it is a single label; give a fully qualified name such as "
			 "spacelift.example.com");
	return NULL;
}

void check_hostname(const struct config_check_ctx *ctx, const char *path, json_t *v,
		    struct config_problems *out)
{
	const char *why = rules_hostname_problem(sv(v));
	if (why)
		ERR(out, path, _("Write the bare hostname, e.g. spacelift.example.com."),
		    _("\"%s\" is not a valid hostname: %s"), sv(v), why);
}

void check_optional_hostname(const struct config_check_ctx *ctx, const char *path, json_t *v,
			     struct config_problems *out)
{
	if (*sv(v))
		check_hostname(ctx, path, v, out);
}

/* ---- URLs, through libcurl's parser ---- */

struct url_parts {
	char *scheme, *host, *port, *path, *query, *fragment, *user;
};

static void url_parts_free(struct url_parts *u)
{
	curl_free(u->scheme);
	curl_free(u->host);
	curl_free(u->port);
	curl_free(u->path);
	curl_free(u->query);
	curl_free(u->fragment);
	curl_free(u->user);
	memset(u, 0, sizeof *u);
}

static bool url_split(const char *s, struct url_parts *u)
{
	memset(u, 0, sizeof *u);
	CURLU *h = curl_url();
	if (!h)
		return false;
	bool ok = curl_url_set(h, CURLUPART_URL, s, CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK;
	if (ok) {
		curl_url_get(h, CURLUPART_SCHEME, &u->scheme, 0);
		curl_url_get(h, CURLUPART_HOST, &u->host, 0);
		curl_url_get(h, CURLUPART_PORT, &u->port, 0);
		curl_url_get(h, CURLUPART_PATH, &u->path, 0);
		curl_url_get(h, CURLUPART_QUERY, &u->query, 0);
		curl_url_get(h, CURLUPART_FRAGMENT, &u->fragment, 0);
		curl_url_get(h, CURLUPART_USER, &u->user, 0);
	}
	curl_url_cleanup(h);
	return ok && u->scheme && u->host;
}

void check_webhooks(const struct config_check_ctx *ctx, const char *path, json_t *v,
		    struct config_problems *out)
{
	const char *s = sv(v);
	if (!*s)
		return;
	const char *hint = _("Use an https URL such as https://webhooks.example.com, or a bare "
			     "hostname (read as https://HOST).");
	if (str_starts_with(s, "http://")) {
		ERR(out, path, hint, _("\"%s\" uses plain http; webhooks must use https"), s);
		return;
	}
	char *url = strstr(s, "://") ? xstrdup(s) : xasprintf("https://%s", s);
	struct url_parts u;
	if (!url_split(url, &u))
		ERR(out, path, hint, _("\"%s\" is not a valid URL"), s);
	else if (strcmp(u.scheme, "https") != 0)
		ERR(out, path, hint, _("\"%s\" uses the %s scheme; webhooks must use https"), s,
		    u.scheme);
	else if (rules_hostname_problem(u.host))
		ERR(out, path, hint, _("the host in \"%s\" is not valid: %s"), s,
		    rules_hostname_problem(u.host));
	url_parts_free(&u);
	free(url);
}

void check_issuer_url(const struct config_check_ctx *ctx, const char *path, json_t *v,
		      struct config_problems *out)
{
	const char *s = sv(v);
	if (!*s)
		return;  /* completeness is the SSO rule's business */
	const char *hint = _("Use the issuer URL with https://, e.g. https://mycorp.okta.com or "
			     "https://mycorp.okta.com/oauth2/default, with no trailing slash.");
	if (!strstr(s, "://")) {
		ERR(out, path, hint, _("\"%s\" has no scheme; it must start with https://"), s);
		return;
	}
	struct url_parts u;
	if (!url_split(s, &u))
		ERR(out, path, hint, _("\"%s\" is not a valid URL"), s);
	else if (strcmp(u.scheme, "https") != 0)
		ERR(out, path, hint, _("\"%s\" must use https"), s);
	else if (strchr(s, '?'))
		ERR(out, path, hint, _("\"%s\" has a query string (?...); the issuer URL has none"), s);
	else if (strchr(s, '#'))
		ERR(out, path, hint, _("\"%s\" has a fragment (#...); the issuer URL has none"), s);
	else if (str_ends_with(s, "/"))
		ERR(out, path, hint, _("\"%s\" ends with a slash; the issuer must match exactly, "
				       "without it"), s);
	else if (rules_hostname_problem(u.host))
		ERR(out, path, hint, _("the host in \"%s\" is not valid: %s"), s,
		    rules_hostname_problem(u.host));
	url_parts_free(&u);
}

void check_proxy_url(const struct config_check_ctx *ctx, const char *path, json_t *v,
		     struct config_problems *out)
{
	static const char *const schemes[] = { "http", "https", "socks4", "socks5", "socks5h",
					       NULL };
	const char *s = sv(v);
	if (!*s)
		return;
	const char *hint = _("Write the proxy with its scheme, e.g. http://proxy.example.com:3128; "
			     "without it the services cannot use the proxy.");
	if (!strstr(s, "://")) {
		ERR(out, path, hint, _("the proxy URL has no scheme (http:// or https://)"));
		return;
	}
	struct url_parts u;
	if (!url_split(s, &u))
		ERR(out, path, hint, _("the proxy URL is not a valid URL"));
	else if (!one_of(u.scheme, schemes))
		ERR(out, path, hint, _("the proxy URL uses the unsupported scheme %s"), u.scheme);
	url_parts_free(&u);
}

void check_no_proxy(const struct config_check_ctx *ctx, const char *path, json_t *v,
		    struct config_problems *out)
{
	const char *s = sv(v);
	if (strstr(s, "://"))
		ERR(out, path, _("List hosts, domains or CIDR blocks separated by commas, e.g. "
				 "localhost,169.254.169.254,.internal"),
		    _("no_proxy lists hosts, not URLs; remove the scheme"));
	else if (strchr(s, ' ') || strchr(s, '\t'))
		WARN(out, path, _("Separate the entries with commas only."),
		     _("no_proxy contains spaces"));
}

/* ---- ARNs ---- */

/* SAME: must be aws_region's; SAME_WARN: a warning otherwise; ANY: any
 * region (checked elsewhere, or legitimately another); NONE: no region
 * and no account (S3 buckets). */
enum region_rule { REGION_SAME, REGION_SAME_WARN, REGION_ANY, REGION_NONE };

struct arn_kind {
	const char *service;
	const char *resource_prefix;   /* NULL: any */
	enum region_rule region;
};

static bool arn_kind_matches(const struct arn *a, const struct arn_kind *k)
{
	if (strcmp(a->service, k->service) != 0)
		return false;
	return !k->resource_prefix || str_starts_with(a->resource, k->resource_prefix);
}

/* Check s against the kinds allowed at path; expected names them for the
 * messages.  Returns the matching kind, or NULL after adding problems. */
static const struct arn_kind *arn_check(const struct config_check_ctx *ctx, const char *path,
					const char *s, const struct arn_kind *kinds, size_t nkinds,
					const char *expected, struct arn *a,
					struct config_problems *out)
{
	const char *why = NULL;
	char *hint = xasprintf(_("Paste the full ARN of %s, e.g. from the AWS console or "
				 "the AWS CLI."), expected);
	const struct arn_kind *kind = NULL;
	if (!arn_parse(s, a, &why)) {
		ERR(out, path, hint, _("\"%s\" is not a valid ARN: %s"), s, _(why));
		goto out;
	}
	for (size_t i = 0; i < nkinds && !kind; i++)
		if (arn_kind_matches(a, &kinds[i]))
			kind = &kinds[i];
	if (!kind) {
		ERR(out, path, hint, _("this is an ARN of the %s service (%s), not %s"), a->service,
		    a->resource, expected);
		goto out;
	}
	const char *region_part = *a->region ? arn_region_partition(a->region) : NULL;
	if (ctx->partition && strcmp(a->partition, ctx->partition) != 0) {
		ERR(out, path, _("Use a resource in the same partition as aws_region (aws for "
				 "commercial regions, aws-us-gov for GovCloud, aws-cn for China)."),
		    _("the ARN is in partition %s, but region %s is in partition %s"), a->partition,
		    ctx->region, ctx->partition);
		kind = NULL;
	} else if (region_part && strcmp(region_part, a->partition) != 0) {
		ERR(out, path, hint, _("the ARN's region %s does not belong to its partition %s"),
		    a->region, a->partition);
		kind = NULL;
	}
	if (kind && kind->region != REGION_NONE && !*a->region) {
		ERR(out, path, hint, _("the ARN has no region"));
		kind = NULL;
	}
	if (kind && kind->region != REGION_NONE && !*a->account) {
		ERR(out, path, hint, _("the ARN has no account ID"));
		kind = NULL;
	}
	if (kind && kind->region == REGION_NONE && (*a->region || *a->account)) {
		ERR(out, path, _("An S3 bucket ARN looks like arn:aws:s3:::BUCKET-NAME."),
		    _("an S3 bucket ARN has no region or account"));
		kind = NULL;
	}
	if (kind && (kind->region == REGION_SAME || kind->region == REGION_SAME_WARN) &&
	    ctx->region && strcmp(a->region, ctx->region) != 0) {
		if (kind->region == REGION_SAME)
			ERR(out, path, _("Create or import it in the installation's region, then "
					 "use that ARN."),
			    _("it is in region %s, but aws_region is %s; it must be in the same "
			      "region"), a->region, ctx->region);
		else
			WARN(out, path, _("Keep it in the installation's region unless you know "
					  "the services can reach it across regions."),
			     _("it is in region %s, but aws_region is %s"), a->region, ctx->region);
	}
out:
	free(hint);
	return kind;
}

static void arn_field(const struct config_check_ctx *ctx, const char *path, json_t *v,
		      const struct arn_kind *kinds, size_t n, const char *expected,
		      struct config_problems *out)
{
	struct arn a;
	if (!*sv(v))
		return;
	arn_check(ctx, path, sv(v), kinds, n, expected, &a, out);
	arn_free(&a);
}

void check_acm_arn(const struct config_check_ctx *ctx, const char *path, json_t *v,
		   struct config_problems *out)
{
	static const struct arn_kind k[] = { { "acm", "certificate/", REGION_SAME } };
	arn_field(ctx, path, v, k, 1, _("an ACM certificate"), out);
}

void check_sns_arn(const struct config_check_ctx *ctx, const char *path, json_t *v,
		   struct config_problems *out)
{
	static const struct arn_kind k[] = { { "sns", NULL, REGION_SAME } };
	arn_field(ctx, path, v, k, 1, _("an SNS topic"), out);
}

void check_kms_arn(const struct config_check_ctx *ctx, const char *path, json_t *v,
		   struct config_problems *out)
{
	static const struct arn_kind k[] = { { "kms", "key/", REGION_SAME_WARN },
					     { "kms", "alias/", REGION_SAME_WARN } };
	arn_field(ctx, path, v, k, 2, _("a KMS key"), out);
}

/* On a disaster-recovery instance the primary key lives in the primary's
 * region, which is not this aws_region. */
void check_primary_kms_arn(const struct config_check_ctx *ctx, const char *path, json_t *v,
			   struct config_problems *out)
{
	static const struct arn_kind k[] = { { "kms", "key/", REGION_ANY },
					     { "kms", "alias/", REGION_ANY } };
	arn_field(ctx, path, v, k, 2, _("a KMS key"), out);
}

void check_secret_arn(const struct config_check_ctx *ctx, const char *path, json_t *v,
		      struct config_problems *out)
{
	static const struct arn_kind k[] = { { "secretsmanager", "secret:", REGION_SAME_WARN } };
	arn_field(ctx, path, v, k, 1, _("a Secrets Manager secret"), out);
}

void check_s3_arn(const struct config_check_ctx *ctx, const char *path, json_t *v,
		  struct config_problems *out)
{
	static const struct arn_kind k[] = { { "s3", NULL, REGION_NONE } };
	struct arn a;
	if (!*sv(v))
		return;
	if (arn_check(ctx, path, sv(v), k, 1, _("an S3 bucket"), &a, out) && strchr(a.resource, '/'))
		ERR(out, path, _("Give the bucket's ARN, arn:aws:s3:::BUCKET, without a key."),
		    _("this is an object or prefix ARN, not a bucket ARN"));
	arn_free(&a);
}

void check_replica_kms_arn(const struct config_check_ctx *ctx, const char *path, json_t *v,
			   struct config_problems *out)
{
	static const struct arn_kind k[] = { { "kms", "key/", REGION_ANY },
					     { "kms", "alias/", REGION_ANY } };
	struct arn a;
	if (!*sv(v))
		return;
	const char *replica = cs(ctx->cfg, "disaster_recovery.replica_region");
	if (arn_check(ctx, path, sv(v), k, 2, _("a KMS key"), &a, out) && *replica &&
	    strcmp(a.region, replica) != 0)
		ERR(out, path, _("Use a key in the replica region."),
		    _("the key is in region %s, but disaster_recovery.replica_region is %s"),
		    a.region, replica);
	arn_free(&a);
}

/* Secrets Manager appends "-" and six characters to a secret's name. */
static char *secret_base_name(const char *resource)
{
	const char *name = resource + strlen("secret:");
	size_t n = strlen(name);
	if (n > 7 && name[n - 7] == '-') {
		bool suffix = true;
		for (size_t i = n - 6; i < n; i++)
			suffix = suffix && isalnum((unsigned char)name[i]);
		if (suffix)
			n -= 7;
	}
	return xstrndup(name, n);
}

void check_db_secret_arn(const struct config_check_ctx *ctx, const char *path, json_t *v,
			 struct config_problems *out)
{
	static const struct arn_kind k[] = { { "ssm", "parameter/", REGION_SAME_WARN },
					     { "secretsmanager", "secret:", REGION_SAME_WARN } };
	struct arn a;
	if (!*sv(v))
		return;
	const struct arn_kind *kind = arn_check(ctx, path, sv(v), k, 2,
		_("an SSM parameter or a Secrets Manager secret"), &a, out);
	if (kind && strcmp(kind->service, "secretsmanager") == 0) {
		char *name = secret_base_name(a.resource);
		if (strcmp(name, "spacelift/database") == 0)
			ERR(out, path, _("Create a new secret with the same connection string and use "
					 "its ARN; the next install deletes spacelift/database."),
			    _("this is the installer's own spacelift/database secret"));
		free(name);
	}
	arn_free(&a);
}

/* ---- load balancer and database ---- */

void check_lb_scheme(const struct config_check_ctx *ctx, const char *path, json_t *v,
		     struct config_problems *out)
{
	static const char *const ok[] = { "internet-facing", "internal", NULL };
	if (!one_of(sv(v), ok))
		ERR(out, path, _("Use \"internet-facing\" or \"internal\"."),
		    _("\"%s\" is not a load balancer scheme"), sv(v));
}

void check_subnet_placement(const struct config_check_ctx *ctx, const char *path, json_t *v,
			    struct config_problems *out)
{
	static const char *const ok[] = { "public", "private", NULL };
	if (!one_of(sv(v), ok))
		ERR(out, path, _("Use \"public\" or \"private\"."),
		    _("\"%s\" is not a subnet placement"), sv(v));
}

void check_ssl_policy(const struct config_check_ctx *ctx, const char *path, json_t *v,
		      struct config_problems *out)
{
	static const char *const known[] = {
		"ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-2015-05",
		"ELBSecurityPolicy-TLS-1-0-2015-04", "ELBSecurityPolicy-TLS-1-1-2017-01",
		"ELBSecurityPolicy-TLS-1-2-2017-01", "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
		"ELBSecurityPolicy-FS-2018-06", "ELBSecurityPolicy-FS-1-1-2019-08",
		"ELBSecurityPolicy-FS-1-2-2019-08", "ELBSecurityPolicy-FS-1-2-Res-2019-08",
		"ELBSecurityPolicy-FS-1-2-Res-2020-10",
		"ELBSecurityPolicy-TLS13-1-0-2021-06", "ELBSecurityPolicy-TLS13-1-1-2021-06",
		"ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
		"ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06", "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
		"ELBSecurityPolicy-TLS13-1-3-2021-06",
		"ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04", "ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04",
		"ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
		"ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
		"ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
		"ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
		"ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
		"ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
		NULL,
	};
	if (!one_of(sv(v), known))
		WARN(out, path, _("Check the name against the ELB security policies; the default "
				  "is ELBSecurityPolicy-TLS-1-2-2017-01."),
		     _("\"%s\" is not an ELB security policy liftoff knows"), sv(v));
}

void check_instance_class(const struct config_check_ctx *ctx, const char *path, json_t *v,
			  struct config_problems *out)
{
	const char *s = sv(v);
	if (!*s)
		return;  /* the database rule decides whether empty is right */
	bool ok = str_starts_with(s, "db.") && strlen(s) > 3 && s[strlen(s) - 1] != '.';
	for (const char *p = s + 3; ok && *p; p++)
		ok = islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
		     (*p == '.' && p[-1] != '.');
	if (!ok)
		ERR(out, path, _("Use an RDS instance class such as db.t4g.large or db.r6g.xlarge."),
		    _("\"%s\" is not a database instance class"), s);
}

void check_backup_days(const struct config_check_ctx *ctx, const char *path, json_t *v,
		       struct config_problems *out)
{
	json_int_t n = json_integer_value(v);
	if (n < 1 || n > 35)
		ERR(out, path, _("Use a number of days from 1 to 35."),
		    _("%lld days is outside the range RDS allows"), (long long)n);
}

void check_positive(const struct config_check_ctx *ctx, const char *path, json_t *v,
		    struct config_problems *out)
{
	if (json_integer_value(v) < 1)
		ERR(out, path, _("Use a whole number of days, 1 or more."),
		    _("%lld is not a positive number of days"), (long long)json_integer_value(v));
}

/* ---- SSO ---- */

void check_email(const struct config_check_ctx *ctx, const char *path, json_t *v,
		 struct config_problems *out)
{
	const char *s = sv(v);
	const char *at = strchr(s, '@');
	const char *hint = _("Use the e-mail address the first admin signs in with, e.g. "
			     "admin@example.com.");
	bool ok = at && at != s && !strchr(at + 1, '@') && (size_t)(at - s) <= 64 &&
		  !strpbrk(s, " \t\r\n<>()[],;:\"") && !rules_hostname_problem(at + 1);
	if (!ok)
		ERR(out, path, hint, _("\"%s\" is not an e-mail address"), s);
}

void check_sso_type(const struct config_check_ctx *ctx, const char *path, json_t *v,
		    struct config_problems *out)
{
	const char *s = sv(v);
	if (strcmp(s, "OIDC") == 0 || strcmp(s, "SAML") == 0)
		return;
	if (strcasecmp(s, "OIDC") == 0 || strcasecmp(s, "SAML") == 0)
		ERR(out, path, _("Write it in capitals: \"OIDC\" or \"SAML\"."),
		    _("\"%s\" must be written in capitals"), s);
	else
		ERR(out, path, _("Use \"OIDC\" or \"SAML\"."), _("\"%s\" is not an SSO type"), s);
}

void check_name_id_format(const struct config_check_ctx *ctx, const char *path, json_t *v,
			  struct config_problems *out)
{
	static const char *const ok[] = { "", "TRANSIENT", "EMAIL_ADDRESS", "PERMANENT", NULL };
	if (!one_of(sv(v), ok))
		ERR(out, path, _("Use TRANSIENT, EMAIL_ADDRESS, PERMANENT, or leave it empty "
				 "(TRANSIENT)."),
		    _("\"%s\" is not a SAML name ID format"), sv(v));
}

static bool xml_has_idp_descriptor(xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrcmp(n->name, (const xmlChar *)"IDPSSODescriptor") == 0)
			return true;
		if (xml_has_idp_descriptor(n->children))
			return true;
	}
	return false;
}

static void check_saml_metadata(const lo_config *cfg, struct config_problems *out)
{
	static const char path[] = "sso_config.saml_args.metadata";
	const char *m = cs(cfg, path);
	bool dynamic = cb(cfg, "sso_config.saml_args.dynamic");
	if (!*m) {
		ERR(out, path, dynamic ? _("Give the URL of your identity provider's SAML metadata.")
				       : _("Paste the metadata XML as a JSON string (jq -Rs . "
					   "metadata.xml escapes it)."),
		    _("SAML needs the identity provider's metadata"));
		return;
	}
	if (dynamic) {
		struct url_parts u;
		if (!url_split(m, &u) || (strcmp(u.scheme, "https") && strcmp(u.scheme, "http")))
			ERR(out, path, _("With dynamic true, metadata is the URL of the metadata, "
					 "e.g. https://idp.example.com/app/metadata; with the XML "
					 "itself, set dynamic to false."),
			    _("metadata is not an http(s) URL"));
		else if (strcmp(u.scheme, "http") == 0)
			WARN(out, path, _("Use the https URL if your identity provider has one."),
			     _("the metadata URL uses plain http"));
		url_parts_free(&u);
		return;
	}
	if (str_starts_with(m, "http://") || str_starts_with(m, "https://")) {
		ERR(out, path, _("Set sso_config.saml_args.dynamic to true to use a metadata URL."),
		    _("metadata is a URL, but dynamic is false, so the XML itself is expected"));
		return;
	}
	int len = strlen(m) > 16 * 1024 * 1024 ? 16 * 1024 * 1024 : (int)strlen(m);
	xmlDoc *doc = xmlReadMemory(m, len, "metadata.xml", NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *e = xmlGetLastError();
		ERR(out, path, _("Paste the metadata exactly as your identity provider serves it "
				 "(jq -Rs . metadata.xml escapes it for JSON)."),
		    _("metadata is not well-formed XML (line %d: %s)"), e ? e->line : 0,
		    e && e->message ? e->message : "?");
		xmlResetLastError();
		return;
	}
	if (!xml_has_idp_descriptor(xmlDocGetRootElement(doc)))
		ERR(out, path, _("Use your identity provider's IdP metadata (an EntityDescriptor "
				 "with an IDPSSODescriptor), not the service provider's."),
		    _("the metadata has no IDPSSODescriptor element"));
	xmlFreeDoc(doc);
}

static void rule_sso(const struct config_check_ctx *ctx, struct config_problems *out)
{
	const lo_config *cfg = ctx->cfg;
	const char *type = cs(cfg, "sso_config.sso_type");
	static const char *const oidc[] = { "client_id", "client_credentials",
					    "identity_provider_host", NULL };
	if (strcmp(type, "OIDC") == 0) {
		for (size_t i = 0; oidc[i]; i++) {
			char *p = xasprintf("sso_config.oidc_args.%s", oidc[i]);
			if (!*cs(cfg, p))
				ERR(out, p, _("Copy it from the application you registered with your "
					      "identity provider."),
				    _("OIDC needs %s"), oidc[i]);
			free(p);
		}
		if (*cs(cfg, "sso_config.saml_args.metadata"))
			WARN(out, "sso_config.saml_args", _("Remove saml_args, or leave it as it is."),
			     _("ignored: sso_type is OIDC"));
	} else if (strcmp(type, "SAML") == 0) {
		check_saml_metadata(cfg, out);
		for (size_t i = 0; oidc[i]; i++) {
			char *p = xasprintf("sso_config.oidc_args.%s", oidc[i]);
			bool set = *cs(cfg, p);
			free(p);
			if (set) {
				WARN(out, "sso_config.oidc_args",
				     _("Remove oidc_args, or leave it as it is."),
				     _("ignored: sso_type is SAML"));
				break;
			}
		}
	}
}

/* ---- tags ---- */

static bool tag_chars_ok(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x80 && !isalnum(*p) && !strchr(" _.:/=+-@", *p))
			return false;
	return true;
}

static void tag_check(const char *path, json_t *tag, bool allow_empty, struct config_problems *out)
{
	json_t *k = json_object_get(tag, "key"), *v = json_object_get(tag, "value");
	char *kp = xasprintf("%s.key", path), *vp = xasprintf("%s.value", path);
	const char *chars = _("Tags may use letters, digits, spaces and _ . : / = + - @.");
	if (!json_is_string(k) || (v && !json_is_string(v))) {
		ERR(out, path, _("Write a tag as {\"key\": \"team\", \"value\": \"platform\"}."),
		    _("a tag needs a string key and a string value"));
	} else if (allow_empty && !*sv(k) && !*sv(v)) {
		/* an unset optional tag */
	} else if (utf8_len(sv(k)) < 1 || utf8_len(sv(k)) > 128) {
		ERR(out, kp, _("Use a key of 1 to 128 characters."),
		    _("a tag key must be 1 to 128 characters long"));
	} else if (strncasecmp(sv(k), "aws:", 4) == 0) {
		ERR(out, kp, _("Choose a key that does not start with aws:; AWS reserves it."),
		    _("tag key \"%s\" uses the reserved aws: prefix"), sv(k));
	} else if (!tag_chars_ok(sv(k))) {
		ERR(out, kp, chars, _("tag key \"%s\" contains a character AWS does not allow"), sv(k));
	} else if (utf8_len(sv(v)) > 256) {
		ERR(out, vp, _("Shorten the value to 256 characters or fewer."),
		    _("a tag value must be at most 256 characters long"));
	} else if (!tag_chars_ok(sv(v))) {
		ERR(out, vp, chars, _("the tag value contains a character AWS does not allow"));
	}
	free(kp);
	free(vp);
}

void check_tag(const struct config_check_ctx *ctx, const char *path, json_t *v,
	       struct config_problems *out)
{
	tag_check(path, v, true, out);
}

void check_tags(const struct config_check_ctx *ctx, const char *path, json_t *v,
		struct config_problems *out)
{
	size_t n = json_array_size(v);
	if (n > 50)
		ERR(out, path, _("Keep at most 50 tags; AWS allows no more per resource."),
		    _("%zu tags is more than AWS allows (50)"), n);
	/* Past the limit, the first few tags are enough to show what is wrong. */
	size_t shown = n > 64 ? 64 : n;
	for (size_t i = 0; i < shown; i++) {
		char *p = xasprintf("%s[%zu]", path, i);
		json_t *t = json_array_get(v, i);
		tag_check(p, t, false, out);
		for (size_t j = 0; j < i; j++) {
			const char *a = json_string_value(json_object_get(t, "key"));
			const char *b = json_string_value(json_object_get(json_array_get(v, j), "key"));
			if (a && b && strcmp(a, b) == 0) {
				ERR(out, p, _("Give each tag key once."),
				    _("tag key \"%s\" is already used by tag %zu"), a, j);
				break;
			}
		}
		free(p);
	}
}

/* ---- TLS ---- */

static const char *ca_problem(const char *b64)
{
	if (str_starts_with(b64, "-----BEGIN"))
		return _("this is PEM text; the installer wants it base64-encoded on one line");
	size_t n = strlen(b64);
	unsigned char *pem = xmalloc(n + 4);
	int outl = 0, fin = 0;
	EVP_ENCODE_CTX *e = EVP_ENCODE_CTX_new();
	EVP_DecodeInit(e);
	int rc = EVP_DecodeUpdate(e, pem, &outl, (const unsigned char *)b64, (int)n);
	if (rc >= 0)
		rc = EVP_DecodeFinal(e, pem + outl, &fin);
	EVP_ENCODE_CTX_free(e);
	const char *why = NULL;
	if (rc < 0 || n == 0) {
		why = _("it is not valid base64");
	} else {
		BIO *bio = BIO_new_mem_buf(pem, outl + fin);
		X509 *x = PEM_read_bio_X509(bio, NULL, NULL, NULL);
		if (!x)
			why = _("it decodes, but not to a PEM certificate");
		X509_free(x);
		BIO_free(bio);
	}
	free(pem);
	return why;
}

void check_ca_certs(const struct config_check_ctx *ctx, const char *path, json_t *v,
		    struct config_problems *out)
{
	for (size_t i = 0; i < json_array_size(v); i++) {
		const char *why = ca_problem(sv(json_array_get(v, i)));
		if (why)
			ERR(out, path, _("Encode each PEM file on one line: base64 -w0 ca.pem."),
			    _("entry %zu: %s"), i, why);
	}
}

/* ---- VPC ---- */

void check_vpc_id(const struct config_check_ctx *ctx, const char *path, json_t *v,
		  struct config_problems *out)
{
	if (*sv(v) && !aws_id_ok(sv(v), "vpc-"))
		ERR(out, path, _("A VPC ID looks like vpc-0123456789abcdef0."),
		    _("\"%s\" is not a VPC ID"), sv(v));
}

void check_sg_id(const struct config_check_ctx *ctx, const char *path, json_t *v,
		 struct config_problems *out)
{
	if (*sv(v) && !aws_id_ok(sv(v), "sg-"))
		ERR(out, path, _("A security group ID looks like sg-0123456789abcdef0."),
		    _("\"%s\" is not a security group ID"), sv(v));
}

/* Calls fn on each trimmed item of a comma-separated string or an array. */
static void strlist_each(json_t *v, const char *path, struct config_problems *out,
			 void (*fn)(const char *item, const char *path, const char *ctx_region,
				    struct config_problems *out), const char *region)
{
	if (json_is_array(v)) {
		for (size_t i = 0; i < json_array_size(v); i++)
			fn(sv(json_array_get(v, i)), path, region, out);
		return;
	}
	char *copy = xstrdup(sv(v)), *save = NULL;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		while (isspace((unsigned char)*t))
			t++;
		char *e = t + strlen(t);
		while (e > t && isspace((unsigned char)e[-1]))
			*--e = '\0';
		fn(t, path, region, out);
	}
	free(copy);
}

static void subnet_item(const char *item, const char *path, const char *region,
			struct config_problems *out)
{
	if (!aws_id_ok(item, "subnet-"))
		ERR(out, path, _("List subnet IDs separated by commas, e.g. "
				 "subnet-0123456789abcdef0,subnet-0fedcba9876543210."),
		    _("\"%s\" is not a subnet ID"), item);
}

void check_subnet_list(const struct config_check_ctx *ctx, const char *path, json_t *v,
		       struct config_problems *out)
{
	strlist_each(v, path, out, subnet_item, NULL);
}

static void az_item(const char *item, const char *path, const char *region,
		    struct config_problems *out)
{
	size_t n = strlen(item);
	bool ok = n >= 4 && islower((unsigned char)item[n - 1]);
	for (size_t i = 0; ok && i < n; i++)
		ok = islower((unsigned char)item[i]) || isdigit((unsigned char)item[i]) ||
		     item[i] == '-';
	if (!ok)
		ERR(out, path, _("Use availability zone names such as eu-west-1a."),
		    _("\"%s\" is not an availability zone"), item);
	else if (region && !str_starts_with(item, region))
		WARN(out, path, _("Use zones of the installation's region."),
		     _("\"%s\" is not in region %s"), item, region);
}

void check_az_list(const struct config_check_ctx *ctx, const char *path, json_t *v,
		   struct config_problems *out)
{
	strlist_each(v, path, out, az_item, ctx->region);
}

void check_cidr(const struct config_check_ctx *ctx, const char *path, json_t *v,
		struct config_problems *out)
{
	unsigned a, b, c, d, m;
	char tail;
	const char *s = sv(v);
	if (!*s)
		return;
	if (sscanf(s, "%u.%u.%u.%u/%u%c", &a, &b, &c, &d, &m, &tail) != 5 || a > 255 || b > 255 ||
	    c > 255 || d > 255 || m < 16 || m > 28)
		ERR(out, path, _("Use an IPv4 CIDR block with a prefix from /16 to /28, e.g. "
				 "10.0.0.0/18."),
		    _("\"%s\" is not a VPC CIDR block"), s);
}

void check_mask_size(const struct config_check_ctx *ctx, const char *path, json_t *v,
		     struct config_problems *out)
{
	if (json_is_string(v))
		return; /* "" as the release ships it: not set, the default applies */
	json_int_t n = json_integer_value(v);
	if (n < 16 || n > 28)
		ERR(out, path, _("Use a prefix length from 16 to 28, e.g. 24."),
		    _("/%lld is not a subnet size AWS allows"), (long long)n);
}

void check_replica_region(const struct config_check_ctx *ctx, const char *path, json_t *v,
			  struct config_problems *out)
{
	if (!*sv(v))
		return;
	check_region(ctx, path, v, out);
	const char *p = arn_region_partition(sv(v));
	if (ctx->region && str_eq(sv(v), ctx->region))
		ERR(out, path, _("Choose another region for the replicas."),
		    _("the replica region is the installation's own region"));
	else if (p && ctx->partition && strcmp(p, ctx->partition) != 0)
		ERR(out, path, _("Choose a replica region in the same partition as aws_region."),
		    _("%s is in partition %s, aws_region in %s"), sv(v), p, ctx->partition);
}

/* ---- rules across fields ---- */

static bool empty_or_absent(const lo_config *cfg, const char *path)
{
	json_t *v = config_get(cfg, path);
	return !v || (json_is_string(v) && json_string_length(v) == 0);
}

static void rule_database(const struct config_check_ctx *ctx, struct config_problems *out)
{
	const lo_config *cfg = ctx->cfg;
	bool ssm = *cs(cfg, "database.connection_string_ssm_arn");
	bool kms = *cs(cfg, "database.connection_string_ssm_kms_arn");
	bool dp_empty = empty_or_absent(cfg, "database.delete_protection_enabled");
	bool ic_empty = empty_or_absent(cfg, "database.instance_class");
	if (ssm || kms) {
		const char *both = _("A self-managed database needs both connection_string_ssm_arn "
				     "and connection_string_ssm_kms_arn.");
		if (!ssm)
			ERR(out, "database.connection_string_ssm_arn", both,
			    _("missing: the KMS key is set, so the database is self-managed"));
		if (!kms)
			ERR(out, "database.connection_string_ssm_kms_arn", both,
			    _("missing: the connection string is set, so the database is "
			      "self-managed"));
		if (!dp_empty)
			ERR(out, "database.delete_protection_enabled",
			    _("Set it to \"\" for a self-managed database."),
			    _("must be empty for a self-managed database"));
		if (!ic_empty)
			ERR(out, "database.instance_class",
			    _("Set it to \"\" for a self-managed database."),
			    _("must be empty for a self-managed database"));
		return;
	}
	const char *managed = _("For a Spacelift-managed database set it (the default is "
				"db.t4g.large / true); for a self-managed one set both "
				"connection_string ARNs.");
	if (ic_empty && config_get(cfg, "database.instance_class"))
		ERR(out, "database.instance_class", managed,
		    _("empty, but no self-managed database is configured"));
	if (config_get(cfg, "database.delete_protection_enabled") && dp_empty)
		ERR(out, "database.delete_protection_enabled", managed,
		    _("empty, but no self-managed database is configured"));
}

static void rule_slack(const struct config_check_ctx *ctx, struct config_problems *out)
{
	static const char *const need[] = { "slack_config.client_id", "slack_config.client_secret",
					    "slack_config.signing_secret", NULL };
	if (!cb(ctx->cfg, "slack_config.enabled"))
		return;
	for (size_t i = 0; need[i]; i++)
		if (!*cs(ctx->cfg, need[i]))
			ERR(out, need[i], _("Copy it from your Slack app's Basic Information page, "
					    "or set slack_config.enabled to false."),
			    _("needed when Slack is enabled"));
}

static void rule_vpc(const struct config_check_ctx *ctx, struct config_problems *out)
{
	static const char *const ids[] = {
		"vpc_config.vpc_id", "vpc_config.private_subnet_ids",
		"vpc_config.drain_security_group_id", "vpc_config.load_balancer_security_group_id",
		"vpc_config.server_security_group_id", "vpc_config.scheduler_security_group_id",
		"vpc_config.installation_task_security_group_id",
		"vpc_config.database_security_group_id", NULL,
	};
	const lo_config *cfg = ctx->cfg;
	bool custom = cb(cfg, "vpc_config.use_custom_vpc");
	bool self_db = *cs(cfg, "database.connection_string_ssm_arn");
	for (size_t i = 0; ids[i]; i++) {
		json_t *v = config_get(cfg, ids[i]);
		bool set = json_is_array(v) ? json_array_size(v) > 0 : *sv(v);
		if (custom && !set && !(self_db && strstr(ids[i], "database_")))
			ERR(out, ids[i], _("Give the ID from your existing VPC, or set "
					   "vpc_config.use_custom_vpc to false."),
			    _("needed when use_custom_vpc is true"));
		else if (!custom && set)
			WARN(out, ids[i], _("Set vpc_config.use_custom_vpc to true to use your VPC."),
			     _("ignored: use_custom_vpc is false"));
	}
	json_t *pub = config_get(cfg, "vpc_config.public_subnet_ids");
	bool pub_set = json_is_array(pub) ? json_array_size(pub) > 0 : *sv(pub);
	if (custom && !pub_set && strcmp(cs(cfg, "load_balancer.scheme"), "internal") != 0)
		ERR(out, "vpc_config.public_subnet_ids",
		    _("Give public subnet IDs, or make the load balancer internal."),
		    _("an internet-facing load balancer needs public subnets"));
}

/* The installer carves its subnets out of the VPC's block. */
static void rule_vpc_sizes(const struct config_check_ctx *ctx, struct config_problems *out)
{
	unsigned a, b, c, d, prefix;
	char tail;
	long long mask = 0;
	const char *cidr = cs(ctx->cfg, "vpc_config.vpc_cidr_block");
	if (cb(ctx->cfg, "vpc_config.use_custom_vpc") ||
	    sscanf(cidr, "%u.%u.%u.%u/%u%c", &a, &b, &c, &d, &prefix, &tail) != 5 ||
	    !config_get_int(ctx->cfg, "vpc_config.subnet_mask_size", &mask))
		return;
	if (mask <= (long long)prefix)
		ERR(out, "vpc_config.subnet_mask_size",
		    _("Use a prefix length larger than the VPC's, e.g. 24 for a /18 VPC."),
		    _("/%lld subnets do not fit in the /%u VPC block %s"), mask, prefix, cidr);
}

static void rule_dr(const struct config_check_ctx *ctx, struct config_problems *out)
{
	static const char *const buckets[] = { "replica_kms_key_arn", "states_bucket_arn",
		"run_logs_bucket_arn", "modules_bucket_arn", "policy_inputs_bucket_arn",
		"workspaces_bucket_arn", NULL };
	const lo_config *cfg = ctx->cfg;
	bool repl = cb(cfg, "disaster_recovery.s3_bucket_replication.enabled");
	if ((repl || cb(cfg, "disaster_recovery.is_dr_instance")) &&
	    !*cs(cfg, "disaster_recovery.replica_region"))
		ERR(out, "disaster_recovery.replica_region",
		    _("Name the region that holds (or will hold) the replicas."),
		    _("needed for disaster recovery"));
	if (cb(cfg, "disaster_recovery.is_dr_instance") &&
	    !*cs(cfg, "disaster_recovery.encryption_primary_key_arn"))
		ERR(out, "disaster_recovery.encryption_primary_key_arn",
		    _("Copy the encryption primary key ARN that the primary install printed."),
		    _("needed on a disaster-recovery instance"));
	for (size_t i = 0; repl && buckets[i]; i++) {
		char *p = xasprintf("disaster_recovery.s3_bucket_replication.%s", buckets[i]);
		if (!*cs(cfg, p))
			ERR(out, p, _("Give the ARN of the replica, or turn replication off."),
			    _("needed when S3 replication is enabled"));
		free(p);
	}
}

/* ---- the driver ---- */

static bool all_strings(json_t *v)
{
	if (!json_is_array(v))
		return false;
	for (size_t i = 0; i < json_array_size(v); i++)
		if (!json_is_string(json_array_get(v, i)))
			return false;
	return true;
}

static bool type_ok(enum config_type t, json_t *v)
{
	switch (t) {
	case CFG_STRING: return json_is_string(v);
	case CFG_BOOL: return json_is_boolean(v);
	case CFG_INT: return json_is_integer(v);
	case CFG_BOOL_OR_EMPTY:
		return json_is_boolean(v) || (json_is_string(v) && json_string_length(v) == 0);
	case CFG_INT_OR_EMPTY:
		return json_is_integer(v) || (json_is_string(v) && json_string_length(v) == 0);
	case CFG_TAG: return json_is_object(v);
	case CFG_TAGS:
		if (!json_is_array(v))
			return false;
		for (size_t i = 0; i < json_array_size(v); i++)
			if (!json_is_object(json_array_get(v, i)))
				return false;
		return true;
	case CFG_STRLIST: return json_is_string(v) || all_strings(v);
	case CFG_STRARRAY: return all_strings(v);
	}
	return false;
}

static const char *json_kind(json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return _("an object");
	case JSON_ARRAY: return _("an array");
	case JSON_STRING: return _("a string");
	case JSON_INTEGER: return _("a whole number");
	case JSON_REAL: return _("a decimal number");
	case JSON_TRUE: case JSON_FALSE: return _("a boolean");
	case JSON_NULL: return _("null");
	}
	return "?";
}

static bool value_empty(json_t *v)
{
	return (json_is_string(v) && json_string_length(v) == 0) ||
	       (json_is_array(v) && json_array_size(v) == 0);
}

static void check_field(const struct config_check_ctx *ctx, const struct config_field *f,
			struct config_problems *out)
{
	json_t *v = config_get(ctx->cfg, f->path);
	char *need = xasprintf(_("Set it: %s."), _(f->help));
	if (!v) {
		if (f->flags & CFG_REQUIRED)
			ERR(out, f->path, need, _("missing; this field is required"));
		free(need);
		return;
	}
	if (!type_ok(f->type, v)) {
		bool example = f->def && strcmp(f->def, "\"\"") != 0 && strcmp(f->def, "[]") != 0;
		char *hint = example ? xasprintf(_("Write %s here, e.g. %s."),
						 config_type_name(f->type), f->def)
				     : xasprintf(_("Write %s here."), config_type_name(f->type));
		ERR(out, f->path, hint, _("wrong type: expected %s, found %s"),
		    config_type_name(f->type), json_kind(v));
		free(hint);
		free(need);
		return;
	}
	if ((f->flags & CFG_REQUIRED) && value_empty(v)) {
		ERR(out, f->path, need, _("empty; this field is required"));
		free(need);
		return;
	}
	free(need);
	if (f->check)
		f->check(ctx, f->path, v, out);
}

/* Objects that hold fields; anything else in them, or at the top, is unknown. */
static bool is_section(const char *path)
{
	size_t n = strlen(path);
	for (const struct config_field *f = config_field_table; f->path; f++)
		if (strncmp(f->path, path, n) == 0 && f->path[n] == '.')
			return true;
	return false;
}

/* Edit distance, for "did you mean"; short strings only. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 63 || lb > 63)
		return 99;
	size_t d[64][64];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

static void unknown_key(const char *parent, const char *key, bool suggest,
			struct config_problems *out)
{
	char *path = *parent ? xasprintf("%s.%s", parent, key) : xstrdup(key);
	const char *best = NULL;
	size_t bestd = 3;
	size_t plen = *parent ? strlen(parent) + 1 : 0;
	for (const struct config_field *f = config_field_table; suggest && f->path; f++) {
		if (plen && strncmp(f->path, path, plen) != 0)
			continue;
		const char *rest = f->path + plen;
		char *name = xstrndup(rest, strcspn(rest, "."));
		size_t d = distance(key, name);
		if (d < bestd) {
			bestd = d;
			best = f->path;
		}
		free(name);
	}
	if (best) {
		char *hint = xasprintf(_("Did you mean %.*s?  It is kept as it is."),
				       (int)(plen + strcspn(best + plen, ".")), best);
		WARN(out, path, hint, _("not a field liftoff knows"));
		free(hint);
	} else {
		WARN(out, path, _("It is kept as it is; check the spelling if you meant a known field."),
		     _("not a field liftoff knows"));
	}
	free(path);
}

/* Suggestions cost an edit distance per field; a file with thousands of
 * unknown keys gets them for the first few only. */
#define SUGGEST_BUDGET 64

static void check_unknown(json_t *obj, const char *parent, size_t *budget,
			  struct config_problems *out)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		char *path = *parent ? xasprintf("%s.%s", parent, key) : xstrdup(key);
		if (is_section(path)) {
			if (json_is_object(v))
				check_unknown(v, path, budget, out);
			else
				ERR(out, path, _("Write it as an object: { ... }."),
				    _("wrong type: expected an object, found %s"), json_kind(v));
		} else if (!config_field_find(path) && strcmp(path, "global_resources_tags") != 0) {
			unknown_key(parent, key, *budget > 0, out);
			*budget -= *budget > 0;
		}
		free(path);
	}
}

size_t config_validate(const lo_config *cfg, struct config_problems *out)
{
	const char *region = config_get_string(cfg, "aws_region");
	struct config_check_ctx ctx = { cfg, NULL, NULL };
	if (region && arn_region_well_formed(region)) {
		ctx.region = region;
		ctx.partition = arn_region_partition(region);
	}
	const struct config_problems *notes = config_load_notes(cfg);
	for (size_t i = 0; i < notes->n; i++)
		config_problem_add(out, notes->v[i].severity, notes->v[i].path, notes->v[i].hint,
				   "%s", notes->v[i].message);
	size_t budget = SUGGEST_BUDGET;
	check_unknown(config_doc(cfg), "", &budget, out);
	for (const struct config_field *f = config_field_table; f->path; f++)
		check_field(&ctx, f, out);
	rule_database(&ctx, out);
	rule_sso(&ctx, out);
	rule_slack(&ctx, out);
	rule_vpc(&ctx, out);
	rule_vpc_sizes(&ctx, out);
	rule_dr(&ctx, out);
	config_problems_sort(out);
	return config_problems_count(out, CONFIG_ERROR);
}
