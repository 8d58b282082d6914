/* cmd/preflight.c - `liftoff preflight [-c FILE] [--json] [--only ID,...]`:
 * run the pre-flight checks and print a table (or --json).
 *
 * The engine (src/checks/engine.h) does the work; this file only builds
 * the context, prints and picks the exit code:
 *   0  nothing failed (warnings and skips included)
 *   1  at least one check failed
 *   2  usage: an unknown id in --only
 *   3  the environment prevented the run: config.json named with -c
 *      cannot be read, or the event loop cannot watch its children
 *   130  interrupted (the running children are killed)
 * Checks that are registered but not built yet are SKIP rows, and a line
 * on stderr says how many, so an exit 0 never hides them.
 *
 * Until the config model exists, config.json is read here with jansson
 * for spacelift_hostname only (dns.hostname needs it); a missing default
 * ./config.json is not an error, the checks that need it skip. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "checks/engine.h"
#include "cmd/commands.h"
#include "core/i18n.h"

#define COL_ID 23
#define COL_STATUS 7
#define TABLE_WIDTH 80

static const struct cli_option preflight_options[] = {
	{ "only", 0, true, "ID,...", N_("run only these checks (and what they depend on)") },
	{ NULL, 0, false, NULL, NULL },
};

/* spacelift_hostname from config.json; NULL when absent.  False only when
 * a file named with -c cannot be read at all. */
static bool read_hostname(const char *path, char **hostname, lo_error *err)
{
	*hostname = NULL;
	FILE *f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT && strcmp(path, DEFAULT_CONFIG_PATH) == 0)
			return true;
		lo_error_set(err, LO_EXIT_ENV, _("Give the path of config.json with -c FILE."),
			     _("cannot read %s: %s"), path, strerror(errno));
		return false;
	}
	json_error_t jerr;
	json_t *doc = json_loadf(f, 0, &jerr);
	fclose(f);
	if (!doc) {
		fprintf(stderr, _("liftoff: %s is not valid JSON (line %d: %s); the checks that "
				  "read it are skipped\n"), path, jerr.line, jerr.text);
		return true;
	}
	const char *h = json_string_value(json_object_get(doc, "spacelift_hostname"));
	if (h && *h)
		*hostname = xstrdup(h);
	json_decref(doc);
	return true;
}

/* Print text wrapped to fit the table, every line but the first indented. */
static void print_wrapped(FILE *out, const char *prefix, const char *text, int indent)
{
	int width = TABLE_WIDTH - indent;
	int used = (int)strlen(prefix);
	fputs(prefix, out);
	const char *p = text;
	while (*p) {
		size_t word = strcspn(p, " ");
		if (used > 0 && used + 1 + (int)word > width) {
			fprintf(out, "\n%*s", indent, "");
			used = 0;
		} else if (used > 0) {
			fputc(' ', out);
			used++;
		}
		fwrite(p, 1, word, out);
		used += (int)word;
		p += word;
		p += strspn(p, " ");
	}
	fputc('\n', out);
}

static const char *status_word(enum check_status s)
{
	switch (s) {
	case CHECK_PASS: return _("pass");
	case CHECK_WARN: return _("WARN");
	case CHECK_FAIL: return _("FAIL");
	case CHECK_SKIP: return _("skip");
	case CHECK_PENDING: case CHECK_RUNNING: break;
	}
	return "?";
}

static const char *status_colour(enum check_status s)
{
	switch (s) {
	case CHECK_PASS: return "\033[32m";
	case CHECK_WARN: return "\033[33m";
	case CHECK_FAIL: return "\033[1;31m";
	case CHECK_SKIP: return "\033[2m";
	case CHECK_PENDING: case CHECK_RUNNING: break;
	}
	return "";
}

static void print_row(FILE *out, const char *id, const struct check_result *res, bool colour)
{
	int idw = (int)strlen(id);
	if (idw >= COL_ID - 1) {
		fprintf(out, "%s\n%*s", id, COL_ID, "");
	} else {
		fprintf(out, "%-*s", COL_ID, id);
	}
	const char *word = status_word(res->status);
	if (colour)
		fprintf(out, "%s%-*s\033[0m", status_colour(res->status), COL_STATUS - 1, word);
	else
		fprintf(out, "%-*s", COL_STATUS - 1, word);
	fputc(' ', out);
	print_wrapped(out, "", res->detail ? res->detail : "", COL_ID + COL_STATUS);
	if (res->hint) {
		fprintf(out, "%*s", COL_ID + COL_STATUS, "");
		print_wrapped(out, _("hint:"), res->hint, COL_ID + COL_STATUS);
	}
}

static void print_table(FILE *out, const struct checks_runner *r, bool colour)
{
	fprintf(out, "%-*s%-*s%s\n", COL_ID, _("CHECK"), COL_STATUS, _("RESULT"), _("DETAIL"));
	for (size_t i = 0; i < checks_runner_count(r); i++)
		if (checks_runner_selected(r, i))
			print_row(out, checks_runner_def(r, i)->id, checks_runner_result(r, i),
				  colour);
	struct check_summary s;
	checks_runner_summary(r, &s);
	fprintf(out, _("\n%d passed, %d warnings, %d failed, %d skipped\n"), s.pass, s.warn,
		s.fail, s.skip);
}

static void print_not_built(const struct checks_runner *r)
{
	struct check_summary s;
	checks_runner_summary(r, &s);
	if (!s.not_built)
		return;
	strbuf ids = STRBUF_INIT;
	for (size_t i = 0; i < checks_runner_count(r); i++) {
		const struct check_result *res = checks_runner_result(r, i);
		if (checks_runner_selected(r, i) && res->not_built)
			sb_appendf(&ids, "%s%s", ids.len ? ", " : "", checks_runner_def(r, i)->id);
	}
	fprintf(stderr, P_("liftoff: %d check is not built yet, so it was not run: %s\n",
			   "liftoff: %d checks are not built yet, so they were not run: %s\n",
			   s.not_built),
		s.not_built, sb_str(&ids));
	sb_free(&ids);
}

static void on_interrupt(lo_loop *loop, int signo, void *arg)
{
	*(int *)arg = signo;
	loop_stop(loop);
}

static int report_error(lo_error *err)
{
	int code = err->code;
	fprintf(stderr, "liftoff: %s\n", err->message);
	if (err->hint)
		fprintf(stderr, "%s\n", err->hint);
	lo_error_clear(err);
	return code;
}

static int run_checks(struct lo_invocation *inv, struct checks_runner *r, lo_loop *loop)
{
	int interrupted = 0;
	loop_watch_signal(loop, SIGINT, on_interrupt, &interrupted);
	loop_watch_signal(loop, SIGTERM, on_interrupt, &interrupted);
	checks_runner_run(r);
	loop_unwatch_signal(loop, SIGINT);
	loop_unwatch_signal(loop, SIGTERM);
	if (interrupted) {
		fprintf(stderr, _("liftoff: interrupted; the running checks were stopped\n"));
		return LO_EXIT_INTERRUPTED;
	}
	if (inv->g.json) {
		json_t *doc = checks_runner_to_json(r);
		json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', stdout);
		json_decref(doc);
	} else {
		print_table(stdout, r, inv->g.color && isatty(STDOUT_FILENO));
	}
	fflush(stdout);
	print_not_built(r);
	struct check_summary s;
	checks_runner_summary(r, &s);
	return s.fail ? LO_EXIT_FAIL : LO_EXIT_OK;
}

static int run_preflight(struct lo_invocation *inv)
{
	lo_error err = LO_ERROR_INIT;
	char *hostname = NULL;
	if (!read_hostname(inv->g.config_path, &hostname, &err))
		return report_error(&err);
	lo_loop *loop = loop_new();
	struct check_ctx ctx = { .loop = loop, .hostname = hostname };
	struct checks_runner *r = checks_runner_new(checks_registry, checks_registry_count, &ctx,
						    &err);
	int rc;
	if (!r)
		rc = report_error(&err);
	else if (cli_opt(inv, "only") && !checks_runner_select(r, cli_opt(inv, "only"), &err))
		rc = report_error(&err);
	else
		rc = run_checks(inv, r, loop);
	checks_runner_free(r);
	loop_free(loop);
	free(hostname);
	return rc;
}

const struct lo_command cmd_preflight = {
	.name = "preflight",
	.summary = N_("run the pre-flight checks"),
	.synopsis = "",
	.options = preflight_options,
	.run = run_preflight,
	.has_screen = false,
};
