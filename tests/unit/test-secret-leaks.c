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

int main(void)
{
	test_harden();
	test_broken_json();
	return done_testing();
}
