/* test-creds-lib.c - see creds-tests.h. */
#include "config.h"

#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"
#include "creds-tests.h"

struct tc_sts tc_sts;
static char *dir;
static int errors_seen, errors_leaking;

static const char *const fake_secrets[] = {
	"FAKEenvSECRETkey0123456789abcdefABCDEF",
	"FAKEenvSESSIONtoken0123456789",
	"FAKEfileSECRETkey0123456789abcdefABCDEF",
	"FAKEfileSESSIONtoken0123456789",
	"FAKEprocSECRETkey0123456789abcdefGHIJKL",
	"FAKEprocSESSIONtoken0123456789abcdefMNO",
	"FAKEimdsSECRETkey0123456789abcdefABCDEF",
	"FAKEimdsSESSIONtoken0123456789abcdefXYZ",
	"FAKEstsSECRET0123456789",
	"FAKEwebIDENTITYtoken0123456789",
	"FAKEecsAUTHtoken0123456789",
	"imds-session-token-0001",
};

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(path);
}

static void tc_cleanup(void)
{
	if (dir)
		nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

const char *tc_dir(void)
{
	if (!dir) {
		const char *t = getenv("TMPDIR");
		char *tmpl = xasprintf("%s/test-creds.XXXXXX", str_empty(t) ? "/tmp" : t);
		if (!mkdtemp(tmpl))
			bail_out("mkdtemp failed");
		dir = tmpl;
		atexit(tc_cleanup);
	}
	return dir;
}

char *tc_path(const char *name)
{
	return xasprintf("%s/%s", tc_dir(), name);
}

char *tc_write(const char *name, const char *text)
{
	char *path = tc_path(name);
	FILE *fp = fopen(path, "w");
	if (!fp)
		bail_out("cannot write %s", path);
	fputs(text, fp);
	fclose(fp);
	return path;
}

char *tc_read(const char *path)
{
	return read_file_all(path, NULL);
}


void tc_env(const char *config, const char *credentials)
{
	for (;;) {
		char *name = NULL;
		for (char **e = environ; *e; e++) {
			if (str_starts_with(*e, "AWS_")) {
				name = xstrndup(*e, strcspn(*e, "="));
				break;
			}
		}
		if (!name)
			break;
		unsetenv(name);
		free(name);
	}
	char *c = config ? tc_write("config", config) : tc_path("no-config");
	char *k = credentials ? tc_write("credentials", credentials) : tc_path("no-credentials");
	if (!config)
		unlink(c);
	if (!credentials)
		unlink(k);
	setenv("AWS_CONFIG_FILE", c, 1);
	setenv("AWS_SHARED_CREDENTIALS_FILE", k, 1);
	setenv("AWS_EC2_METADATA_DISABLED", "true", 1);
	free(c);
	free(k);
}

/* $PYTHON may be a slow wrapper (a pyenv shim takes 0.3 s a call): ask it
 * once for the real interpreter. */
const char *tc_python(void)
{
	static char *real;
	if (real)
		return real;
	const char *p = getenv("PYTHON");
	p = str_empty(p) ? "python3" : p;
	const char *argv[] = { p, "-c", "import sys; print(sys.executable)", NULL };
	struct creds_run r;
	bool missing;
	lo_error e = LO_ERROR_INIT;
	if (!creds_run(argv, &r, &missing, &e) || r.status != 0 || !r.out.len)
		bail_out("cannot run %s, which the tests need", p);
	real = xstrndup(r.out.buf, strcspn(r.out.buf, "\n"));
	creds_run_free(&r);
	return real;
}

char *tc_script(const char *name)
{
	const char *src = getenv("top_srcdir");
	return xasprintf("%s/tests/creds/%s", str_empty(src) ? "." : src, name);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void sts_reset(void)
{
	free(tc_sts.role_arn);
	free(tc_sts.session_name);
	free(tc_sts.external_id);
	free(tc_sts.mfa_serial);
	free(tc_sts.mfa_code);
	free(tc_sts.token);
	free(tc_sts.source_key_id);
	free(tc_sts.region);
	int calls = tc_sts.calls;
	bool fail = tc_sts.fail;
	memset(&tc_sts, 0, sizeof tc_sts);
	tc_sts.calls = calls;
	tc_sts.fail = fail;
}

static int fake_sts(void *ctx, const struct sts_assume_request *req, aws_credentials *out,
		    lo_error *err)
{
	(void)ctx;
	sts_reset();
	tc_sts.calls++;
	tc_sts.web_identity = req->web_identity;
	tc_sts.role_arn = dup_or_null(req->role_arn);
	tc_sts.session_name = dup_or_null(req->role_session_name);
	tc_sts.external_id = dup_or_null(req->external_id);
	tc_sts.mfa_serial = dup_or_null(req->mfa_serial);
	tc_sts.mfa_code = dup_or_null(req->mfa_code);
	tc_sts.token = req->web_identity_token ? xstrdup(secret_reveal(req->web_identity_token))
					       : NULL;
	tc_sts.source_key_id = req->source ? dup_or_null(req->source->access_key_id) : NULL;
	tc_sts.region = dup_or_null(req->region);
	tc_sts.duration = req->duration_seconds;
	if (tc_sts.fail) {
		lo_error_set(err, LO_EXIT_ENV, NULL, "%s", "AccessDenied: not authorized");
		return LO_EXIT_ENV;
	}
	out->access_key_id = xasprintf("ASIASTS%04d", tc_sts.calls);
	out->secret_access_key = secret_from_str("FAKEstsSECRET0123456789");
	out->session_token = secret_from_str("FAKEstsSESSION0123456789");
	out->expiration = creds_now() + 3600;
	out->source = xstrdup("sts");
	return LO_EXIT_OK;
}

int tc_get(const struct creds_options *opts, aws_credentials *out, lo_error *err)
{
	struct creds_options none = { 0 };
	creds_chain *c = creds_chain_new(opts ? opts : &none);
	creds_chain_set_sts(c, fake_sts, NULL);
	lo_error_clear(err);
	int rc = creds_chain_get(c, out, false, err);
	creds_chain_free(c);
	if (rc != 0) {
		errors_seen++;
		errors_leaking += !tc_no_secret(err);
	}
	return rc;
}

void tc_check_errors(void)
{
	ok(errors_seen > 0 && errors_leaking == 0, "no secret in any of the %d error messages",
	   errors_seen);
}

bool tc_has(const lo_error *err, const char *needle)
{
	return (err->message && strstr(err->message, needle)) ||
	       (err->hint && strstr(err->hint, needle));
}

bool tc_no_secret(const lo_error *err)
{
	for (size_t i = 0; i < sizeof fake_secrets / sizeof *fake_secrets; i++) {
		if (tc_has(err, fake_secrets[i])) {
			diag("secret leaked into: %s / %s", err->message,
			     err->hint ? err->hint : "");
			return false;
		}
	}
	return true;
}

int tc_server_start(const char *mode, const char *auth, pid_t *pid)
{
	const char *python = tc_python();
	int fd[2];
	if (pipe(fd) < 0)
		bail_out("pipe");
	char *script = tc_script("fake_metadata.py"), *log = tc_path("server.log");
	unlink(log);
	*pid = fork();
	if (*pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		execlp(python, python, script, mode, log, auth, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	char buf[32] = "";
	size_t got = 0;
	ssize_t n;
	while (got < sizeof buf - 1 && !strchr(buf, '\n') &&
	       (n = read(fd[0], buf + got, sizeof buf - 1 - got)) > 0)
		got += (size_t)n;
	close(fd[0]);
	free(script);
	free(log);
	int port = atoi(buf);
	if (port <= 0)
		bail_out("fake_metadata.py did not start (need %s with http.server)", tc_python());
	return port;
}

void tc_server_stop(pid_t pid)
{
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
}
