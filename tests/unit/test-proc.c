/* test-proc.c - child processes on the loop: exit statuses, captured
 * output, a missing program, timeouts, bounded output, stdin data, extra
 * environment and many children at once.  No timing assertions: a timeout
 * is recognised by its outcome, not by a stopwatch. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/proc.h"
#include "tap.h"

struct got {
	int calls;
	enum proc_outcome how;
	int exit_code, signo, spawn_errno;
	char *out, *err;
	size_t out_len;
	bool out_truncated;
	char *describe;
};

static void on_done(lo_proc *p, const struct proc_result *r, void *arg)
{
	struct got *g = arg;
	(void)p;
	g->calls++;
	g->how = r->how;
	g->exit_code = r->exit_code;
	g->signo = r->signo;
	g->spawn_errno = r->spawn_errno;
	g->out = xstrdup(r->out);
	g->err = xstrdup(r->err);
	g->out_len = r->out_len;
	g->out_truncated = r->out_truncated;
	g->describe = proc_describe(r);
}

static void got_free(struct got *g)
{
	free(g->out);
	free(g->err);
	free(g->describe);
	memset(g, 0, sizeof *g);
}

static struct got run1(const struct proc_spec *spec)
{
	struct got g;
	memset(&g, 0, sizeof g);
	lo_loop *loop = loop_new();
	proc_spawn(loop, spec, on_done, &g);
	is_int(g.calls, 0, "%s: done is never called from inside proc_spawn", spec->argv[0]);
	loop_run(loop);
	loop_free(loop);
	return g;
}

static void test_true_false(void)
{
	const char *t[] = { "true", NULL }, *f[] = { "false", NULL };
	struct got g = run1(&(struct proc_spec){ .argv = t });
	is_int(g.calls, 1, "true: done called once");
	ok(g.how == PROC_EXITED && g.exit_code == 0, "true exits 0");
	got_free(&g);
	g = run1(&(struct proc_spec){ .argv = f });
	ok(g.how == PROC_EXITED && g.exit_code == 1, "false exits 1");
	is_str(g.describe, "exited with status 1", "described in words");
	got_free(&g);
}

static void test_output(void)
{
	const char *argv[] = { "sh", "-c", "echo hello; echo oops >&2; exit 3", NULL };
	struct got g = run1(&(struct proc_spec){ .argv = argv });
	is_str(g.out, "hello\n", "stdout captured");
	is_str(g.err, "oops\n", "stderr captured separately");
	is_int(g.exit_code, 3, "exit status kept");
	got_free(&g);

	const char *e[] = { "echo", "a b", "c", NULL };
	g = run1(&(struct proc_spec){ .argv = e });
	is_str(g.out, "a b c\n", "arguments are passed as they are, no shell");
	got_free(&g);
}

static void test_missing(void)
{
	const char *argv[] = { "liftoff-no-such-program", NULL };
	struct got g = run1(&(struct proc_spec){ .argv = argv });
	is_int(g.calls, 1, "missing program: done called once");
	ok(g.how == PROC_SPAWN_FAILED && g.spawn_errno == ENOENT, "reported as ENOENT");
	is_str(g.describe, "not found on PATH", "described as not found on PATH");
	got_free(&g);
}

static void test_timeout(void)
{
	const char *argv[] = { "sleep", "30", NULL };
	struct got g = run1(&(struct proc_spec){ .argv = argv, .timeout_ms = 100 });
	is_int(g.how, PROC_TIMED_OUT, "sleep 30 with a 100 ms timeout times out");
	is_int(g.signo, SIGTERM, "ended by SIGTERM");
	got_free(&g);

	/* A child that ignores SIGTERM gets SIGKILL after the grace period. */
	const char *stubborn[] = { "sh", "-c", "trap '' TERM; sleep 30", NULL };
	g = run1(&(struct proc_spec){ .argv = stubborn, .timeout_ms = 100 });
	is_int(g.how, PROC_TIMED_OUT, "a child ignoring SIGTERM times out too");
	is_int(g.signo, SIGKILL, "and is ended by SIGKILL");
	got_free(&g);
}

static void test_large_output(void)
{
	const char *argv[] = { "head", "-c", "3000000", "/dev/zero", NULL };
	struct got g = run1(&(struct proc_spec){ .argv = argv });
	is_int((long long)g.out_len, PROC_DEFAULT_MAX_OUTPUT, "output bounded at 1 MiB");
	ok(g.out_truncated, "and marked truncated");
	ok(g.how == PROC_EXITED && g.exit_code == 0, "the child still ran to the end");
	got_free(&g);

	g = run1(&(struct proc_spec){ .argv = argv, .max_output = 10 });
	is_int((long long)g.out_len, 10, "a smaller bound is honoured");
	got_free(&g);
}

static void test_stdin_env(void)
{
	const char *cat[] = { "cat", NULL };
	struct got g = run1(&(struct proc_spec){ .argv = cat, .stdin_mode = PROC_STDIN_DATA,
						   .stdin_data = "fed\n", .stdin_len = 4 });
	is_str(g.out, "fed\n", "stdin data reaches the child");
	got_free(&g);

	g = run1(&(struct proc_spec){ .argv = cat });
	is_str(g.out, "", "default stdin is /dev/null");
	got_free(&g);

	const char *env[] = { "LIFTOFF_TEST_VAR=42", "HOME=/nowhere", NULL };
	const char *sh[] = { "sh", "-c", "echo $LIFTOFF_TEST_VAR $HOME", NULL };
	g = run1(&(struct proc_spec){ .argv = sh, .env_add = env });
	is_str(g.out, "42 /nowhere\n", "environment additions set and override");
	got_free(&g);

	const char *pwd[] = { "pwd", NULL };
	g = run1(&(struct proc_spec){ .argv = pwd, .cwd = "/" });
	is_str(g.out, "/\n", "cwd honoured");
	got_free(&g);
}

#define MANY 40

static void test_many(void)
{
	lo_loop *loop = loop_new();
	struct got g[MANY];
	memset(g, 0, sizeof g);
	char arg[MANY][16];
	for (int i = 0; i < MANY; i++) {
		snprintf(arg[i], sizeof arg[i], "%d", i);
		const char *argv[] = { "sh", "-c", "sleep 0.1; echo $0", arg[i], NULL };
		proc_spawn(loop, &(struct proc_spec){ .argv = argv }, on_done, &g[i]);
	}
	loop_run(loop);
	int right = 0;
	for (int i = 0; i < MANY; i++) {
		char want[20];
		snprintf(want, sizeof want, "%d\n", i);
		right += g[i].calls == 1 && g[i].exit_code == 0 && g[i].out && !strcmp(g[i].out, want);
		got_free(&g[i]);
	}
	is_int(right, MANY, "%d concurrent children all reaped with their own output", MANY);
	loop_free(loop);
}

static void test_cancel(void)
{
	lo_loop *loop = loop_new();
	struct got g;
	memset(&g, 0, sizeof g);
	const char *argv[] = { "sleep", "30", NULL };
	lo_proc *p = proc_spawn(loop, &(struct proc_spec){ .argv = argv }, on_done, &g);
	ok(proc_pid(p) > 0, "spawned with a pid");
	proc_cancel(p);
	loop_run(loop); /* returns at once: nothing is left to wait for */
	is_int(g.calls, 0, "a cancelled child never calls done");
	loop_free(loop);
}

struct chain { lo_loop *loop; int left; int done; };

static void on_chain(lo_proc *p, const struct proc_result *r, void *arg)
{
	struct chain *c = arg;
	(void)p;
	c->done += proc_succeeded(r);
	if (c->left-- > 0) {
		const char *argv[] = { "true", NULL };
		proc_spawn(c->loop, &(struct proc_spec){ .argv = argv }, on_chain, c);
	}
}

static void test_spawn_from_callback(void)
{
	struct chain c = { loop_new(), 4, 0 };
	const char *argv[] = { "true", NULL };
	proc_spawn(c.loop, &(struct proc_spec){ .argv = argv }, on_chain, &c);
	loop_run(c.loop);
	is_int(c.done, 5, "children spawned from a done callback run too");
	loop_free(c.loop);
}

int main(void)
{
	test_true_false();
	test_output();
	test_missing();
	test_timeout();
	test_large_output();
	test_stdin_env();
	test_many();
	test_cancel();
	test_spawn_from_callback();
	return done_testing();
}
