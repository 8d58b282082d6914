/* creds_process.c - credential_process, and running helper programs.
 *
 * botocore's ProcessProvider splits the credential_process line with
 * shlex.split (POSIX rules, no comments) and runs it without a shell,
 * capturing stdout and stderr; stdin stays the terminal so a helper can
 * prompt.  We do the same with posix_spawnp and two pipes read through
 * poll(), so a chatty stderr cannot block the child.  The child gets
 * liftoff's own environment and nothing more.
 *
 * A failing helper's stderr goes into the error message, as botocore
 * does, but only a short excerpt with anything that looks like a key or
 * token masked (creds_safe_excerpt); stdout is never quoted. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h> /* environ (_GNU_SOURCE) */

#include "aws/creds_internal.h"
#include "core/i18n.h"


/* ---- shlex.split ---- */

struct shlex {
	const char *p;
	char **argv;
	size_t argc;
	strbuf word;
	bool in_word;
};

static void shlex_push(struct shlex *sx)
{
	sx->argv = xrealloc(sx->argv, (sx->argc + 2) * sizeof *sx->argv);
	sx->argv[sx->argc++] = sb_detach(&sx->word);
	sx->argv[sx->argc] = NULL;
	sx->in_word = false;
}

/* Inside quotes; returns false at an unclosed quote. */
static bool shlex_quoted(struct shlex *sx, char q)
{
	for (sx->p++; *sx->p != q; sx->p++) {
		if (!*sx->p)
			return false;
		if (q == '"' && *sx->p == '\\' && (sx->p[1] == '"' || sx->p[1] == '\\'))
			sx->p++;
		sb_append_char(&sx->word, *sx->p);
	}
	sx->p++;
	return true;
}

char **creds_shlex_split(const char *s, const char **why)
{
	struct shlex sx = { .p = s, .word = STRBUF_INIT };
	sx.argv = xcalloc(1, sizeof *sx.argv);
	*why = NULL;
	while (*sx.p) {
		char c = *sx.p;
		if (isspace((unsigned char)c)) {
			if (sx.in_word)
				shlex_push(&sx);
			sx.p++;
			continue;
		}
		sx.in_word = true;
		if (c == '\'' || c == '"') {
			if (!shlex_quoted(&sx, c))
				*why = _("no closing quotation");
		} else if (c == '\\') {
			if (!sx.p[1])
				*why = _("no escaped character");
			else
				sb_append_char(&sx.word, sx.p[1]);
			sx.p += 2;
		} else {
			sb_append_char(&sx.word, c);
			sx.p++;
		}
		if (*why)
			break;
	}
	if (!*why && sx.in_word) {
		sb_append(&sx.word, "");
		shlex_push(&sx);
	}
	sb_free(&sx.word);
	if (*why) {
		creds_argv_free(sx.argv);
		return NULL;
	}
	return sx.argv;
}

void creds_argv_free(char **argv)
{
	if (!argv)
		return;
	for (char **a = argv; *a; a++)
		free(*a);
	free(argv);
}

/* ---- running a child ---- */

static void close_pair(int fd[2])
{
	for (int i = 0; i < 2; i++)
		if (fd[i] >= 0)
			close(fd[i]);
}

static bool spawn(const char *const argv[], int out[2], int errp[2], pid_t *pid, int *error)
{
	size_t n = 0;
	while (argv[n])
		n++;
	char **copy = xcalloc(n + 1, sizeof *copy);
	for (size_t i = 0; i < n; i++)
		copy[i] = xstrdup(argv[i]);
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, errp[1], STDERR_FILENO);
	*error = posix_spawnp(pid, copy[0], &fa, NULL, copy, environ);
	posix_spawn_file_actions_destroy(&fa);
	creds_argv_free(copy);
	return *error == 0;
}

/* Read both pipes to their end. */
static void drain(int out, int errfd, struct creds_run *r)
{
	struct pollfd pfd[2] = { { out, POLLIN, 0 }, { errfd, POLLIN, 0 } };
	strbuf *dst[2] = { &r->out, &r->err };
	int open_fds = 2;
	char buf[4096];
	while (open_fds > 0) {
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			if (pfd[i].fd < 0 || !pfd[i].revents)
				continue;
			ssize_t n = read(pfd[i].fd, buf, sizeof buf);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				pfd[i].fd = -1;
				open_fds--;
				continue;
			}
			sb_append_len(dst[i], buf, (size_t)n);
		}
	}
	secret_wipe(buf, sizeof buf);
}

bool creds_run(const char *const argv[], struct creds_run *r, bool *missing, lo_error *err)
{
	memset(r, 0, sizeof *r);
	r->status = -1;
	*missing = false;
	int out[2] = { -1, -1 }, errp[2] = { -1, -1 }, error = 0;
	pid_t pid;
	if (pipe2(out, O_CLOEXEC) < 0 || pipe2(errp, O_CLOEXEC) < 0) {
		error = errno;
		close_pair(out);
		close_pair(errp);
		lo_error_set(err, LO_EXIT_ENV, NULL, _("cannot run %s: %s"), argv[0],
			     strerror(error));
		return false;
	}
	if (!spawn(argv, out, errp, &pid, &error)) {
		close_pair(out);
		close_pair(errp);
		*missing = error == ENOENT;
		lo_error_set(err, LO_EXIT_ENV, NULL, _("cannot run %s: %s"), argv[0],
			     strerror(error));
		return false;
	}
	close(out[1]);
	close(errp[1]);
	drain(out[0], errp[0], r);
	close(out[0]);
	close(errp[0]);
	int st;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return true;
}

void creds_run_free(struct creds_run *r)
{
	secret_wipe(r->out.buf, r->out.cap);
	secret_wipe(r->err.buf, r->err.cap);
	sb_free(&r->out);
	sb_free(&r->err);
}

/* ---- a safe excerpt of stderr ---- */

static bool token_char(char c)
{
	return isalnum((unsigned char)c) || (c && strchr("/+=_-", c));
}

/* A run of key-like characters looks like a secret key or a token when it
 * is 16 or more long and mixes upper case, lower case and digits, or is
 * 20 or more long and mixes letters and digits (hex tokens): mask it. */
static bool looks_secret(const char *s, size_t n)
{
	bool up = false, low = false, dig = false;
	for (size_t i = 0; i < n; i++) {
		up |= isupper((unsigned char)s[i]) != 0;
		low |= islower((unsigned char)s[i]) != 0;
		dig |= isdigit((unsigned char)s[i]) != 0;
	}
	return (n >= 16 && up && low && dig) || (n >= 20 && (up || low) && dig);
}

char *creds_safe_excerpt(const char *text)
{
	enum { MAX = 300 };
	strbuf sb = STRBUF_INIT;
	const char *p = text;
	while (isspace((unsigned char)*p))
		p++;
	while (*p && sb.len < MAX) {
		if (token_char(*p)) {
			size_t n = 1;
			while (token_char(p[n]))
				n++;
			if (looks_secret(p, n))
				sb_append(&sb, SECRET_MASK);
			else
				sb_append_len(&sb, p, n);
			p += n;
		} else if (*p == '\n' || *p == '\r' || *p == '\t') {
			while (isspace((unsigned char)*p))
				p++;
			if (*p)
				sb_append(&sb, " / ");
		} else {
			sb_append_char(&sb, isprint((unsigned char)*p) ? *p : '?');
			p++;
		}
	}
	if (*p)
		sb_append(&sb, "...");
	return sb_detach(&sb);
}

/* ---- the credential_process source ---- */

static int process_fail(lo_error *err, const char *hint, const char *profile, const char *why)
{
	lo_error_set(err, LO_EXIT_ENV, hint, _("credential_process of profile %s: %s"), profile,
		     why);
	return CREDS_ERROR;
}

static int process_result(const struct creds_profile *p, struct creds_run *r,
			  aws_credentials *out, lo_error *err)
{
	if (r->status != 0) {
		char *ex = creds_safe_excerpt(sb_str(&r->err));
		char *why = r->status < 0
				    ? xasprintf(_("it was killed by a signal: %s"), ex)
				    : xasprintf(_("it exited with status %d: %s"), r->status, ex);
		process_fail(err, NULL, p->name, why);
		free(ex);
		free(why);
		return CREDS_ERROR;
	}
	char *what = xasprintf(_("credential_process of profile %s"), p->name);
	int rc = creds_from_json(sb_str(&r->out), r->out.len, "SessionToken", true, false, what,
				 out, err);
	free(what);
	if (rc != LO_EXIT_OK)
		return CREDS_ERROR;
	out->source = xasprintf("credential-process (profile %s)", p->name);
	return CREDS_FOUND;
}

int creds_from_process(const struct creds_profile *p, aws_credentials *out, lo_error *err)
{
	const char *cmd = creds_profile_get(p, "credential_process");
	if (str_empty(cmd))
		return CREDS_NONE;
	const char *why;
	char **argv = creds_shlex_split(cmd, &why);
	if (!argv || !argv[0]) {
		creds_argv_free(argv);
		return process_fail(err,
				    _("Check the quoting of credential_process in the config "
				      "file."),
				    p->name, why ? why : _("the command is empty"));
	}
	struct creds_run r;
	bool missing;
	int rc;
	if (!creds_run((const char *const *)argv, &r, &missing, err)) {
		char *m = xstrdup(err->message);
		rc = process_fail(err, NULL, p->name, m);
		free(m);
	} else {
		rc = process_result(p, &r, out, err);
	}
	creds_run_free(&r);
	creds_argv_free(argv);
	return rc;
}
