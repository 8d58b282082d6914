/* aws-probe.c - drive the AWS client from the tests and the benchmark.
 *
 *   aws-probe [--base-ms N] [--attempts N] [--connect-ms N] [--total-ms N]
 *             OPERATION [ARGS...]
 *
 * Runs one typed operation (or a batch of concurrent calls) and prints
 * the typed result as key=value lines, so shell tests can check the
 * parsing; on failure it prints the struct aws_error fields as
 * "error.*=" lines and the message for people on stderr, then exits 3.
 * Secret values are printed only as a length and a SHA-256. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aws/ops.h"
#include "aws/sigv4.h"
#include "core/log.h"

static const char *kinds[] = { "none", "service", "network", "timeout", "credentials",
			       "no-credentials", "config", "parse" };

static void print_error(const struct aws_error *e, const lo_error *err)
{
	printf("error.kind=%s\nerror.service=%s\nerror.operation=%s\nerror.status=%ld\n"
	       "error.code=%s\nerror.request_id=%s\nerror.attempts=%d\n",
	       kinds[e->kind], e->service ? e->service : "", e->operation ? e->operation : "",
	       e->http_status, e->code ? e->code : "", e->request_id ? e->request_id : "",
	       e->attempts);
	fprintf(stderr, "liftoff: %s\n", err->message ? err->message : "");
	if (err->hint)
		fprintf(stderr, "%s\n", err->hint);
}

static void kv(const char *k, const char *v)
{
	printf("%s=%s\n", k, v ? v : "");
}

static void kvi(const char *prefix, size_t i, const char *k, const char *v)
{
	printf("%s.%zu.%s=%s\n", prefix, i, k, v ? v : "");
}

static void kvlist(const char *prefix, const struct aws_kvlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		printf("%s.%s=%s\n", prefix, l->v[i].key ? l->v[i].key : "",
		       l->v[i].value ? l->v[i].value : "");
}

typedef int (*probe_fn)(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e);

static int p_identity(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	struct sts_identity id;
	int rc = sts_get_caller_identity(c, &id, d, e);
	if (rc == 0) {
		kv("account", id.account);
		kv("arn", id.arn);
		kv("user_id", id.user_id);
	}
	sts_identity_free(&id);
	return rc;
}

static int p_assume(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	aws_credentials src = { 0 };
	int rc = creds_chain_get(aws_client_chain(c), &src, false, e);
	if (rc)
		return rc;
	struct sts_assume_request in = {
		.role_arn = argc > 0 ? argv[0] : "", .role_session_name = "liftoff-probe",
		.source = &src, .region = aws_client_region(c),
	};
	struct sts_assumed a;
	rc = sts_assume_role(c, &in, &a, d, e);
	if (rc == 0) {
		kv("access_key_id", a.credentials.access_key_id);
		printf("secret_len=%zu\ntoken_len=%zu\nexpiration=%lld\n",
		       secret_len(a.credentials.secret_access_key),
		       secret_len(a.credentials.session_token), (long long)a.credentials.expiration);
		kv("assumed_role_arn", a.assumed_role_arn);
		kv("source", a.credentials.source);
	}
	sts_assumed_free(&a);
	aws_credentials_free(&src);
	return rc;
}

/* chain-assume ROLE [TOKEN]: the creds_sts_call the chain uses; with a
 * TOKEN, AssumeRoleWithWebIdentity. */
static int p_chain_assume(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	aws_credentials src = { 0 };
	lo_secret *token = argc > 1 ? secret_from_str(argv[1]) : NULL;
	int rc = token ? 0 : creds_chain_get(aws_client_chain(c), &src, false, e);
	struct sts_assume_request in = {
		.web_identity = token != NULL, .role_arn = argc > 0 ? argv[0] : "",
		.role_session_name = "liftoff-chain", .web_identity_token = token,
		.source = token ? NULL : &src,
	};
	aws_credentials out = { 0 };
	if (rc == 0)
		rc = aws_sts_assume(c, &in, &out, e);
	if (rc == 0) {
		kv("access_key_id", out.access_key_id);
		printf("secret_len=%zu\ntoken_len=%zu\nexpiration=%lld\n",
		       secret_len(out.secret_access_key), secret_len(out.session_token),
		       (long long)out.expiration);
		kv("source", out.source);
	}
	aws_credentials_free(&out);
	aws_credentials_free(&src);
	secret_free(token);
	return rc;
}

/* profile-value KEY: what the chain reads from the profile (empty: none). */
static int p_profile_value(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	const char *v = creds_chain_profile_value(aws_client_chain(c), argc > 0 ? argv[0] : "");
	printf("%s\n", v ? v : "");
	return 0;
}

static int p_addresses(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	struct ec2_addresses x;
	int rc = ec2_describe_addresses(c, &x, d, e);
	for (size_t i = 0; rc == 0 && i < x.n; i++) {
		kvi("address", i, "public_ip", x.v[i].public_ip);
		kvi("address", i, "allocation_id", x.v[i].allocation_id);
		kvi("address", i, "domain", x.v[i].domain);
		kvi("address", i, "tag.Name", aws_kvlist_get(&x.v[i].tags, "Name"));
	}
	printf("count=%zu\n", x.n);
	ec2_addresses_free(&x);
	return rc;
}

static int p_regions(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	struct ec2_regions x;
	int rc = ec2_describe_regions(c, false, &x, d, e);
	for (size_t i = 0; rc == 0 && i < x.n; i++) {
		kvi("region", i, "name", x.v[i].name);
		kvi("region", i, "endpoint", x.v[i].endpoint);
	}
	printf("count=%zu\n", x.n);
	ec2_regions_free(&x);
	return rc;
}

static int p_quota(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	struct sq_quota q;
	int rc = sq_get_service_quota(c, argc > 0 ? argv[0] : "", argc > 1 ? argv[1] : "", &q, d, e);
	if (rc == 0) {
		kv("quota_code", q.quota_code);
		kv("quota_name", q.quota_name);
		kv("service_code", q.service_code);
		printf("value=%g\nadjustable=%d\n", q.value, q.adjustable);
	}
	sq_quota_free(&q);
	return rc;
}

static int p_licenses(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	struct lm_licenses x;
	int rc = lm_list_received_licenses(c, (const char *const *)argv, (size_t)argc, &x, d, e);
	for (size_t i = 0; rc == 0 && i < x.n; i++) {
		struct lm_license *l = &x.v[i];
		kvi("license", i, "arn", l->license_arn);
		kvi("license", i, "product_sku", l->product_sku);
		kvi("license", i, "issuer", l->issuer_name);
		kvi("license", i, "status", l->status);
		kvi("license", i, "received_status", l->received_status);
		kvi("license", i, "validity_end", l->validity_end);
		for (size_t j = 0; j < l->nentitlements; j++)
			printf("license.%zu.entitlement.%s=%s/%lld\n", i, l->entitlements[j].name,
			       l->entitlements[j].unit ? l->entitlements[j].unit : "",
			       l->entitlements[j].max_count);
	}
	printf("count=%zu\n", x.n);
	lm_licenses_free(&x);
	return rc;
}

static int p_grants(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	struct lm_grants x;
	int rc = lm_list_received_grants(c, (const char *const *)argv, (size_t)argc, &x, d, e);
	for (size_t i = 0; rc == 0 && i < x.n; i++) {
		kvi("grant", i, "arn", x.v[i].grant_arn);
		kvi("grant", i, "status", x.v[i].grant_status);
		kvi("grant", i, "version", x.v[i].version);
		kvi("grant", i, "license_arn", x.v[i].license_arn);
		printf("grant.%zu.operations=%zu\n", i, x.v[i].granted_operations.n);
	}
	printf("count=%zu\n", x.n);
	lm_grants_free(&x);
	return rc;
}

static int print_grant_state(int rc, struct lm_grant_state *s)
{
	if (rc == 0) {
		kv("grant_arn", s->grant_arn);
		kv("status", s->status);
		kv("version", s->version);
	}
	lm_grant_state_free(s);
	return rc;
}

static int p_accept(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	struct lm_grant_state s;
	return print_grant_state(lm_accept_grant(c, argc > 0 ? argv[0] : "", &s, d, e), &s);
}

static int p_activate(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	struct lm_grant_state s;
	int rc = lm_create_grant_version(c, argc > 0 ? argv[0] : "", argc > 1 ? argv[1] : "token",
					 NULL, argc > 2 ? argv[2] : NULL, &s, d, e);
	return print_grant_state(rc, &s);
}

static void print_cert(size_t i, const struct acm_cert *a)
{
	kvi("cert", i, "arn", a->arn);
	kvi("cert", i, "domain", a->domain_name);
	kvi("cert", i, "status", a->status);
	kvi("cert", i, "not_after", a->not_after);
	printf("cert.%zu.sans=%zu\n", i, a->sans.n);
}

static int p_certs(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	struct acm_certs x;
	int rc = acm_list_certificates(c, (const char *const *)argv, (size_t)argc, &x, d, e);
	for (size_t i = 0; rc == 0 && i < x.n; i++)
		print_cert(i, &x.v[i]);
	printf("count=%zu\n", x.n);
	acm_certs_free(&x);
	return rc;
}

static int p_cert(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	struct acm_cert a;
	int rc = acm_describe_certificate(c, argc > 0 ? argv[0] : "", &a, d, e);
	if (rc == 0)
		print_cert(0, &a);
	acm_cert_free(&a);
	return rc;
}

static int p_topic(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	struct aws_kvlist x;
	int rc = sns_get_topic_attributes(c, argc > 0 ? argv[0] : "", &x, d, e);
	if (rc == 0)
		kvlist("attr", &x);
	aws_kvlist_free(&x);
	return rc;
}

static int p_param(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	struct ssm_parameter p;
	int rc = ssm_get_parameter(c, argc > 0 ? argv[0] : "", true, &p, d, e);
	if (rc == 0) {
		char hash[65];
		sigv4_sha256_hex(secret_reveal(p.value), secret_len(p.value), hash);
		kv("name", p.name);
		kv("type", p.type);
		printf("version=%lld\nvalue_len=%zu\nvalue_sha256=%s\n", p.version,
		       secret_len(p.value), hash);
	}
	ssm_parameter_free(&p);
	return rc;
}

static int p_params(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	struct ssm_parameters x;
	int rc = ssm_describe_parameters(c, argc > 0 ? argv[0] : NULL, &x, d, e);
	for (size_t i = 0; rc == 0 && i < x.n; i++) {
		kvi("param", i, "name", x.v[i].name);
		kvi("param", i, "type", x.v[i].type);
	}
	printf("count=%zu\n", x.n);
	ssm_parameters_free(&x);
	return rc;
}

static int p_key(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	struct kms_key k;
	int rc = kms_describe_key(c, argc > 0 ? argv[0] : "", &k, d, e);
	if (rc == 0) {
		kv("key_id", k.key_id);
		kv("arn", k.arn);
		kv("key_state", k.key_state);
		kv("key_manager", k.key_manager);
		printf("enabled=%d\n", k.enabled);
	}
	kms_key_free(&k);
	return rc;
}

static int p_secret(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	struct sm_secret s;
	int rc = sm_describe_secret(c, argc > 0 ? argv[0] : "", &s, d, e);
	if (rc == 0) {
		kv("arn", s.arn);
		kv("name", s.name);
		kv("description", s.description);
		kvlist("tag", &s.tags);
	}
	sm_secret_free(&s);
	return rc;
}

static void print_stacks(const struct cfn_stacks *x)
{
	for (size_t i = 0; i < x->n; i++) {
		kvi("stack", i, "name", x->v[i].stack_name);
		kvi("stack", i, "status", x->v[i].status);
		kvi("stack", i, "id", x->v[i].stack_id);
		for (size_t j = 0; j < x->v[i].outputs.n; j++)
			printf("stack.%zu.output.%s=%s\n", i, x->v[i].outputs.v[j].key,
			       x->v[i].outputs.v[j].value ? x->v[i].outputs.v[j].value : "");
		for (size_t j = 0; j < x->v[i].parameters.n; j++)
			printf("stack.%zu.param.%s=%s\n", i, x->v[i].parameters.v[j].key,
			       x->v[i].parameters.v[j].value ? x->v[i].parameters.v[j].value : "");
	}
	printf("count=%zu\n", x->n);
}

static int p_stacks(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	struct cfn_stacks x;
	int rc = cfn_describe_stacks(c, argc > 0 ? argv[0] : NULL, &x, d, e);
	if (rc == 0)
		print_stacks(&x);
	cfn_stacks_free(&x);
	return rc;
}

static int p_list_stacks(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	struct cfn_stacks x;
	int rc = cfn_list_stacks(c, (const char *const *)argv, (size_t)argc, &x, d, e);
	if (rc == 0)
		print_stacks(&x);
	cfn_stacks_free(&x);
	return rc;
}

static int p_events(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	struct cfn_events x;
	int rc = cfn_describe_stack_events(c, argc > 0 ? argv[0] : "", 0, &x, d, e);
	for (size_t i = 0; rc == 0 && i < x.n; i++) {
		kvi("event", i, "logical_id", x.v[i].logical_id);
		kvi("event", i, "status", x.v[i].status);
		kvi("event", i, "type", x.v[i].resource_type);
	}
	printf("count=%zu\n", x.n);
	cfn_events_free(&x);
	return rc;
}

static void print_resource(size_t i, const struct cfn_resource *r)
{
	kvi("resource", i, "logical_id", r->logical_id);
	kvi("resource", i, "physical_id", r->physical_id);
	kvi("resource", i, "type", r->resource_type);
	kvi("resource", i, "status", r->status);
}

static int p_resources(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	struct cfn_resources x;
	int rc = cfn_list_stack_resources(c, argc > 0 ? argv[0] : "", &x, d, e);
	for (size_t i = 0; rc == 0 && i < x.n; i++)
		print_resource(i, &x.v[i]);
	printf("count=%zu\n", x.n);
	cfn_resources_free(&x);
	return rc;
}

static int p_resource(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	struct cfn_resource r;
	int rc = cfn_describe_stack_resource(c, argc > 0 ? argv[0] : "", argc > 1 ? argv[1] : "",
					     &r, d, e);
	if (rc == 0)
		print_resource(0, &r);
	cfn_resource_free(&r);
	return rc;
}

static int p_template(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	struct cfn_template_summary s;
	int rc = cfn_get_template_summary(c, argc > 0 ? argv[0] : NULL, NULL,
					  argc > 1 ? argv[1] : NULL, &s, d, e);
	if (rc == 0) {
		kv("description", s.description);
		for (size_t i = 0; i < s.nparams; i++) {
			kvi("param", i, "key", s.params[i].key);
			kvi("param", i, "default", s.params[i].default_value);
			kvi("param", i, "type", s.params[i].type);
			printf("param.%zu.no_echo=%d\n", i, s.params[i].no_echo);
		}
		for (size_t i = 0; i < s.capabilities.n; i++)
			printf("capability=%s\n", s.capabilities.v[i]);
	}
	cfn_template_summary_free(&s);
	return rc;
}

static int p_alarms(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	struct cw_alarms x;
	int rc = cw_describe_alarms(c, argc > 0 ? argv[0] : NULL, &x, d, e);
	for (size_t i = 0; rc == 0 && i < x.n; i++) {
		kvi("alarm", i, "name", x.v[i].name);
		kvi("alarm", i, "state", x.v[i].state_value);
		kvi("alarm", i, "metric", x.v[i].metric_name);
	}
	printf("count=%zu\n", x.n);
	cw_alarms_free(&x);
	return rc;
}

static int p_lbs(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	struct elb_lbs x;
	int rc = elb_describe_load_balancers(c, (const char *const *)argv, (size_t)argc, &x, d, e);
	for (size_t i = 0; rc == 0 && i < x.n; i++) {
		kvi("lb", i, "name", x.v[i].name);
		kvi("lb", i, "dns", x.v[i].dns_name);
		kvi("lb", i, "scheme", x.v[i].scheme);
		kvi("lb", i, "state", x.v[i].state);
	}
	printf("count=%zu\n", x.n);
	elb_lbs_free(&x);
	return rc;
}

static int p_endpoint(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	struct aws_endpoint ep;
	int rc = aws_client_endpoint(c, argc > 0 ? argv[0] : "", argc > 1 ? argv[1] : NULL, &ep, e);
	if (rc == 0) {
		kv("url", ep.url);
		kv("signing_region", ep.signing_region);
		kv("partition", ep.partition);
	}
	aws_endpoint_free(&ep);
	return rc;
}

/* batch N [SERVICE OPERATION [JSON]]: N calls at once; mixed by default. */
struct batch {
	int done, failed;
};

static void batch_done(aws_client *c, struct aws_response *r, const struct aws_error *err,
		       void *arg)
{
	struct batch *b = arg;
	b->done++;
	if (err) {
		b->failed++;
		fprintf(stderr, "batch: %s %s: %s\n", err->service, err->operation,
			err->message ? err->message : "");
	}
}

static int p_batch(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	int n = argc > 0 ? atoi(argv[0]) : 20;
	static const struct aws_request mixed[] = {
		{ .service = "sts", .operation = "GetCallerIdentity" },
		{ .service = "ec2", .operation = "DescribeRegions" },
		{ .service = "cloudformation", .operation = "ListStacks" },
		{ .service = "ssm", .operation = "DescribeParameters" },
		{ .service = "kms", .operation = "ListKeys" },
	};
	struct batch b = { 0, 0 };
	for (int i = 0; i < n; i++) {
		struct aws_request req = mixed[(size_t)i % (sizeof mixed / sizeof *mixed)];
		if (argc > 2) {
			req.service = argv[1];
			req.operation = argv[2];
		}
		if (!aws_call_start(c, &req, batch_done, &b, e))
			return 3;
	}
	printf("in_flight=%zu\n", aws_client_pending(c));
	while (b.done < n)
		loop_run_once(aws_client_loop(c), 1000);
	printf("done=%d\nfailed=%d\n", b.done, b.failed);
	return b.failed ? 3 : 0;
}

/* seq N: N GetCallerIdentity calls one after another on one client. */
static int p_seq(aws_client *c, int argc, char **argv, struct aws_error *d, lo_error *e)
{
	int n = argc > 0 ? atoi(argv[0]) : 10;
	for (int i = 0; i < n; i++) {
		struct sts_identity id;
		int rc = sts_get_caller_identity(c, &id, d, e);
		sts_identity_free(&id);
		if (rc)
			return rc;
	}
	printf("done=%d\n", n);
	return 0;
}

static const struct {
	const char *name;
	probe_fn fn;
} probes[] = {
	{ "seq", p_seq },
	{ "identity", p_identity }, { "assume", p_assume }, { "chain-assume", p_chain_assume },
	{ "profile-value", p_profile_value }, { "addresses", p_addresses },
	{ "regions", p_regions }, { "quota", p_quota }, { "licenses", p_licenses },
	{ "grants", p_grants }, { "accept", p_accept }, { "activate", p_activate },
	{ "certs", p_certs }, { "cert", p_cert }, { "topic", p_topic }, { "param", p_param },
	{ "params", p_params }, { "key", p_key }, { "secret", p_secret }, { "stacks", p_stacks },
	{ "list-stacks", p_list_stacks }, { "events", p_events }, { "resources", p_resources },
	{ "resource", p_resource }, { "template-summary", p_template }, { "alarms", p_alarms },
	{ "lbs", p_lbs }, { "endpoint", p_endpoint }, { "batch", p_batch },
};

int main(int argc, char **argv)
{
	long base = 0, attempts = 0, connect_ms = 0, total_ms = 0;
	int i = 1;
	for (; i + 1 < argc && str_starts_with(argv[i], "--"); i += 2) {
		long v = strtol(argv[i + 1], NULL, 10);
		if (strcmp(argv[i], "--base-ms") == 0)
			base = v;
		else if (strcmp(argv[i], "--attempts") == 0)
			attempts = v;
		else if (strcmp(argv[i], "--connect-ms") == 0)
			connect_ms = v;
		else if (strcmp(argv[i], "--total-ms") == 0)
			total_ms = v;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: aws-probe [--base-ms N] [--attempts N] OPERATION [ARGS]\n");
		return 2;
	}
	if (getenv("AWS_PROBE_DEBUG"))
		log_set_level(LO_LOG_DEBUG);
	lo_error err = LO_ERROR_INIT;
	aws_client *c = aws_client_new(NULL, NULL, &err);
	if (base)
		aws_client_set_backoff_base(c, base);
	if (attempts)
		aws_client_set_retry(c, (int)attempts, AWS_RETRY_STANDARD);
	aws_client_set_timeouts(c, connect_ms, total_ms);
	int rc = 2;
	for (size_t p = 0; p < sizeof probes / sizeof *probes; p++) {
		if (strcmp(probes[p].name, argv[i]) != 0)
			continue;
		struct aws_error d;
		memset(&d, 0, sizeof d);
		rc = probes[p].fn(c, argc - i - 1, argv + i + 1, &d, &err);
		if (rc != 0 && strcmp(argv[i], "batch") != 0)
			print_error(&d, &err);
		aws_error_free(&d);
		rc = rc ? 3 : 0;
		break;
	}
	if (rc == 2)
		fprintf(stderr, "aws-probe: unknown operation '%s'\n", argv[i]);
	aws_client_free(c);
	lo_error_clear(&err);
	return rc;
}
