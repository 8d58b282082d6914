/* cmd/preflight.c - `liftoff preflight [-c FILE] [--json] [--only ID,...]
 * [--accept-license [--yes]]`: run the pre-flight checks and print a table
 * (or --json).
 *
 * The engine (src/checks/engine.h) does the work; this file only builds
 * the context, prints and picks the exit code:
 *   0  nothing failed (warnings and skips included)
 *   1  at least one check failed
 *   2  usage: an unknown id in --only; --accept-license without a terminal
 *      and without --yes
 *   3  the environment prevented the run: config.json named with -c
 *      cannot be read, the AWS client cannot be made, or the event loop
 *      cannot watch its children
 *   130  interrupted (the running children are killed)
 *
 * The context: config.json through the config model (-c FILE, default
 * ./config.json).  A missing default file is not an error (the config
 * check skips, and so do the checks that need it); a file that is not
 * JSON is the config check's FAIL.  One AWS client on the engine's loop,
 * wrapped in struct lo_aws (src/checks/aws_checks.h), with the region
 * from --region, else aws_region from the config, else the environment
 * and profile; the profile from --profile.
 *
 * --accept-license is the one thing that changes AWS: it looks the
 * license up, asks "Accept and activate ... [y/N]" on a terminal (or
 * takes --yes), then accepts and activates it and shows the license's
 * state afterwards.  It runs no other check. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "aws/creds.h"
#include "aws/ops.h"
#include "checks/aws_checks.h"
#include "checks/engine.h"
#include "checks/license.h"
#include "cmd/commands.h"
#include "config/model.h"
#include "core/i18n.h"
#include "core/tty.h"

#define COL_ID 23
#define COL_STATUS 7
#define TABLE_WIDTH 80

static const struct cli_option preflight_options[] = {
	{ "only", 0, true, "ID,...", N_("run only these checks (and what they depend on)") },
	{ "accept-license", 0, false, NULL,
	  N_("accept and activate the Spacelift license in AWS License Manager (asks first)") },
	{ "yes", 'y', false, NULL, N_("with --accept-license: do not ask (needed without a terminal)") },
	{ NULL, 0, false, NULL, NULL },
};

/* What preflight hands the checks; freed by context_free. */
struct preflight_env {
	lo_config *config;
	char *config_error, *config_hint;
	struct lo_aws *aws;
};

static void context_free(struct preflight_env *env)
{
	config_free(env->config);
	free(env->config_error);
	free(env->config_hint);
}

/* config.json through the model.  False only when the file cannot be
 * read, except the default one that is simply not there. */
static bool load_config(const char *path, struct preflight_env *env, lo_error *err)
{
	if (strcmp(path, DEFAULT_CONFIG_PATH) == 0 && access(path, F_OK) != 0 && errno == ENOENT)
		return true;
	lo_error lerr = LO_ERROR_INIT;
	if (config_load(path, &env->config, &lerr) == LO_EXIT_OK)
		return true;
	env->config = NULL;
	if (lerr.code == LO_EXIT_ENV) {
		*err = lerr;
		if (!err->hint)
			err->hint = xstrdup(_("Give the path of config.json with -c FILE."));
		return false;
	}
	env->config_error = xstrdup(lerr.message ? lerr.message : "?");
	env->config_hint = lerr.hint ? xstrdup(lerr.hint)
		: xstrdup(_("Fix the JSON syntax at the place shown, then run it again."));
	lo_error_clear(&lerr);
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


static bool confirm_license(const char *license_arn, const char *account)
{
	char *question = xasprintf(_("Accept and activate the Spacelift license %s for account %s? [y/N] "),
				   license_id(license_arn), account);
	bool yes = tty_confirm(question);
	free(question);
	return yes;
}

static int license_report(const struct eval_verdict *v, bool json)
{
	if (json) {
		json_t *doc = json_pack("{s:s, s:s, s:s?}", "status", check_status_name(v->status),
					"detail", v->detail ? v->detail : "", "hint", v->hint);
		if (v->data)
			json_object_set(doc, "data", v->data);
		json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', stdout);
		json_decref(doc);
	} else {
		struct check_result res = { .status = v->status, .detail = v->detail,
					    .hint = v->hint };
		print_row(stdout, "license", &res, false);
	}
	fflush(stdout);
	return v->status == CHECK_FAIL ? LO_EXIT_FAIL : LO_EXIT_OK;
}

static int aws_failed(struct aws_error *detail, lo_error *err)
{
	aws_error_free(detail);
	return report_error(err);
}

/* --accept-license: look, ask, accept and activate, look again. */
static int accept_license(struct lo_invocation *inv, struct lo_aws *aws)
{
	lo_error err = LO_ERROR_INIT;
	struct aws_error detail = { 0 };
	struct sts_identity id;
	if (sts_get_caller_identity(aws->client, &id, &detail, &err) != LO_EXIT_OK)
		return aws_failed(&detail, &err);
	struct eval_license_result res = { 0 };
	struct eval_verdict v = EVAL_VERDICT_INIT;
	int rc = license_lookup(aws->client, time(NULL), &res, &v, &detail, &err);
	if (rc != LO_EXIT_OK) {
		sts_identity_free(&id);
		return aws_failed(&detail, &err);
	}
	if (res.state != LICENSE_GRANTED && res.state != LICENSE_ACCEPTED) {
		rc = license_report(&v, inv->g.json);
		if (res.state != LICENSE_ACTIVE && !inv->g.json)
			fprintf(stderr, _("liftoff: there is no license waiting to be accepted; "
					  "nothing was changed\n"));
		rc = res.state == LICENSE_ACTIVE ? rc : LO_EXIT_FAIL;
	} else if (!cli_flag(inv, "yes") && !tty_can_ask()) {
		fprintf(stderr, _("liftoff: --accept-license asks for confirmation, and there is "
				  "no terminal to ask on\n"));
		fprintf(stderr, _("Run it on a terminal, or add --yes to accept the license "
				  "without asking.\n"));
		rc = LO_EXIT_USAGE;
	} else if (!cli_flag(inv, "yes") && !confirm_license(res.license_arn, id.account)) {
		fprintf(stderr, _("liftoff: nothing was changed\n"));
		rc = LO_EXIT_FAIL;
	} else if (license_accept_activate(aws->client, time(NULL), &res, &v, &detail, &err) !=
		   LO_EXIT_OK) {
		rc = aws_failed(&detail, &err);
	} else {
		rc = license_report(&v, inv->g.json);
	}
	aws_error_free(&detail);
	eval_license_result_free(&res);
	eval_verdict_free(&v);
	sts_identity_free(&id);
	return rc;
}

static int run_engine(struct lo_invocation *inv, const struct check_ctx *ctx)
{
	lo_error err = LO_ERROR_INIT;
	struct checks_runner *r = checks_runner_new(checks_registry, checks_registry_count, ctx,
						    &err);
	int rc;
	if (!r)
		rc = report_error(&err);
	else if (cli_opt(inv, "only") && !checks_runner_select(r, cli_opt(inv, "only"), &err))
		rc = report_error(&err);
	else
		rc = run_checks(inv, r, ctx->loop);
	checks_runner_free(r);
	return rc;
}

static int run_preflight(struct lo_invocation *inv)
{
	lo_error err = LO_ERROR_INIT;
	struct preflight_env env = { 0 };
	if (!load_config(inv->g.config_path, &env, &err))
		return report_error(&err);
	const char *region = inv->g.region;
	if (str_empty(region) && env.config)
		region = config_get_string(env.config, "aws_region");
	lo_loop *loop = loop_new();
	int rc;
	struct creds_options opts;
	cli_creds_options(inv, &opts);
	opts.region = str_empty(region) ? NULL : region;
	env.aws = lo_aws_new(loop, &opts, &err);
	if (!env.aws) {
		rc = report_error(&err);
	} else if (cli_flag(inv, "accept-license")) {
		rc = accept_license(inv, env.aws);
	} else {
		struct check_ctx ctx = {
			.loop = loop, .config = env.config, .aws = env.aws,
			.config_path = inv->g.config_path, .config_error = env.config_error,
			.config_hint = env.config_hint,
		};
		rc = run_engine(inv, &ctx);
	}
	lo_aws_free(env.aws);
	context_free(&env);
	loop_free(loop);
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
