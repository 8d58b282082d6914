/* test-secret-leaks.c - the library-level guards against secrets leaking:
 * lo_harden_process() turns core files off and makes the process not
 * dumpable (so no core file and no ptrace by other users), and a broken
 * config.json is reported without quoting the string it broke in.  The
 * end-to-end checks are tests/integration/test-secret-leaks.sh. */
#include "config.h"

#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "config/model.h"
#include "core/secret.h"
#include "core/util.h"
#include "tap.h"

static void test_harden(void)
{
	lo_harden_process();
	struct rlimit rl;
	ok(getrlimit(RLIMIT_CORE, &rl) == 0, "getrlimit(RLIMIT_CORE)");
	is_int((long long)rl.rlim_cur, 0, "core file size: soft limit 0");
	is_int((long long)rl.rlim_max, 0, "core file size: hard limit 0");
	is_int(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0, "the process is not dumpable");
}

/* Broken JSON inside a secret string: the error names line and column only. */
static void test_broken_json(void)
{
	static const char *const docs[] = {
		"{\"slack_config\": {\"client_secret\": \"Lk7ShortPw9\\x\"}}",
		"{\"slack_config\": {\"signing_secret\": \"Lk7ShortPw9\n\"}}",
		"{\"sso_config\": {\"oidc_args\": {\"client_credentials\": \"Lk7ShortPw9",
		"{\"slack_config\": {\"client_secret\": Lk7ShortPw9}}",
		"{\"slack_config\": {\"client_secret\" \"Lk7ShortPw9\"}}",
	};
	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
		lo_config *cfg = NULL;
		lo_error err = LO_ERROR_INIT;
		int rc = config_load_buffer(docs[i], strlen(docs[i]), "config.json", &cfg, &err);
		ok(rc != LO_EXIT_OK && err.message, "broken JSON %zu is an error", i);
		ok(err.message && !strstr(err.message, "Lk7ShortPw9"),
		   "broken JSON %zu: the message does not quote the secret (%s)", i,
		   err.message ? err.message : "(none)");
		ok(err.message && strstr(err.message, "not valid JSON"),
		   "broken JSON %zu: it still says what is wrong", i);
		lo_error_clear(&err);
		config_free(cfg);
	}
}

/* config show and its --diff mask user:password in any URL, whatever key
 * holds it: a known proxy field, a misspelt one, one liftoff does not know. */
static void test_masked_urls(void)
{
	static const char doc[] =
		"{\"proxy_config\": {\"http_proxy\": \"http://bob:Px7Leak@proxy:3128\","
		" \"https_proxyy\": \"http://bob:Px7Leak@proxy:3128\"},"
		" \"database_url\": \"postgres://u:Px7Leak@db:5432/x\","
		" \"extra\": {\"hooks\": [\"https://u:p@ss-Px7Leak@hooks.example.com/x\"]},"
		" \"sso_config\": {\"admin_login\": \"admin@mycorp.com\"}}";
	lo_config *cfg = NULL;
	lo_error err = LO_ERROR_INIT;
	if (config_load_buffer(doc, strlen(doc), "config.json", &cfg, &err) != LO_EXIT_OK)
		bail_out("cannot load the test document: %s", err.message);
	json_t *m = config_masked(cfg);
	char *text = json_dumps(m, JSON_COMPACT);
	ok(text && !strstr(text, "Px7Leak"), "config show masks every URL's password: %s",
	   text ? text : "(none)");
	ok(text && strstr(text, "\"http://********@proxy:3128\""), "the host stays visible");
	ok(text && strstr(text, "\"https://********@hooks.example.com/x\""),
	   "a password with an '@' is masked whole");
	ok(text && strstr(text, "\"admin@mycorp.com\""), "an e-mail address is not a URL");
	free(text);
	json_decref(m);
	config_free(cfg);
	lo_error_clear(&err);
}

/* What the parser saw is still named when it is a key or punctuation. */
static void test_broken_json_near(void)
{
	static const char doc[] = "{\"account_name\": \"mycorp\"\n \"aws_region\": \"x\"}";
	lo_config *cfg = NULL;
	lo_error err = LO_ERROR_INIT;
	config_load_buffer(doc, strlen(doc), "config.json", &cfg, &err);
	ok(err.message && strstr(err.message, "near '\"aws_region\"'"),
	   "a key the parser stopped at is named: %s", err.message ? err.message : "(none)");
	lo_error_clear(&err);
	config_free(cfg);
}

int main(void)
{
	test_harden();
	test_broken_json();
	test_broken_json_near();
	test_masked_urls();
	return done_testing();
}
