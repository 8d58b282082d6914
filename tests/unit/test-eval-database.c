/* test-eval-database.c - database.self-managed's verdict: the ARN forms,
 * the installer's own secret, the KMS key, fetch errors, the JSON and the
 * URL's shape; and, for every outcome, that no part of the connection
 * string appears in the detail, the hint or the data. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "checks/eval_database.h"
#include "tap.h"
#include "eval-fixtures.h"

#define PARAM "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/spacelift-db"
#define KEY "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"

/* Every part of the secret URLs below; none may ever be shown. */
static const char *const secret_parts[] = {
	"zorkuser", "Xy7pQ9wLm3", "db-host-qwerty.internal", "spacedb_live", "54329",
	"fd00:1234::9", "postgres://zork", NULL,
};

static int leaks;

static void no_leak(const struct eval_verdict *v, const char *what)
{
	for (size_t i = 0; secret_parts[i]; i++) {
		if (verdict_mentions(v, secret_parts[i])) {
			leaks++;
			diag("%s: '%s' leaked", what, secret_parts[i]);
		}
	}
}

static struct eval_verdict run_value(const char *value)
{
	lo_secret *s = secret_from_str(value);
	struct eval_database_input in = { PARAM, KEY, true, "Enabled", NULL, s };
	struct eval_verdict v = EVAL_VERDICT_INIT;
	eval_database(&in, &v);
	no_leak(&v, value ? "value" : "(null)");
	secret_free(s);
	return v;
}

static void expect_value(const char *value, enum check_status want, const char *word,
			 const char *what)
{
	struct eval_verdict v = run_value(value);
	if (!is_int(v.status, want, "%s", what))
		diag("detail: %s", v.detail);
	if (word)
		ok(strstr(v.detail, word) != NULL, "%s: detail says '%s'", what, word);
	eval_verdict_free(&v);
}

#define GOOD "postgres://zorkuser:Xy7pQ9wLm3@db-host-qwerty.internal:54329/spacedb_live"

static void test_values(void)
{
	expect_value("{\"DATABASE_URL\":\"" GOOD "?statement_cache_capacity=0\"}", CHECK_PASS,
		     "not shown", "a full URL: pass");
	expect_value("{\"DATABASE_URL\":\"postgresql://zorkuser:Xy7pQ9wLm3@db-host-qwerty.internal"
		     "/spacedb_live?sslmode=require&statement_cache_capacity=0\"}", CHECK_PASS,
		     NULL, "postgresql://, no port, two parameters: pass");
	expect_value("{\"DATABASE_URL\":\"" GOOD "\"}", CHECK_WARN, "statement_cache_capacity",
		     "no statement_cache_capacity: warn");
	expect_value("{\"DATABASE_URL\":\"" GOOD "?statement_cache_capacity=10\"}", CHECK_WARN,
		     NULL, "statement_cache_capacity=10: warn");
	expect_value("{\"DATABASE_URL\":\"postgres://db-host-qwerty.internal/spacedb_live"
		     "?statement_cache_capacity=0\"}", CHECK_WARN, "no user", "no user: warn");
	expect_value("{\"DATABASE_URL\":\"postgres://zorkuser:Xy7pQ9wLm3@[fd00:1234::9]:54329/"
		     "spacedb_live?statement_cache_capacity=0\"}", CHECK_PASS, NULL,
		     "IPv6 host: pass");
	expect_value("{\"DATABASE_URL\":\"mysql://zorkuser:Xy7pQ9wLm3@db-host-qwerty.internal/"
		     "spacedb_live\"}", CHECK_FAIL, "postgres://", "mysql://: fail");
	expect_value("{\"DATABASE_URL\":\"postgres://zorkuser:Xy7pQ9wLm3@/spacedb_live\"}",
		     CHECK_FAIL, "no host", "no host: fail");
	expect_value("{\"DATABASE_URL\":\"postgres://zorkuser:Xy7pQ9wLm3@db-host-qwerty.internal:"
		     "99999/spacedb_live\"}", CHECK_FAIL, "port", "port 99999: fail");
	expect_value("{\"DATABASE_URL\":\"postgres://zorkuser:Xy7pQ9wLm3@db-host-qwerty.internal:"
		     "0/spacedb_live\"}", CHECK_FAIL, "port", "port 0: fail");
	expect_value("{\"DATABASE_URL\":\"postgres://zorkuser:Xy7pQ9wLm3@db-host-qwerty.internal:"
		     "/spacedb_live\"}", CHECK_FAIL, "port", "empty port: fail");
	expect_value("{\"DATABASE_URL\":\"postgres://zorkuser:Xy7pQ9wLm3@db-host-qwerty.internal:"
		     "54329\"}", CHECK_FAIL, "no database", "no database: fail");
	expect_value("{\"DATABASE_URL\":\"postgres://zorkuser:Xy7pQ9wLm3@db-host-qwerty.internal/"
		     "?statement_cache_capacity=0\"}", CHECK_FAIL, "no database",
		     "empty database name: fail");
	expect_value("{\"DATABASE_URL\":\"postgres://zorkuser:Xy7pQ9wLm3@[fd00:1234::9/x\"}",
		     CHECK_FAIL, "IPv6", "broken IPv6: fail");
	expect_value("{\"DATABASE_URL\":\"postgres://zorkuser:Xy7pQ9wLm3@[fd00:1234::9]x/"
		     "spacedb_live\"}", CHECK_FAIL, "IPv6", "junk after IPv6: fail");
	expect_value(GOOD, CHECK_FAIL, "JSON object", "a bare URL, not JSON: fail");
	expect_value("[\"" GOOD "\"]", CHECK_FAIL, "JSON object", "a JSON list: fail");
	expect_value("{\"database_url\":\"" GOOD "\"}", CHECK_FAIL, "no DATABASE_URL",
		     "wrong key: fail");
	expect_value("{\"DATABASE_URL\":54329}", CHECK_FAIL, "not a string", "a number: fail");
	expect_value("", CHECK_FAIL, "JSON object", "empty: fail");

	struct eval_verdict v = run_value("{\"DATABASE_URL\":\"" GOOD "\"}");
	ok(v.hint && strstr(v.hint, "?statement_cache_capacity=0"), "warn hint: %s", v.hint);
	ok(json_is_false(json_object_get(v.data, "statement_cache_capacity")), "data: flag");
	eval_verdict_free(&v);
}

static struct eval_verdict run(const char *param, const char *key, bool key_found,
			       const char *key_state, const char *error)
{
	lo_secret *s = secret_from_str("{\"DATABASE_URL\":\"" GOOD "\"}");
	struct eval_database_input in = { param, key, key_found, key_state, error, s };
	struct eval_verdict v = EVAL_VERDICT_INIT;
	eval_database(&in, &v);
	no_leak(&v, "run");
	secret_free(s);
	return v;
}

static void expect(const char *param, const char *key, bool key_found, const char *key_state,
		   const char *error, enum check_status want, const char *word, const char *what)
{
	struct eval_verdict v = run(param, key, key_found, key_state, error);
	if (!is_int(v.status, want, "%s", what))
		diag("detail: %s", v.detail);
	if (word)
		ok(strstr(v.detail, word) || (v.hint && strstr(v.hint, word)),
		   "%s: says '%s': %s", what, word, v.detail);
	eval_verdict_free(&v);
}

static void test_arns_and_keys(void)
{
	expect("", KEY, true, "Enabled", NULL, CHECK_SKIP, "manages the database",
	       "no ARN: skip");
	expect(NULL, NULL, false, NULL, NULL, CHECK_SKIP, NULL, "NULL ARN: skip");
	expect("arn:aws:s3:::bucket/key", KEY, true, "Enabled", NULL, CHECK_FAIL, "not an SSM",
	       "an S3 ARN: fail");
	expect("arn:aws:secretsmanager:eu-west-1:123456789012:secret:spacelift/database-AbC123",
	       KEY, true, "Enabled", NULL, CHECK_FAIL, "spacelift/database",
	       "the installer's secret, with suffix: fail");
	expect("arn:aws:secretsmanager:eu-west-1:123456789012:secret:spacelift/database", KEY,
	       true, "Enabled", NULL, CHECK_FAIL, "spacelift/database",
	       "the installer's secret, without suffix: fail");
	expect("arn:aws:ssm:eu-west-1:123456789012:parameter/aws/reference/secretsmanager/"
	       "spacelift/database", KEY, true, "Enabled", NULL, CHECK_FAIL, "spacelift/database",
	       "the installer's secret through SSM: fail");
	expect("arn:aws:secretsmanager:eu-west-1:123456789012:secret:spacelift/database-copy-XyZ789",
	       KEY, true, "Enabled", NULL, CHECK_WARN, NULL, "a copy of it is fine");
	expect(PARAM, "", true, "Enabled", NULL, CHECK_FAIL, "connection_string_ssm_kms_arn",
	       "no key ARN: fail");
	expect(PARAM, KEY, false, NULL, NULL, CHECK_FAIL, "not found", "key not found: fail");
	expect(PARAM, KEY, true, "Disabled", NULL, CHECK_FAIL, "disabled", "key disabled: fail");
	expect(PARAM, KEY, true, "PendingDeletion", NULL, CHECK_FAIL, "Cancel",
	       "key pending deletion: fail");
	expect(PARAM, KEY, true, "PendingImport", NULL, CHECK_FAIL, "PendingImport",
	       "key pending import: fail");

	char *n = eval_database_secret_name("arn:aws:secretsmanager:r:1:secret:a/b-AbC123");
	is_str(n, "a/b", "secret name without the suffix");
	free(n);
	n = eval_database_secret_name("arn:aws:ssm:r:1:parameter/x/y");
	is_str(n, "x/y", "parameter name");
	free(n);
	ok(eval_database_secret_name("nonsense") == NULL, "not an ARN");
}

static void test_fetch_errors(void)
{
	const char *codes[] = { "ParameterNotFound", "ResourceNotFoundException",
				"AccessDeniedException", "KMSAccessDeniedException", "InvalidKeyId",
				"KMSDisabledException", "DecryptionFailure", "ThrottlingException" };
	const char *words[] = { "does not exist", "does not exist", "denied", "decrypted",
				"not valid", "disabled", "decrypted", "ThrottlingException" };
	for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
		char *what = xasprintf("%s: fail", codes[i]);
		expect(PARAM, KEY, true, "Enabled", codes[i], CHECK_FAIL, words[i], what);
		free(what);
	}
	struct eval_verdict v = run(PARAM, KEY, true, "Enabled", "KMSAccessDeniedException");
	ok(v.hint && strstr(v.hint, "kms:Decrypt"), "hint names kms:Decrypt: %s", v.hint);
	eval_verdict_free(&v);
}

int main(void)
{
	json_malloc_t m0, m1;
	json_free_t f0, f1;
	json_get_alloc_funcs(&m0, &f0);
	test_values();
	json_get_alloc_funcs(&m1, &f1);
	ok(m0 == m1 && f0 == f1, "jansson's allocator is put back after parsing the secret");
	test_arns_and_keys();
	test_fetch_errors();
	is_int(leaks, 0, "no part of a connection string appears in any verdict");
	return done_testing();
}
