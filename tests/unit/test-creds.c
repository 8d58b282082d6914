/* test-creds.c - the credential chain without HTTP: the INI reader, shell
 * splitting, dates, environment and file keys, their precedence, profile
 * selection, the region, profile settings and service endpoints,
 * credential_process, assume role (external id, duration, MFA), web
 * identity, SSO through a fake `aws`, and refreshing before expiry.
 *
 * Every case starts from a clean AWS environment pointing at files in a
 * private temporary directory, never at ~/.aws. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "creds-tests.h"

#define ENV_SECRET "FAKEenvSECRETkey0123456789abcdefABCDEF"
#define FILE_SECRET "FAKEfileSECRETkey0123456789abcdefABCDEF"

static const char creds_prod[] =
	"[default]\n"
	"aws_access_key_id = AKIADEFAULTFILE\n"
	"aws_secret_access_key = " FILE_SECRET "\n"
	"\n"
	"[prod]\n"
	"aws_access_key_id=AKIAPRODFILE\n"
	"aws_secret_access_key=" FILE_SECRET "\n"
	"aws_session_token = FAKEfileSESSIONtoken0123456789\n";

static aws_credentials got;
static lo_error err = LO_ERROR_INIT;

static int get_profile(const char *profile)
{
	struct creds_options o = { .profile = profile };
	aws_credentials_free(&got);
	return tc_get(&o, &got, &err);
}

static void env_keys(void)
{
	setenv("AWS_ACCESS_KEY_ID", "AKIAENVKEY", 1);
	setenv("AWS_SECRET_ACCESS_KEY", ENV_SECRET, 1);
}

/* ---- pieces ---- */

static void test_ini(void)
{
	static const char text[] =
		"# a comment\n"
		"; another\n"
		"[profile prod]\n"
		"region : eu-west-1\n"
		"Role_ARN = arn:aws:iam::123456789012:role/x # not a comment\n"
		"aws_secret_access_key = s3cr3t\n"
		"services = mine\n"
		"   \n"
		"[services mine]\n"
		"sts =\n"
		"  endpoint_url = http://localhost:4566\n"
		"\n"
		"  other = 1\n"
		"license_manager =\n"
		"    endpoint_url=http://lm.local\n"
		"multi = first\n"
		"   second\n";
	struct ini_file ini;
	lo_error e = LO_ERROR_INIT;
	is_int(ini_parse(text, strlen(text), "cfg", &ini, &e), 0, "ini: parses");
	is_int((long long)ini.n, 2, "ini: two sections");
	const struct ini_section *p = &ini.sections[0];
	is_str(p->name, "profile prod", "ini: section name as written");
	is_str(ini_entry_find(p, "region")->value, "eu-west-1", "ini: ':' is a delimiter");
	is_str(ini_entry_find(p, "role_arn")->value,
	       "arn:aws:iam::123456789012:role/x # not a comment",
	       "ini: keys lower-cased, no inline comments (configparser)");
	const struct ini_entry *s = ini_entry_find(p, "aws_secret_access_key");
	ok(s && !s->value && str_eq(secret_reveal(s->secret), "s3cr3t"),
	   "ini: secret keys are kept as lo_secret only");
	const struct ini_section *svc = &ini.sections[1];
	is_str(ini_nested_value(ini_entry_find(svc, "sts"), "endpoint_url"),
	       "http://localhost:4566", "ini: nested sub-section");
	is_str(ini_nested_value(ini_entry_find(svc, "sts"), "other"), "1",
	       "ini: nested block spans a blank line");
	is_str(ini_nested_value(ini_entry_find(svc, "license_manager"), "endpoint_url"),
	       "http://lm.local", "ini: nested without spaces around '='");
	is_str(ini_entry_find(svc, "multi")->value, "first\nsecond", "ini: continuation line");
	ini_free(&ini);

	static const char dup[] = "[a]\nx = 1\n[a]\ny = 2\n";
	is_int(ini_parse(dup, strlen(dup), "dup.ini", &ini, &e), LO_EXIT_ENV,
	       "ini: a duplicate section is an error");
	ok(e.message && strstr(e.message, "dup.ini, line 3"), "ini: error names file and line");
	static const char orphan[] = "x = 1\n[a]\n";
	is_int(ini_parse(orphan, strlen(orphan), "o", &ini, &e), LO_EXIT_ENV,
	       "ini: a key before any section is an error");
	static const char nokv[] = "[a]\njust words\n";
	is_int(ini_parse(nokv, strlen(nokv), "n", &ini, &e), LO_EXIT_ENV,
	       "ini: a line without '=' is an error");
	lo_error_clear(&e);
}

/* Random text made of the INI's own pieces: the parser must not crash,
 * and must either parse or say where it stopped. */
static void test_ini_random(void)
{
	static const char *const bits[] = {
		"[", "]", "=", ":", " ", "\t", "\n", "#", ";", "profile ", "a", "sts", "\r",
		"\"", "'", "\n  ", "aws_secret_access_key",
	};
	unsigned seed = 4;
	int parsed = 0, refused = 0, bad = 0;
	for (int round = 0; round < 2000; round++) {
		strbuf sb = STRBUF_INIT;
		int n = (int)(rand_r(&seed) % 60);
		for (int i = 0; i < n; i++)
			sb_append(&sb, bits[rand_r(&seed) % (sizeof bits / sizeof *bits)]);
		struct ini_file ini;
		lo_error e = LO_ERROR_INIT;
		if (ini_parse(sb_str(&sb), sb.len, "r", &ini, &e) == 0) {
			parsed++;
			ini_free(&ini);
		} else {
			refused++;
			bad += !e.message || !strstr(e.message, "line ");
		}
		lo_error_clear(&e);
		sb_free(&sb);
	}
	ok(parsed > 0 && refused > 0 && bad == 0,
	   "ini: 2000 random texts: %d parsed, %d refused with a line number", parsed, refused);
}

static void test_shlex(void)
{
	const char *why;
	char **v = creds_shlex_split("cmd \"a b\" 'c d' e\\ f \"g\\\"h\" '' x\"y\"z", &why);
	ok(v && str_eq(v[0], "cmd") && str_eq(v[1], "a b") && str_eq(v[2], "c d") &&
	   str_eq(v[3], "e f") && str_eq(v[4], "g\"h") && str_eq(v[5], "") &&
	   str_eq(v[6], "xyz") && !v[7], "shlex: quotes and escapes as Python's shlex.split");
	creds_argv_free(v);
	v = creds_shlex_split("a 'b", &why);
	ok(!v && why, "shlex: an unclosed quote is refused");
	v = creds_shlex_split("   ", &why);
	ok(v && !v[0], "shlex: blank gives no words");
	creds_argv_free(v);
}

static void test_time(void)
{
	time_t t;
	ok(creds_parse_time("2026-11-28T10:00:00Z", &t) && t == 1795860000, "time: Z");
	ok(creds_parse_time("2026-11-28T11:00:00+01:00", &t) && t == 1795860000, "time: offset");
	ok(creds_parse_time("2026-11-28T10:00:00.123456Z", &t) && t == 1795860000,
	   "time: fractions");
	ok(creds_parse_time("2026-11-28T10:00:00", &t) && t == 1795860000, "time: no zone is UTC");
	ok(!creds_parse_time("tomorrow", &t), "time: nonsense refused");
	char *ex = creds_safe_excerpt("failed:\n key " FILE_SECRET " at /home/u/.aws/x\n");
	ok(!strstr(ex, FILE_SECRET) && strstr(ex, "********") && strstr(ex, "/home/u/.aws/x"),
	   "excerpt: secrets masked, paths kept (%s)", ex);
	free(ex);
	ex = creds_safe_excerpt("token 0123456789abcdef0123456789abcdef rejected");
	is_str(ex, "token ******** rejected", "excerpt: hex tokens masked");
	free(ex);
}

/* ---- environment, files, precedence ---- */

static void test_env(void)
{
	tc_env(NULL, NULL);
	env_keys();
	setenv("AWS_SESSION_TOKEN", "FAKEenvSESSIONtoken0123456789", 1);
	is_int(get_profile(NULL), 0, "env: found");
	is_str(got.access_key_id, "AKIAENVKEY", "env: access key id");
	is_str(got.source, "environment", "env: source");
	is_str(secret_reveal(got.session_token), "FAKEenvSESSIONtoken0123456789", "env: token");

	unsetenv("AWS_SECRET_ACCESS_KEY");
	is_int(get_profile(NULL), LO_EXIT_ENV, "env: an id without a secret is an error");
	ok(tc_has(&err, "AWS_SECRET_ACCESS_KEY"), "env: the message names the missing variable");

	env_keys();
	setenv("AWS_CREDENTIAL_EXPIRATION", "2001-01-01T00:00:00Z", 1);
	is_int(get_profile(NULL), LO_EXIT_ENV, "env: expired keys are refused");
	ok(tc_has(&err, "expired") && tc_has(&err, "environment") && tc_no_secret(&err),
	   "env: the message says expired, names the source, shows no secret");
}

static void test_precedence(void)
{
	tc_env("[profile prod]\nregion = eu-west-1\n", creds_prod);
	env_keys();
	is_int(get_profile(NULL), 0, "precedence: env and files");
	is_str(got.source, "environment", "precedence: environment before the files");

	setenv("AWS_PROFILE", "prod", 1);
	get_profile(NULL);
	is_str(got.source, "environment",
	       "precedence: AWS_PROFILE does not hide environment keys (botocore)");

	unsetenv("AWS_PROFILE");
	get_profile("prod");
	is_str(got.source, "shared-credentials-file (profile prod)",
	       "precedence: --profile skips environment keys (botocore)");
	is_str(got.access_key_id, "AKIAPRODFILE", "precedence: the profile's key");
	is_str(secret_reveal(got.session_token), "FAKEfileSESSIONtoken0123456789",
	       "precedence: aws_session_token from the file");

	unsetenv("AWS_ACCESS_KEY_ID");
	get_profile(NULL);
	is_str(got.source, "shared-credentials-file (profile default)",
	       "precedence: no profile means default");
	setenv("AWS_PROFILE", "prod", 1);
	get_profile(NULL);
	is_str(got.access_key_id, "AKIAPRODFILE", "profile: AWS_PROFILE selects");
	setenv("AWS_PROFILE", "default", 1);
	get_profile("prod");
	is_str(got.access_key_id, "AKIAPRODFILE", "profile: --profile beats AWS_PROFILE");
}

static void test_profiles(void)
{
	tc_env("[default]\nregion = us-east-1\n"
	       "[profile cfg]\naws_access_key_id = AKIACFG\n"
	       "aws_secret_access_key = " FILE_SECRET "\n"
	       "[bare]\naws_access_key_id = AKIABARE\naws_secret_access_key = " FILE_SECRET "\n"
	       "[profile both]\naws_access_key_id = AKIACONFIG\n"
	       "aws_secret_access_key = " FILE_SECRET "\n"
	       "[profile half]\naws_access_key_id = AKIAHALF\n",
	       "[both]\naws_access_key_id = AKIACREDFILE\naws_secret_access_key = " FILE_SECRET "\n"
	       "[profile odd]\naws_access_key_id = AKIAODD\naws_secret_access_key = x\n");
	is_int(get_profile("cfg"), 0, "files: [profile cfg] in the config file");
	is_str(got.source, "config-file (profile cfg)", "files: source says config-file");
	is_int(get_profile("bare"), LO_EXIT_ENV,
	       "files: [bare] in the config file is not a profile");
	ok(tc_has(&err, "could not be found") && tc_has(&err, "bare"),
	   "files: a missing profile is named (ProfileNotFound)");
	get_profile("both");
	is_str(got.access_key_id, "AKIACREDFILE", "files: the credentials file wins");
	is_int(get_profile("half"), LO_EXIT_ENV, "files: an id without a secret is an error");
	ok(tc_has(&err, "half") && tc_has(&err, "aws_secret_access_key"),
	   "files: ...which says what is missing");
	get_profile("profile odd");
	is_str(got.access_key_id, "AKIAODD",
	       "files: credentials-file sections are names as written");
	is_int(get_profile(NULL), LO_EXIT_ENV, "none: the default profile has no keys");
	ok(tc_has(&err, "no AWS credentials found") && tc_has(&err, "aws configure") &&
	   tc_has(&err, "AWS_PROFILE") && tc_has(&err, "AWS_ACCESS_KEY_ID"),
	   "none: the hint lists the ways to configure credentials");
	is_int(err.code, LO_EXIT_ENV, "none: exit code 3");

	tc_env("[default]\nregion = a\n[profile default]\nregion = b\n", NULL);
	creds_chain *c = creds_chain_new(&(struct creds_options){ 0 });
	is_str(creds_chain_region(c), "b", "files: the later of [default]/[profile default] wins");
	creds_chain_free(c);

	tc_env("[profile cfg]\naws_access_key_id = AKIACFG\n"
	       "aws_secret_access_key = " FILE_SECRET "\n", NULL);
	setenv("AWS_SHARED_CREDENTIALS_FILE", tc_dir(), 1);
	is_int(get_profile("cfg"), 0, "files: a directory as credentials file counts as absent");

	tc_env("[profile bad\n", NULL);
	is_int(get_profile(NULL), LO_EXIT_ENV, "files: a broken config file is reported");
	ok(tc_has(&err, "line 1"), "files: ...with its line");
}

static void test_region_and_settings(void)
{
	tc_env("[default]\nregion = eu-central-1\n"
	       "[profile dev]\nregion = ap-south-1\nendpoint_url = http://localhost:5000\n"
	       "ca_bundle = /etc/ca.pem\nservices = local\n"
	       "[services local]\nsts =\n  endpoint_url = http://localhost:4566\n"
	       "license_manager =\n  endpoint_url = http://localhost:4567\n",
	       "[dev]\nmax_attempts = 7\n");
	struct creds_options o = { 0 };
	creds_chain *c = creds_chain_new(&o);
	is_str(creds_chain_region(c), "eu-central-1", "region: from the default profile");
	is_str(creds_chain_profile(c), "default", "profile: default");
	creds_chain_free(c);
	setenv("AWS_DEFAULT_REGION", "us-west-1", 1);
	c = creds_chain_new(&o);
	is_str(creds_chain_region(c), "us-west-1", "region: AWS_DEFAULT_REGION beats the profile");
	creds_chain_free(c);
	setenv("AWS_REGION", "us-west-2", 1);
	c = creds_chain_new(&o);
	is_str(creds_chain_region(c), "us-west-2", "region: AWS_REGION beats AWS_DEFAULT_REGION");
	creds_chain_free(c);
	o.region = "sa-east-1";
	c = creds_chain_new(&o);
	is_str(creds_chain_region(c), "sa-east-1", "region: --region beats everything");
	creds_chain_free(c);

	tc_env(NULL, NULL);
	c = creds_chain_new(&(struct creds_options){ 0 });
	ok(creds_chain_region(c) == NULL, "region: NULL when set nowhere");
	creds_chain_free(c);

	tc_env("[profile dev]\nregion = ap-south-1\nendpoint_url = http://localhost:5000\n"
	       "ca_bundle = /etc/ca.pem\nservices = local\n"
	       "[services local]\nsts =\n  endpoint_url = http://localhost:4566\n"
	       "license_manager =\n  endpoint_url = http://localhost:4567\n",
	       "[dev]\nmax_attempts = 7\naws_secret_access_key = " FILE_SECRET "\n");
	c = creds_chain_new(&(struct creds_options){ .profile = "dev" });
	is_str(creds_chain_profile(c), "dev", "profile: --profile");
	is_str(creds_chain_region(c), "ap-south-1", "region: from the chosen profile");
	is_str(creds_chain_profile_value(c, "endpoint_url"), "http://localhost:5000",
	       "settings: endpoint_url");
	is_str(creds_chain_profile_value(c, "ca_bundle"), "/etc/ca.pem", "settings: ca_bundle");
	is_str(creds_chain_profile_value(c, "max_attempts"), "7",
	       "settings: merged from the credentials file, as botocore");
	ok(creds_chain_profile_value(c, "aws_secret_access_key") == NULL,
	   "settings: a secret is never handed out as text");
	ok(creds_chain_profile_value(c, "retry_mode") == NULL, "settings: unset is NULL");
	is_str(creds_chain_service_endpoint(c, "sts"), "http://localhost:4566",
	       "services: sts endpoint");
	is_str(creds_chain_service_endpoint(c, "license_manager"), "http://localhost:4567",
	       "services: license_manager endpoint");
	ok(creds_chain_service_endpoint(c, "s3") == NULL, "services: other services NULL");
	creds_chain_free(c);
}

/* ---- credential_process ---- */

static char *process_line(const char *mode)
{
	char *script = tc_script("fake_process.py");
	char *line = xasprintf("credential_process = %s %s %s %s 'two words' \"x\\\"y\"\n",
			       tc_python(), script, mode, tc_dir());
	free(script);
	return line;
}

static void process_profile(const char *mode, const char *extra)
{
	char *line = process_line(mode);
	char *cfg = xasprintf("[profile proc]\n%s%s", line, extra ? extra : "");
	tc_env(cfg, NULL);
	free(cfg);
	free(line);
}

static void test_process(void)
{
	process_profile("ok", NULL);
	is_int(get_profile("proc"), 0, "process: ok");
	is_str(got.source, "credential-process (profile proc)", "process: source");
	ok(str_starts_with(got.access_key_id, "ASIAPROC"), "process: key id from its JSON");
	is_str(secret_reveal(got.secret_access_key), "FAKEprocSECRETkey0123456789abcdefGHIJKL",
	       "process: secret");
	ok(got.expiration > creds_now() + 60, "process: Expiration honoured");
	char *argv_path = tc_path("argv"), *args = tc_read(argv_path);
	is_str(args, "[\"two words\", \"x\\\"y\"]", "process: arguments split like shlex");
	free(args);
	free(argv_path);

	process_profile("static", NULL);
	get_profile("proc");
	is_int((long long)got.expiration, 0, "process: no Expiration, no expiry");

	static const struct {
		const char *mode, *needle, *what;
	} bad[] = {
		{ "expired", "expired", "expired credentials" },
		{ "malformed", "not valid JSON", "malformed JSON" },
		{ "version2", "Version", "an unsupported version" },
		{ "missing", "SecretAccessKey", "a missing key" },
		{ "fail", "status 3", "a non-zero exit" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		process_profile(bad[i].mode, NULL);
		is_int(get_profile("proc"), LO_EXIT_ENV, "process: %s is an error", bad[i].what);
		ok(tc_has(&err, bad[i].needle) && tc_has(&err, "proc") && tc_no_secret(&err),
		   "process: %s is explained without secrets (%s)", bad[i].what, err.message);
	}
	ok(tc_has(&err, "cannot reach the vault"), "process: its stderr is quoted");

	tc_env("[profile proc]\ncredential_process = /nonexistent/helper --x\n", NULL);
	is_int(get_profile("proc"), LO_EXIT_ENV, "process: a missing program is an error");
	ok(tc_has(&err, "/nonexistent/helper"), "process: ...naming it");
	tc_env("[profile proc]\ncredential_process = helper 'unclosed\n", NULL);
	is_int(get_profile("proc"), LO_EXIT_ENV, "process: bad quoting is an error");

	char *line = process_line("ok");
	char *cfg = xasprintf("[profile proc]\n%s", line);
	tc_env(cfg, "[proc]\naws_access_key_id = AKIAFILEFIRST\n"
		    "aws_secret_access_key = " FILE_SECRET "\n");
	get_profile("proc");
	is_str(got.access_key_id, "AKIAFILEFIRST",
	       "process: credentials-file keys come first (botocore order)");
	free(cfg);
	free(line);
}

/* ---- assume role, MFA, web identity ---- */

static const char *mfa_answer;

static char *mfa_prompt(void *arg, const char *serial)
{
	(void)serial;
	*(int *)arg += 1;
	return mfa_answer ? xstrdup(mfa_answer) : NULL;
}

static void test_assume_role(void)
{
	tc_env("[profile admin]\nrole_arn = arn:aws:iam::111122223333:role/Admin\n"
	       "source_profile = base\nexternal_id = ext-42\nduration_seconds = 1800\n"
	       "region = eu-west-1\n"
	       "[profile named]\nrole_arn = arn:aws:iam::111122223333:role/Named\n"
	       "source_profile = base\nrole_session_name = alice\n"
	       "[profile fromenv]\nrole_arn = arn:aws:iam::111122223333:role/Env\n"
	       "credential_source = Environment\n"
	       "[profile both]\nrole_arn = r\nsource_profile = base\n"
	       "credential_source = Environment\n"
	       "[profile neither]\nrole_arn = r\n"
	       "[profile badsource]\nrole_arn = r\ncredential_source = Magic\n"
	       "[profile loop1]\nrole_arn = r1\nsource_profile = loop2\n"
	       "[profile loop2]\nrole_arn = r2\nsource_profile = loop1\n"
	       "[profile chained]\nrole_arn = arn:aws:iam::444455556666:role/Second\n"
	       "source_profile = admin\n"
	       "[profile self]\nrole_arn = arn:aws:iam::111122223333:role/Self\n"
	       "source_profile = self\n"
	       "[profile ghost]\nrole_arn = r\nsource_profile = nowhere\n"
	       "[profile mfa]\nrole_arn = arn:aws:iam::111122223333:role/Mfa\n"
	       "source_profile = base\nmfa_serial = arn:aws:iam::111122223333:mfa/alice\n",
	       "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = " FILE_SECRET "\n"
	       "[self]\naws_access_key_id = AKIASELF\naws_secret_access_key = " FILE_SECRET "\n");
	tc_sts.calls = 0;
	is_int(get_profile("admin"), 0, "role: assumed");
	is_str(got.source, "assume-role (profile admin via base)", "role: source");
	ok(str_starts_with(got.access_key_id, "ASIASTS"), "role: STS's credentials");
	is_str(tc_sts.role_arn, "arn:aws:iam::111122223333:role/Admin", "role: role_arn");
	is_str(tc_sts.external_id, "ext-42", "role: external_id");
	is_int(tc_sts.duration, 1800, "role: duration_seconds");
	is_str(tc_sts.source_key_id, "AKIABASE", "role: source_profile's keys sign the call");
	ok(tc_sts.session_name && str_starts_with(tc_sts.session_name, "liftoff-"),
	   "role: session name defaults to liftoff-<epoch>");
	is_str(tc_sts.region, "eu-west-1", "role: the chain's region goes to STS");
	ok(!tc_sts.web_identity && !tc_sts.mfa_serial, "role: plain AssumeRole");

	get_profile("named");
	is_str(tc_sts.session_name, "alice", "role: role_session_name");
	ok(!tc_sts.external_id && tc_sts.duration == 0, "role: no external_id, default duration");

	env_keys();
	get_profile("fromenv");
	is_str(tc_sts.source_key_id, "AKIAENVKEY", "role: credential_source Environment");
	is_str(got.source, "assume-role (profile fromenv via Environment)",
	       "role: source names the credential_source");
	unsetenv("AWS_ACCESS_KEY_ID");

	tc_sts.calls = 0;
	get_profile("chained");
	is_int(tc_sts.calls, 2, "role: a role as source profile is assumed first");
	is_str(tc_sts.source_key_id, "ASIASTS0001", "role: ...and its credentials sign the next");
	is_str(tc_sts.role_arn, "arn:aws:iam::444455556666:role/Second", "role: chained ARN");

	get_profile("self");
	is_str(tc_sts.source_key_id, "AKIASELF",
	       "role: a profile may be its own source when it has keys");

	static const struct {
		const char *profile, *needle;
	} bad[] = {
		{ "both", "both source_profile and credential_source" },
		{ "neither", "neither source_profile nor credential_source" },
		{ "badsource", "not valid" },
		{ "loop1", "loop" },
		{ "ghost", "does not exist" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		is_int(get_profile(bad[i].profile), LO_EXIT_ENV, "role: profile %s refused",
		       bad[i].profile);
		ok(tc_has(&err, bad[i].needle), "role: %s: %s", bad[i].profile, err.message);
	}

	tc_sts.fail = true;
	is_int(get_profile("admin"), LO_EXIT_ENV, "role: an STS failure is an error");
	ok(tc_has(&err, "AccessDenied"), "role: ...with STS's message");
	tc_sts.fail = false;

	/* MFA */
	is_int(get_profile("mfa"), LO_EXIT_ENV, "mfa: refused without a prompt");
	ok(tc_has(&err, "profile mfa needs an MFA code (mfa_serial "
			"arn:aws:iam::111122223333:mfa/alice); run liftoff on a terminal"),
	   "mfa: the message says why and what to do");
	int asked = 0;
	mfa_answer = "123456";
	struct creds_options o = { .profile = "mfa", .mfa_prompt = mfa_prompt, .mfa_arg = &asked };
	aws_credentials_free(&got);
	is_int(tc_get(&o, &got, &err), 0, "mfa: with a prompt");
	is_int(asked, 1, "mfa: asked once");
	is_str(tc_sts.mfa_serial, "arn:aws:iam::111122223333:mfa/alice", "mfa: serial sent");
	is_str(tc_sts.mfa_code, "123456", "mfa: code sent");
	mfa_answer = NULL;
	aws_credentials_free(&got);
	is_int(tc_get(&o, &got, &err), LO_EXIT_ENV, "mfa: a cancelled prompt is an error");

	/* no STS caller */
	creds_chain *c = creds_chain_new(&(struct creds_options){ .profile = "admin" });
	aws_credentials_free(&got);
	is_int(creds_chain_get(c, &got, false, &err), LO_EXIT_ENV, "role: no STS caller");
	ok(tc_has(&err, "no STS client"), "role: ...says so");
	creds_chain_free(c);
}

static void test_web_identity(void)
{
	char *tok = tc_write("web-token", "FAKEwebIDENTITYtoken0123456789");
	tc_env("[profile web]\nrole_arn = arn:aws:iam::1:role/FromProfile\n"
	       "web_identity_token_file = /nonexistent/token\n"
	       "[profile webfile]\nweb_identity_token_file = TOKEN\n"
	       "role_arn = arn:aws:iam::1:role/Pod\nrole_session_name = pod-1\n", NULL);
	setenv("AWS_WEB_IDENTITY_TOKEN_FILE", tok, 1);
	setenv("AWS_ROLE_ARN", "arn:aws:iam::1:role/Env", 1);
	setenv("AWS_ROLE_SESSION_NAME", "ci-run", 1);
	is_int(get_profile(NULL), 0, "web: from the environment");
	is_str(got.source, "web-identity", "web: source");
	ok(tc_sts.web_identity, "web: AssumeRoleWithWebIdentity");
	is_str(tc_sts.role_arn, "arn:aws:iam::1:role/Env", "web: AWS_ROLE_ARN");
	is_str(tc_sts.session_name, "ci-run", "web: AWS_ROLE_SESSION_NAME");
	is_str(tc_sts.token, "FAKEwebIDENTITYtoken0123456789", "web: the token file's contents");
	ok(!tc_sts.source_key_id, "web: no source credentials");

	is_int(get_profile("web"), LO_EXIT_ENV, "web: --profile ignores the environment");
	ok(tc_has(&err, "/nonexistent/token") && tc_no_secret(&err),
	   "web: ...and reads the profile's token file");

	char *cfg = xasprintf("[profile webfile]\nweb_identity_token_file = %s\n"
			      "role_arn = arn:aws:iam::1:role/Pod\nrole_session_name = pod-1\n",
			      tok);
	tc_env(cfg, NULL);
	free(cfg);
	is_int(get_profile("webfile"), 0, "web: from the profile");
	is_str(tc_sts.role_arn, "arn:aws:iam::1:role/Pod", "web: profile role_arn");
	is_str(tc_sts.session_name, "pod-1", "web: profile role_session_name");

	tc_env(NULL, NULL);
	setenv("AWS_WEB_IDENTITY_TOKEN_FILE", tok, 1);
	is_int(get_profile(NULL), LO_EXIT_ENV, "web: a token without a role is an error");
	ok(tc_has(&err, "AWS_ROLE_ARN"), "web: ...naming AWS_ROLE_ARN");
	free(tok);
}

/* ---- SSO through a fake AWS CLI ---- */

static char *sso_setup(void)
{
	char *bin = tc_path("bin");
	mkdir(bin, 0700);
	char *script = tc_script("fake_process.py");
	char *wrapper = xasprintf("#!/bin/sh\nexec '%s' '%s' aws \"$@\"\n", tc_python(), script);
	char *aws = tc_write("bin/aws", wrapper);
	chmod(aws, 0700);
	free(aws);
	free(wrapper);
	free(script);
	return bin;
}

static void test_sso(void)
{
	char *bin = sso_setup(), *log = tc_path("aws.log");
	const char *cfg = "[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\n"
			  "sso_role_name = Admin\nregion = eu-west-1\n"
			  "[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\n"
			  "sso_region = eu-west-1\n"
			  "[profile lost]\nsso_session = gone\nsso_account_id = 1\n"
			  "sso_role_name = R\n";
	char *old_path = xstrdup(getenv("PATH"));
	char *path = xasprintf("%s:%s", bin, old_path);
	tc_env(cfg, NULL);
	setenv("PATH", path, 1);
	setenv("FAKE_AWS_LOG", log, 1);
	setenv("FAKE_AWS_MODE", "v2", 1);
	is_int(get_profile("sso"), 0, "sso: AWS CLI v2 exports the credentials");
	is_str(got.source, "sso (profile sso)", "sso: source");
	is_str(got.access_key_id, "ASIASSOFAKE0001", "sso: key id");
	ok(got.expiration > creds_now(), "sso: expiration");
	char *calls = tc_read(log);
	ok(calls && strstr(calls, "--version\n") &&
	   strstr(calls, "configure export-credentials --profile sso --format process\n"),
	   "sso: asked `aws configure export-credentials --profile sso --format process`");
	free(calls);

	setenv("FAKE_AWS_MODE", "v1", 1);
	is_int(get_profile("sso"), LO_EXIT_ENV, "sso: AWS CLI v1 refused");
	ok(tc_has(&err, "AWS CLI v2") && tc_has(&err, "aws-cli/1.45.11"),
	   "sso: ...saying v2 is needed (%s)", err.message);

	setenv("FAKE_AWS_MODE", "expired", 1);
	is_int(get_profile("sso"), LO_EXIT_ENV, "sso: expired session");
	ok(tc_has(&err, "expired") && tc_has(&err, "aws sso login --profile sso"),
	   "sso: ...says to run aws sso login --profile sso");

	setenv("FAKE_AWS_MODE", "v2", 1);
	is_int(get_profile("lost"), LO_EXIT_ENV, "sso: a missing sso-session is an error");
	ok(tc_has(&err, "[sso-session gone]"), "sso: ...naming the section");

	setenv("PATH", "/nonexistent", 1);
	is_int(get_profile("sso"), LO_EXIT_ENV, "sso: no AWS CLI");
	ok(tc_has(&err, "not installed") && tc_has(&err, "AWS CLI v2"),
	   "sso: ...says to install the AWS CLI v2");
	setenv("PATH", old_path, 1);
	unsetenv("FAKE_AWS_MODE");
	unsetenv("FAKE_AWS_LOG");
	free(old_path);
	free(path);
	free(log);
	free(bin);
}

/* ---- refreshing ---- */

static time_t clock_offset;

static time_t test_clock(void)
{
	return time(NULL) + clock_offset;
}

/* Move the chain's clock, and the fake process's idea of now with it. */
static void advance_to(time_t offset)
{
	clock_offset = offset;
	char *v = xasprintf("%lld", (long long)offset);
	setenv("FAKE_CLOCK_OFFSET", v, 1);
	free(v);
}

static void set_mode(const char *path, const char *mode)
{
	FILE *fp = fopen(path, "w");
	fputs(mode, fp);
	fclose(fp);
}

static void test_refresh(void)
{
	char *mode = tc_path("mode"), *count = tc_path("count");
	set_mode(mode, "ok");
	unlink(count);
	char *arg = xasprintf("@%s", mode);
	process_profile(arg, NULL);
	free(arg);
	creds_set_clock(test_clock);
	advance_to(0);
	creds_chain *c = creds_chain_new(&(struct creds_options){ .profile = "proc" });
	aws_credentials a = { 0 }, b = { 0 };
	is_int(creds_chain_get(c, &a, false, &err), 0, "refresh: first fetch");
	is_str(a.access_key_id, "ASIAPROC0001", "refresh: first process call");
	creds_chain_get(c, &b, false, &err);
	is_str(b.access_key_id, "ASIAPROC0001", "refresh: cached while fresh");
	aws_credentials_free(&b);

	advance_to(46 * 60);  /* 14 minutes left: inside the advisory window */
	creds_chain_get(c, &b, false, &err);
	is_str(b.access_key_id, "ASIAPROC0002", "refresh: fetched again 15 minutes before expiry");
	aws_credentials_free(&b);

	set_mode(mode, "fail");
	advance_to(92 * 60);  /* 14 minutes left of the second set */
	is_int(creds_chain_get(c, &b, false, &err), 0,
	       "refresh: a failed advisory refresh keeps the cached credentials");
	is_str(b.access_key_id, "ASIAPROC0002", "refresh: ...the same ones");
	aws_credentials_free(&b);
	advance_to(98 * 60);  /* 8 minutes left: mandatory */
	is_int(creds_chain_get(c, &b, false, &err), LO_EXIT_ENV,
	       "refresh: a failed mandatory refresh is an error");
	ok(tc_no_secret(&err), "refresh: ...without secrets");

	set_mode(mode, "static");
	creds_chain_get(c, &b, false, &err);
	is_str(b.access_key_id, "ASIAPROC0005", "refresh: recovers when the source does");
	aws_credentials_free(&b);
	creds_chain_get(c, &b, true, &err);
	is_str(b.access_key_id, "ASIAPROC0006", "refresh: force_refresh asks again");
	aws_credentials_free(&b);
	creds_chain_get(c, &b, false, &err);
	is_str(b.access_key_id, "ASIAPROC0006", "refresh: keys without expiry stay cached");
	aws_credentials_free(&b);
	aws_credentials_free(&a);
	creds_chain_free(c);

	/* 4-minute keys: refreshed after half their life, not on every call. */
	set_mode(mode, "short");
	advance_to(0);
	c = creds_chain_new(&(struct creds_options){ .profile = "proc" });
	creds_chain_get(c, &a, false, &err);
	creds_chain_get(c, &b, false, &err);
	is_str(b.access_key_id, a.access_key_id, "refresh: short-lived keys are cached too");
	aws_credentials_free(&b);
	advance_to(2 * 60 + 5);
	creds_chain_get(c, &b, false, &err);
	ok(!str_eq(b.access_key_id, a.access_key_id), "refresh: ...until half their life is gone");
	aws_credentials_free(&b);
	aws_credentials_free(&a);
	creds_chain_free(c);
	creds_set_clock(NULL);
	unsetenv("FAKE_CLOCK_OFFSET");
	free(mode);
	free(count);
}

int main(void)
{
	test_ini();
	test_ini_random();
	test_shlex();
	test_time();
	test_env();
	test_precedence();
	test_profiles();
	test_region_and_settings();
	test_process();
	test_assume_role();
	test_web_identity();
	test_sso();
	test_refresh();
	tc_check_errors();
	aws_credentials_free(&got);
	lo_error_clear(&err);
	return done_testing();
}
