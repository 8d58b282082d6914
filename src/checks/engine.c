/* engine.c - see engine.h.
 *
 * The runner keeps one result and one run record per table row, and the
 * dependencies as row indices resolved once in checks_runner_new().
 * Scheduling is one function, pump(): it walks the pending rows and
 * starts, skips or leaves each one.  A check that completes inside its own
 * run function (or inside a progress callback) re-enters pump(), which
 * then only asks for another pass, so the table is walked by one caller
 * at a time and the order of results stays the table's order for
 * checks that finish at once. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "checks/engine.h"
#include "core/i18n.h"

struct check_run {
	struct checks_runner *runner;
	size_t index;
	long long started;
	check_cancel_fn cancel;
	void *cancel_arg;
};

struct checks_runner {
	const struct check_def *table;
	size_t n;
	struct check_ctx ctx;
	bool *selected;
	struct check_result *results;
	struct check_run *runs;
	size_t **deps;          /* row indices, per row */
	size_t *ndeps;
	checks_progress_fn progress;
	void *progress_arg;
	bool pumping, repump;
};

const char *check_status_name(enum check_status s)
{
	switch (s) {
	case CHECK_PASS: return "pass";
	case CHECK_WARN: return "warn";
	case CHECK_FAIL: return "fail";
	case CHECK_SKIP: return "skip";
	case CHECK_RUNNING: return "running";
	case CHECK_PENDING: break;
	}
	return "pending";
}

static bool is_final(enum check_status s)
{
	return s >= CHECK_PASS;
}

static size_t find_row(const struct check_def *table, size_t n, const char *id, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(table[i].id) == len && strncmp(table[i].id, id, len) == 0)
			return i;
	return n;
}

/* Depth-first walk; state 1 = on the current path, 2 = done. */
static bool has_cycle(const struct checks_runner *r, size_t i, unsigned char *state)
{
	if (state[i] == 1)
		return true;
	if (state[i] == 2)
		return false;
	state[i] = 1;
	for (size_t k = 0; k < r->ndeps[i]; k++)
		if (has_cycle(r, r->deps[i][k], state))
			return true;
	state[i] = 2;
	return false;
}

static bool resolve_deps(struct checks_runner *r, lo_error *err)
{
	for (size_t i = 0; i < r->n; i++) {
		const char *const *d = r->table[i].depends_on;
		size_t nd = 0;
		while (d && d[nd])
			nd++;
		r->deps[i] = xcalloc(nd ? nd : 1, sizeof **r->deps);
		for (size_t k = 0; k < nd; k++) {
			size_t j = find_row(r->table, r->n, d[k], strlen(d[k]));
			if (j == r->n) {
				lo_error_set(err, LO_EXIT_ENV, NULL,
					     _("check %s depends on unknown check %s"),
					     r->table[i].id, d[k]);
				return false;
			}
			r->deps[i][r->ndeps[i]++] = j;
		}
		if (find_row(r->table, i, r->table[i].id, strlen(r->table[i].id)) != i) {
			lo_error_set(err, LO_EXIT_ENV, NULL, _("check %s is registered twice"),
				     r->table[i].id);
			return false;
		}
	}
	unsigned char *state = xcalloc(r->n ? r->n : 1, 1);
	bool cycle = false;
	for (size_t i = 0; i < r->n && !cycle; i++)
		if (has_cycle(r, i, state)) {
			lo_error_set(err, LO_EXIT_ENV, NULL,
				     _("the dependencies of check %s form a cycle"), r->table[i].id);
			cycle = true;
		}
	free(state);
	return !cycle;
}

struct checks_runner *checks_runner_new(const struct check_def *table, size_t n,
					const struct check_ctx *ctx, lo_error *err)
{
	struct checks_runner *r = xcalloc(1, sizeof *r);
	r->table = table;
	r->n = n;
	r->ctx = *ctx;
	if (r->ctx.opts.tool_timeout_ms <= 0)
		r->ctx.opts.tool_timeout_ms = CHECK_DEFAULT_TIMEOUT_MS;
	size_t cap = n ? n : 1;
	r->selected = xcalloc(cap, sizeof *r->selected);
	r->results = xcalloc(cap, sizeof *r->results);
	r->runs = xcalloc(cap, sizeof *r->runs);
	r->deps = xcalloc(cap, sizeof *r->deps);
	r->ndeps = xcalloc(cap, sizeof *r->ndeps);
	for (size_t i = 0; i < n; i++) {
		r->selected[i] = true;
		r->runs[i] = (struct check_run){ .runner = r, .index = i };
	}
	if (!resolve_deps(r, err)) {
		checks_runner_free(r);
		return NULL;
	}
	return r;
}

void checks_runner_free(struct checks_runner *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		struct check_run *run = &r->runs[i];
		if (r->results[i].status == CHECK_RUNNING && run->cancel)
			run->cancel(run->cancel_arg);
		free(r->results[i].detail);
		free(r->results[i].hint);
		json_decref(r->results[i].data);
		free(r->deps[i]);
	}
	free(r->selected);
	free(r->results);
	free(r->runs);
	free(r->deps);
	free(r->ndeps);
	free(r);
}

static void select_with_deps(struct checks_runner *r, size_t i)
{
	if (r->selected[i])
		return;
	r->selected[i] = true;
	for (size_t k = 0; k < r->ndeps[i]; k++)
		select_with_deps(r, r->deps[i][k]);
}

static char *known_ids(const struct checks_runner *r)
{
	strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < r->n; i++)
		sb_appendf(&sb, "%s%s", i ? ", " : "", r->table[i].id);
	return sb_detach(&sb);
}

bool checks_runner_select(struct checks_runner *r, const char *only, lo_error *err)
{
	bool *want = xcalloc(r->n ? r->n : 1, sizeof *want);
	size_t named = 0;
	for (const char *p = only ? only : ""; *p;) {
		p += strspn(p, " ,");
		size_t len = strcspn(p, ",");
		while (len && p[len - 1] == ' ')
			len--;
		if (!len)
			continue;
		size_t i = find_row(r->table, r->n, p, len);
		if (i == r->n) {
			char *ids = known_ids(r);
			char *hint = xasprintf(_("The check ids are: %s."), ids);
			lo_error_set(err, LO_EXIT_USAGE, hint, _("unknown check id '%.*s'"),
				     (int)len, p);
			free(hint);
			free(ids);
			free(want);
			return false;
		}
		want[i] = true;
		named++;
		p += len;
	}
	if (!named) {
		lo_error_set(err, LO_EXIT_USAGE, _("Give one or more check ids, separated by commas."),
			     _("--only needs at least one check id"));
		free(want);
		return false;
	}
	memset(r->selected, 0, r->n * sizeof *r->selected);
	for (size_t i = 0; i < r->n; i++)
		if (want[i])
			select_with_deps(r, i);
	free(want);
	return true;
}

void checks_runner_on_progress(struct checks_runner *r, checks_progress_fn fn, void *arg)
{
	r->progress = fn;
	r->progress_arg = arg;
}

static void notify(struct checks_runner *r, size_t i)
{
	if (r->progress)
		r->progress(r->progress_arg, i, &r->table[i], &r->results[i]);
}

static void pump(struct checks_runner *r);

static void finish(struct checks_runner *r, size_t i, enum check_status status, char *detail,
		   const char *hint)
{
	struct check_result *res = &r->results[i];
	res->status = status;
	free(res->detail);
	res->detail = detail;
	free(res->hint);
	res->hint = hint ? xstrdup(hint) : NULL;
	res->duration_ms = r->runs[i].started ? loop_now_ms() - r->runs[i].started : 0;
	r->runs[i].cancel = NULL;
	notify(r, i);
	pump(r);
}

/* Why row i cannot run, or NULL when it can; *wait when a dependency is unfinished. */
static char *skip_reason(const struct checks_runner *r, size_t i, bool *wait)
{
	*wait = false;
	for (size_t k = 0; k < r->ndeps[i]; k++)
		if (!is_final(r->results[r->deps[i][k]].status))
			*wait = true;
	if (*wait)
		return NULL;
	for (size_t k = 0; k < r->ndeps[i]; k++) {
		size_t d = r->deps[i][k];
		if (r->results[d].status == CHECK_FAIL)
			return xasprintf(_("skipped: %s failed"), r->table[d].id);
		if (r->results[d].status == CHECK_SKIP)
			return xasprintf(_("skipped: %s was skipped"), r->table[d].id);
	}
	unsigned needs = r->table[i].needs;
	if ((needs & CHECK_NEEDS_CONFIG) && !r->ctx.config)
		return xstrdup(_("skipped: no config.json was read"));
	if ((needs & CHECK_NEEDS_AWS) && !r->ctx.aws)
		return xstrdup(_("skipped: no AWS access is set up"));
	return NULL;
}

static const char *skip_hint(const struct checks_runner *r, size_t i)
{
	for (size_t k = 0; k < r->ndeps[i]; k++) {
		enum check_status s = r->results[r->deps[i][k]].status;
		if (s == CHECK_FAIL || s == CHECK_SKIP)
			return _("Fix the check it depends on first.");
	}
	return NULL;
}

static bool pump_row(struct checks_runner *r, size_t i)
{
	const struct check_def *def = &r->table[i];
	if (!def->run) {
		r->results[i].not_built = true;
		finish(r, i, CHECK_SKIP, xstrdup(_("not built yet")), NULL);
		return true;
	}
	bool wait;
	char *why = skip_reason(r, i, &wait);
	if (wait)
		return false;
	if (why) {
		finish(r, i, CHECK_SKIP, why, skip_hint(r, i));
		return true;
	}
	r->results[i].status = CHECK_RUNNING;
	r->runs[i].started = loop_now_ms();
	notify(r, i);
	def->run(&r->runs[i]);
	return true;
}

static void pump(struct checks_runner *r)
{
	if (r->pumping) {
		r->repump = true;
		return;
	}
	r->pumping = true;
	do {
		r->repump = false;
		for (size_t i = 0; i < r->n; i++)
			if (r->selected[i] && r->results[i].status == CHECK_PENDING && pump_row(r, i))
				r->repump = true;
	} while (r->repump);
	r->pumping = false;
}

void checks_runner_set_ctx(struct checks_runner *r, const struct check_ctx *ctx)
{
	long timeout = r->ctx.opts.tool_timeout_ms;
	r->ctx = *ctx;
	if (r->ctx.opts.tool_timeout_ms <= 0)
		r->ctx.opts.tool_timeout_ms = timeout;
}

static void reset_row(struct checks_runner *r, size_t i)
{
	struct check_result *res = &r->results[i];
	struct check_run *run = &r->runs[i];
	if (res->status == CHECK_PENDING)
		return;
	if (res->status == CHECK_RUNNING && run->cancel)
		run->cancel(run->cancel_arg);
	free(res->detail);
	free(res->hint);
	json_decref(res->data);
	memset(res, 0, sizeof *res);
	run->started = 0;
	run->cancel = NULL;
	for (size_t j = 0; j < r->n; j++)
		for (size_t k = 0; k < r->ndeps[j]; k++)
			if (r->deps[j][k] == i)
				reset_row(r, j);
}

bool checks_runner_restart(struct checks_runner *r, const char *id)
{
	size_t i = find_row(r->table, r->n, id, strlen(id));
	if (i == r->n)
		return false;
	reset_row(r, i);
	/* A running row that was not selected stays out; the named one is in. */
	r->selected[i] = true;
	for (size_t k = 0; k < r->ndeps[i]; k++)
		select_with_deps(r, r->deps[i][k]);
	pump(r);
	return true;
}

void checks_runner_start(struct checks_runner *r)
{
	pump(r);
}

bool checks_runner_finished(const struct checks_runner *r)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->selected[i] && !is_final(r->results[i].status))
			return false;
	return true;
}

void checks_runner_run(struct checks_runner *r)
{
	checks_runner_start(r);
	/* A bounded wait, so a check that forgot to complete cannot hang poll() forever
	 * without a timer: the loop keeps turning and the caller can be interrupted. */
	while (!checks_runner_finished(r) && !loop_stopped(r->ctx.loop))
		loop_run_once(r->ctx.loop, 1000);
}

size_t checks_runner_count(const struct checks_runner *r)
{
	return r->n;
}

bool checks_runner_selected(const struct checks_runner *r, size_t i)
{
	return i < r->n && r->selected[i];
}

const struct check_def *checks_runner_def(const struct checks_runner *r, size_t i)
{
	return i < r->n ? &r->table[i] : NULL;
}

const struct check_result *checks_runner_result(const struct checks_runner *r, size_t i)
{
	return i < r->n ? &r->results[i] : NULL;
}

void checks_runner_summary(const struct checks_runner *r, struct check_summary *s)
{
	memset(s, 0, sizeof *s);
	for (size_t i = 0; i < r->n; i++) {
		if (!r->selected[i])
			continue;
		switch (r->results[i].status) {
		case CHECK_PASS: s->pass++; break;
		case CHECK_WARN: s->warn++; break;
		case CHECK_FAIL: s->fail++; break;
		case CHECK_SKIP: s->skip++; s->not_built += r->results[i].not_built; break;
		case CHECK_PENDING: case CHECK_RUNNING: break;
		}
	}
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *checks_runner_to_json(const struct checks_runner *r)
{
	json_t *checks = json_array();
	for (size_t i = 0; i < r->n; i++) {
		if (!r->selected[i])
			continue;
		const struct check_result *res = &r->results[i];
		json_t *o = json_object();
		json_object_set_new(o, "id", json_string(r->table[i].id));
		json_object_set_new(o, "status", json_string(check_status_name(res->status)));
		json_object_set_new(o, "title", json_string(_(r->table[i].title)));
		json_object_set_new(o, "detail", str_or_null(res->detail));
		json_object_set_new(o, "hint", str_or_null(res->hint));
		json_object_set_new(o, "duration_ms", json_integer(res->duration_ms));
		if (res->data)
			json_object_set(o, "data", res->data);
		json_array_append_new(checks, o);
	}
	struct check_summary s;
	checks_runner_summary(r, &s);
	return json_pack("{s:o, s:{s:i, s:i, s:i, s:i}}", "checks", checks, "summary",
			 "pass", s.pass, "warn", s.warn, "fail", s.fail, "skip", s.skip);
}

/* For run functions. */

const struct check_ctx *check_ctx(const struct check_run *run)
{
	return &run->runner->ctx;
}

const struct check_def *check_def(const struct check_run *run)
{
	return &run->runner->table[run->index];
}

void check_set_data(struct check_run *run, json_t *data)
{
	struct check_result *res = &run->runner->results[run->index];
	json_decref(res->data);
	res->data = data;
}

void check_on_cancel(struct check_run *run, check_cancel_fn fn, void *arg)
{
	run->cancel = fn;
	run->cancel_arg = arg;
}

void check_complete(struct check_run *run, enum check_status status, const char *hint,
		    const char *fmt, ...)
{
	struct checks_runner *r = run->runner;
	if (r->results[run->index].status != CHECK_RUNNING)
		return; /* completed twice: the first word stands */
	if (!is_final(status))
		status = CHECK_FAIL; /* a bug in the check; never leave the row open */
	va_list ap;
	va_start(ap, fmt);
	char *detail = xvasprintf(fmt, ap);
	va_end(ap);
	finish(r, run->index, status, detail, hint);
}
