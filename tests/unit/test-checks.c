/* test-checks.c - the check engine with fake checks: concurrency (every
 * check started before any finished, no stopwatch), dependency skips,
 * missing inputs, not-built rows, --only selection, the --json shape,
 * cancellation, and the tool checks' version parsing. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "checks/engine.h"
#include "checks/tools.h"
#include "tap.h"

/* Events seen by the progress callback: "+a" started, "a=pass" finished. */
static strbuf events;

static void on_progress(void *arg, size_t i, const struct check_def *def,
			const struct check_result *res)
{
	(void)arg;
	(void)i;
	if (res->status == CHECK_RUNNING)
		sb_appendf(&events, "+%s ", def->id);
	else
		sb_appendf(&events, "%s=%s ", def->id, check_status_name(res->status));
}

static void timer_pass(lo_loop *loop, void *arg)
{
	(void)loop;
	check_complete(arg, CHECK_PASS, NULL, "waited");
}

static void run_wait(struct check_run *run)
{
	loop_add_timer(check_ctx(run)->loop, 200, timer_pass, run);
}

static void run_pass(struct check_run *run)
{
	check_complete(run, CHECK_PASS, NULL, "fine");
}

static void run_warn(struct check_run *run)
{
	check_complete(run, CHECK_WARN, "look", "hmm %d", 42);
}

static void run_fail(struct check_run *run)
{
	check_complete(run, CHECK_FAIL, "fix it", "broken");
	check_complete(run, CHECK_PASS, NULL, "second word ignored");
}

static void run_data(struct check_run *run)
{
	check_set_data(run, json_pack("{s:s}", "version", "1.2.3"));
	check_complete(run, CHECK_PASS, NULL, "with data");
}

static struct checks_runner *new_runner(const struct check_def *t, size_t n, lo_loop *loop,
					const struct lo_config *config)
{
	struct check_ctx ctx = { .loop = loop, .config = config };
	lo_error err = LO_ERROR_INIT;
	struct checks_runner *r = checks_runner_new(t, n, &ctx, &err);
	if (!r)
		bail_out("checks_runner_new: %s", err.message);
	sb_reset(&events);
	checks_runner_on_progress(r, on_progress, NULL);
	return r;
}

static const struct check_result *result_of(const struct checks_runner *r, const char *id)
{
	for (size_t i = 0; i < checks_runner_count(r); i++)
		if (!strcmp(checks_runner_def(r, i)->id, id))
			return checks_runner_result(r, i);
	bail_out("no check %s", id);
}

static void test_concurrent(void)
{
	static const struct check_def t[] = {
		{ "a", "A", NULL, 0, run_wait },
		{ "b", "B", NULL, 0, run_wait },
		{ "c", "C", NULL, 0, run_wait },
	};
	lo_loop *loop = loop_new();
	struct checks_runner *r = new_runner(t, 3, loop, NULL);
	checks_runner_run(r);
	const char *e = sb_str(&events);
	ok(strstr(e, "+c ") && strstr(e, "a=pass") && strstr(e, "+c ") < strstr(e, "a=pass") &&
	   strstr(e, "+c ") < strstr(e, "b=pass") && strstr(e, "+c ") < strstr(e, "c=pass"),
	   "all three started before any finished: %s", e);
	ok(checks_runner_finished(r), "runner finished");
	ok(result_of(r, "b")->duration_ms >= 199, "duration_ms covers the 200 ms wait (a lower bound, not a stopwatch: %lld)",
	   result_of(r, "b")->duration_ms);
	checks_runner_free(r);
	loop_free(loop);
}

static const char *const dep_a[] = { "a", NULL };
static const char *const dep_b[] = { "b", NULL };
static const char *const dep_ok[] = { "ok", NULL };

static void test_dependencies(void)
{
	static const struct check_def t[] = {
		{ "b", "B", dep_a, 0, run_pass },     /* listed before its dependency */
		{ "a", "A", NULL, 0, run_fail },
		{ "c", "C", dep_b, 0, run_pass },
		{ "ok", "OK", NULL, 0, run_wait },
		{ "after", "After", dep_ok, 0, run_warn },
		{ "todo", "Todo", NULL, 0, NULL },
		{ "cfg", "Cfg", NULL, CHECK_NEEDS_CONFIG, run_pass },
		{ "aws", "Aws", NULL, CHECK_NEEDS_AWS, run_pass },
	};
	lo_loop *loop = loop_new();
	struct checks_runner *r = new_runner(t, 8, loop, NULL);
	checks_runner_run(r);
	const struct check_result *a = result_of(r, "a"), *b = result_of(r, "b"),
				  *c = result_of(r, "c"), *after = result_of(r, "after");
	ok(a->status == CHECK_FAIL, "a failed");
	is_str(a->detail, "broken", "its detail stands; a second completion is ignored");
	ok(b->status == CHECK_SKIP, "b, depending on a, skipped");
	is_str(b->detail, "skipped: a failed", "with the reason");
	ok(b->hint != NULL, "and a hint");
	is_str(c->detail, "skipped: b was skipped", "skips cascade");
	ok(after->status == CHECK_WARN, "a dependent of a passed check runs after it");
	is_str(after->detail, "hmm 42", "printf-style detail");
	is_str(after->hint, "look", "hint kept");
	const char *e = sb_str(&events);
	ok(strstr(e, "ok=pass") && strstr(e, "+after") && strstr(e, "ok=pass") < strstr(e, "+after"),
	   "the dependent started only after its dependency finished");
	ok(result_of(r, "todo")->status == CHECK_SKIP && result_of(r, "todo")->not_built,
	   "a row without run is SKIP, not built");
	is_str(result_of(r, "todo")->detail, "not built yet", "and says so");
	is_str(result_of(r, "cfg")->detail, "skipped: no config.json was read",
	       "a check needing config skips without one");
	is_str(result_of(r, "aws")->detail, "skipped: no AWS access is set up",
	       "a check needing AWS skips without a client");
	struct check_summary s;
	checks_runner_summary(r, &s);
	ok(s.pass == 1 && s.warn == 1 && s.fail == 1 && s.skip == 5 && s.not_built == 1,
	   "summary counts (%d/%d/%d/%d, %d not built)", s.pass, s.warn, s.fail, s.skip,
	   s.not_built);
	checks_runner_free(r);

	/* With a config (opaque: any non-NULL pointer), the check runs. */
	static const int fake_config;
	r = new_runner(t, 8, loop, (const struct lo_config *)(const void *)&fake_config);
	checks_runner_run(r);
	ok(result_of(r, "cfg")->status == CHECK_PASS, "with a config, it runs");
	checks_runner_free(r);
	loop_free(loop);
}

static void test_select(void)
{
	static const struct check_def t[] = {
		{ "a", "A", NULL, 0, run_pass },
		{ "b", "B", dep_a, 0, run_pass },
		{ "c", "C", dep_b, 0, run_pass },
		{ "x", "X", NULL, 0, run_pass },
		{ "y", "Y", NULL, 0, run_pass },
	};
	lo_loop *loop = loop_new();
	struct checks_runner *r = new_runner(t, 5, loop, NULL);
	lo_error err = LO_ERROR_INIT;
	ok(checks_runner_select(r, " c , y", &err), "--only ' c , y' accepted");
	ok(checks_runner_selected(r, 0) && checks_runner_selected(r, 1) &&
	   checks_runner_selected(r, 2) && !checks_runner_selected(r, 3) &&
	   checks_runner_selected(r, 4), "selects c, y and c's dependencies b and a, not x");
	checks_runner_run(r);
	ok(result_of(r, "x")->status == CHECK_PENDING, "an unselected check never runs");
	json_t *doc = checks_runner_to_json(r);
	is_int((long long)json_array_size(json_object_get(doc, "checks")), 4,
	       "--json lists the selected checks only");
	json_decref(doc);

	ok(!checks_runner_select(r, "a,nope", &err), "unknown id refused");
	is_int(err.code, LO_EXIT_USAGE, "as a usage error");
	is_str(err.message, "unknown check id 'nope'", "naming it");
	ok(err.hint && strstr(err.hint, "a, b, c, x, y"), "hint lists the ids");
	lo_error_clear(&err);
	ok(!checks_runner_select(r, " , ", &err), "no ids at all refused");
	is_int(err.code, LO_EXIT_USAGE, "as a usage error");
	lo_error_clear(&err);
	checks_runner_free(r);
	loop_free(loop);
}

static const char *const dep_f[] = { "f", NULL };

static void test_json_shape(void)
{
	static const struct check_def t[] = {
		{ "p", "Passes", NULL, 0, run_data },
		{ "f", "Fails", NULL, 0, run_fail },
		{ "s", "Skips", dep_f, 0, run_pass },
	};
	lo_loop *loop = loop_new();
	struct checks_runner *r = new_runner(t, 3, loop, NULL);
	checks_runner_run(r);
	json_t *doc = checks_runner_to_json(r);
	json_t *checks = json_object_get(doc, "checks"), *sum = json_object_get(doc, "summary");
	is_int((long long)json_array_size(checks), 3, "three checks");
	json_t *p = json_array_get(checks, 0), *f = json_array_get(checks, 1);
	const char *keys[] = { "id", "status", "title", "detail", "hint", "duration_ms" };
	int have = 0;
	for (size_t k = 0; k < 6; k++)
		have += json_object_get(p, keys[k]) != NULL;
	is_int(have, 6, "each check has id, status, title, detail, hint, duration_ms");
	is_str(json_string_value(json_object_get(p, "status")), "pass", "status word");
	ok(json_is_null(json_object_get(p, "hint")), "no hint is null");
	ok(json_is_integer(json_object_get(p, "duration_ms")), "duration_ms is an integer");
	is_str(json_string_value(json_object_get(json_object_get(p, "data"), "version")), "1.2.3",
	       "structured data attached");
	is_str(json_string_value(json_object_get(f, "hint")), "fix it", "hint kept");
	ok(json_integer_value(json_object_get(sum, "pass")) == 1 &&
	   json_integer_value(json_object_get(sum, "warn")) == 0 &&
	   json_integer_value(json_object_get(sum, "fail")) == 1 &&
	   json_integer_value(json_object_get(sum, "skip")) == 1,
	   "summary pass/warn/fail/skip");
	json_decref(doc);
	checks_runner_free(r);
	loop_free(loop);
}

static int cancelled;

static void on_cancel(void *arg)
{
	cancelled += *(int *)arg;
}

static void run_forever(struct check_run *run)
{
	static int one = 1;
	check_on_cancel(run, on_cancel, &one);
}

static void test_cancel_and_errors(void)
{
	static const struct check_def t[] = { { "hang", "Hang", NULL, 0, run_forever } };
	lo_loop *loop = loop_new();
	struct checks_runner *r = new_runner(t, 1, loop, NULL);
	checks_runner_start(r);
	ok(!checks_runner_finished(r), "a check in flight keeps the runner unfinished");
	checks_runner_free(r);
	is_int(cancelled, 1, "freeing the runner cancels a running check");

	static const char *const dep_y[] = { "y", NULL }, *const dep_x[] = { "x", NULL },
			  *const dep_none[] = { "none", NULL };
	static const struct check_def cyc[] = {
		{ "x", "X", dep_y, 0, run_pass },
		{ "y", "Y", dep_x, 0, run_pass },
	};
	static const struct check_def unknown[] = { { "x", "X", dep_none, 0, run_pass } };
	static const struct check_def twice[] = {
		{ "x", "X", NULL, 0, run_pass },
		{ "x", "X", NULL, 0, run_pass },
	};
	struct check_ctx ctx = { .loop = loop };
	lo_error err = LO_ERROR_INIT;
	ok(!checks_runner_new(cyc, 2, &ctx, &err) && strstr(err.message, "cycle"),
	   "a dependency cycle is refused");
	lo_error_clear(&err);
	ok(!checks_runner_new(unknown, 1, &ctx, &err) && strstr(err.message, "unknown check none"),
	   "an unknown dependency is refused");
	lo_error_clear(&err);
	ok(!checks_runner_new(twice, 2, &ctx, &err) && strstr(err.message, "twice"),
	   "a duplicate id is refused");
	lo_error_clear(&err);
	loop_free(loop);
}

static void on_sleep_done(struct check_run *run, const struct proc_result *res, void *arg)
{
	(void)res;
	(void)arg;
	check_complete(run, CHECK_FAIL, NULL, "should have been cancelled");
}

static void sleeper_free(void *arg)
{
	*(int *)arg = -1;
}

static int sleeper_arg;

static void run_sleeper(struct check_run *run)
{
	static const char *const argv[] = { "sleep", "30", NULL };
	check_spawn(run, argv, NULL, on_sleep_done, &sleeper_arg, sleeper_free);
}

static void on_sleeper_started(lo_loop *loop, void *arg)
{
	(void)arg;
	loop_stop(loop);
}

static void test_cancel_child(void)
{
	static const struct check_def t[] = { { "sleep", "Sleep", NULL, 0, run_sleeper } };
	lo_loop *loop = loop_new();
	struct checks_runner *r = new_runner(t, 1, loop, NULL);
	checks_runner_start(r);
	loop_add_timer(loop, 50, on_sleeper_started, NULL);
	loop_run(loop);
	ok(!checks_runner_finished(r), "a check waiting on a child is still running");
	checks_runner_free(r);
	is_int(sleeper_arg, -1, "freeing the runner kills the child and frees the check's state");
	loop_free(loop);
}

static int runs_of_a;

static void run_count(struct check_run *run)
{
	runs_of_a++;
	check_complete(run, CHECK_PASS, NULL, "run %d for %s", runs_of_a,
		       check_ctx(run)->hostname ? check_ctx(run)->hostname : "-");
}

static void test_restart(void)
{
	static const struct check_def t[] = {
		{ "a", "A", NULL, 0, run_count },
		{ "b", "B", dep_a, 0, run_pass },
		{ "x", "X", NULL, 0, run_pass },
		{ "hang", "Hang", NULL, 0, run_forever },
	};
	lo_loop *loop = loop_new();
	struct checks_runner *r = new_runner(t, 4, loop, NULL);
	lo_error err = LO_ERROR_INIT;
	checks_runner_select(r, "a,b,x", &err);
	checks_runner_run(r);
	is_str(result_of(r, "a")->detail, "run 1 for -", "first run");
	struct check_ctx ctx = { .loop = loop, .hostname = "new.example.com" };
	checks_runner_set_ctx(r, &ctx);
	sb_reset(&events);
	ok(checks_runner_restart(r, "a"), "restart a");
	ok(checks_runner_finished(r), "synchronous checks finished again");
	is_str(result_of(r, "a")->detail, "run 2 for new.example.com",
	       "a ran again and saw the new context");
	is_str(sb_str(&events), "+a a=pass +b b=pass ", "its dependent b ran again after it, x did not");
	ok(!checks_runner_restart(r, "nope"), "restarting an unknown id is refused");

	cancelled = 0;
	ok(checks_runner_restart(r, "hang"), "restart adds an unselected check");
	ok(result_of(r, "hang")->status == CHECK_RUNNING, "and runs it");
	checks_runner_restart(r, "hang");
	is_int(cancelled, 1, "restarting a running check cancels it first");
	checks_runner_free(r);
	is_int(cancelled, 2, "and the new run is cancelled when the runner goes");
	loop_free(loop);
}

static void test_registry(void)
{
	struct check_ctx ctx = { 0 };
	lo_error err = LO_ERROR_INIT;
	struct checks_runner *r =
		checks_runner_new(checks_registry, checks_registry_count, &ctx, &err);
	ok(r != NULL, "the registry's dependencies resolve, without cycles");
	static const char *const ids[] = {
		"tools.bash", "tools.aws-cli", "tools.jq", "tools.docker", "tools.openssl",
		"tools.base64", "aws.identity", "aws.partition", "ec2.eips", "license",
		"acm.certificate", "alerting.sns-topic", "database.self-managed", "sso.oidc",
		"sso.saml", "config", "dns.hostname",
	};
	int found = 0;
	for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++)
		for (size_t i = 0; i < checks_registry_count; i++)
			found += !strcmp(checks_registry[i].id, ids[k]);
	is_int(found, (int)(sizeof ids / sizeof ids[0]), "every contract id is registered");
	is_int((long long)checks_registry_count, (long long)(sizeof ids / sizeof ids[0]),
	       "and nothing else");
	checks_runner_free(r);
}

static void test_versions(void)
{
	int v[3];
	static const int v16[3] = { 1, 6, 0 };
	ok(tool_version_parse("jq-1.6", NULL, v) && v[0] == 1 && v[1] == 6 && v[2] == 0, "jq-1.6");
	ok(tool_version_parse("jq-1.7.1", NULL, v) && tool_version_cmp(v, v16) > 0, "1.7.1 > 1.6");
	ok(tool_version_parse("jq-1.5", NULL, v) && tool_version_cmp(v, v16) < 0, "1.5 < 1.6");
	ok(tool_version_parse("aws-cli/2.15.30 Python/3.11.8 Linux/6.1", "aws-cli/", v) &&
	   v[0] == 2 && v[1] == 15 && v[2] == 30, "aws-cli/2.15.30");
	ok(!tool_version_parse("Python/3.11", "aws-cli/", v), "no prefix, no version");
	ok(tool_version_parse("GNU bash, version 5.2.15(1)-release", "version ", v) &&
	   v[0] == 5 && v[2] == 15, "bash's version line");
	ok(!tool_version_parse("no digits", NULL, v), "no digits, no version");
}

int main(void)
{
	test_concurrent();
	test_dependencies();
	test_select();
	test_json_shape();
	test_cancel_and_errors();
	test_cancel_child();
	test_restart();
	test_registry();
	test_versions();
	sb_free(&events);
	return done_testing();
}
