/* tools.c - see tools.h. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "checks/tools.h"
#include "core/i18n.h"

struct spawned {
	struct check_run *run;
	check_proc_fn fn;
	void *arg;
	void (*free_arg)(void *);
	lo_proc *proc;
};

static void on_cancel(void *arg)
{
	struct spawned *s = arg;
	proc_cancel(s->proc);
	if (s->free_arg)
		s->free_arg(s->arg);
	free(s);
}

static void on_proc_done(lo_proc *p, const struct proc_result *res, void *arg)
{
	struct spawned *s = arg;
	(void)p;
	check_on_cancel(s->run, NULL, NULL);
	s->fn(s->run, res, s->arg);
	free(s);
}

/* The tools a check runs never need AWS credentials: they stay out of
 * the tools' environment (and so out of /proc/PID/environ). */
static const char *const aws_secret_vars[] = {
	"AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
	"AWS_CONTAINER_AUTHORIZATION_TOKEN", NULL,
};

void check_spawn(struct check_run *run, const char *const *argv, const char *stdin_data,
		 check_proc_fn fn, void *arg, void (*free_arg)(void *))
{
	const struct check_ctx *ctx = check_ctx(run);
	struct spawned *s = xcalloc(1, sizeof *s);
	s->run = run;
	s->fn = fn;
	s->arg = arg;
	s->free_arg = free_arg;
	struct proc_spec spec = {
		.argv = argv,
		.env_drop = aws_secret_vars,
		.timeout_ms = ctx->opts.tool_timeout_ms,
		.max_output = 64 * 1024,
		.stdin_mode = stdin_data ? PROC_STDIN_DATA : PROC_STDIN_NULL,
		.stdin_data = stdin_data,
		.stdin_len = stdin_data ? strlen(stdin_data) : 0,
	};
	s->proc = proc_spawn(ctx->loop, &spec, on_proc_done, s);
	check_on_cancel(run, on_cancel, s);
}

bool tool_version_parse(const char *text, const char *prefix, int v[3])
{
	v[0] = v[1] = v[2] = 0;
	const char *p = text;
	if (prefix) {
		p = strstr(text, prefix);
		if (!p)
			return false;
		p += strlen(prefix);
	}
	while (*p && !isdigit((unsigned char)*p))
		p++;
	if (!*p)
		return false;
	for (int i = 0; i < 3; i++) {
		char *end;
		long n = strtol(p, &end, 10);
		if (end == p)
			break;
		v[i] = (int)n;
		if (*end != '.' || !isdigit((unsigned char)end[1]))
			break;
		p = end + 1;
	}
	return true;
}

int tool_version_cmp(const int a[3], const int b[3])
{
	for (int i = 0; i < 3; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

char *tool_first_line(const struct proc_result *res)
{
	const char *s = res->out_len ? res->out : res->err;
	s += strspn(s, " \t\r\n");
	return xstrndup(s, strcspn(s, "\r\n"));
}

void tool_fail(struct check_run *run, const char *tool, const char *package,
	       const struct proc_result *res)
{
	char *how = proc_describe(res);
	char *hint = xasprintf(_("Install it: apt-get install %s"), package);
	if (res->how == PROC_SPAWN_FAILED) {
		check_complete(run, CHECK_FAIL, hint, "%s: %s", tool, how);
	} else {
		char *line = tool_first_line(res);
		check_complete(run, CHECK_FAIL, hint, _("%s does not work: %s%s%s"), tool, how,
			       *line ? ": " : "", line);
		free(line);
	}
	free(hint);
	free(how);
}
