/* cmd/config.c - `liftoff config`: validate | show | init the config file.
 *
 * A thin layer over the config model (src/config/model.h): it loads,
 * asks the model, and turns problems and errors into text or --json and
 * an exit code.  validate: 0 valid (warnings allowed), 1 invalid, 3 the
 * file cannot be read.  show masks every secret as ********.  init writes
 * a release's defaults and never overwrites a file without --force. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/commands.h"
#include "config/model.h"
#include "core/i18n.h"

static const struct cli_option config_options[] = {
	{ "diff", 0, true, "OLD", N_("with show: the differences from OLD (with -r, after the upgrade merge)") },
	{ "force", 0, false, NULL, N_("with init: overwrite an existing file") },
	{ NULL, 0, false, NULL, NULL },
};

static const char *cfg_path(const struct lo_invocation *inv)
{
	return inv->g.config_path ? inv->g.config_path : DEFAULT_CONFIG_PATH;
}

static int report_error(const lo_error *err)
{
	fprintf(stderr, "liftoff: %s\n", err->message);
	if (err->hint)
		fprintf(stderr, "  %s\n", err->hint);
	return err->code ? err->code : LO_EXIT_FAIL;
}

static void print_json(json_t *j)
{
	json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
}

/* ---- validate ---- */

static json_t *problems_json(const struct config_problems *p, enum config_severity sev)
{
	json_t *a = json_array();
	for (size_t i = 0; i < p->n; i++) {
		if (p->v[i].severity != sev)
			continue;
		json_array_append_new(a, json_pack("{s:s, s:s, s:s?}", "path", p->v[i].path,
						   "message", p->v[i].message, "hint", p->v[i].hint));
	}
	return a;
}

static void problems_text(const char *file, const struct config_problems *p, bool quiet)
{
	for (size_t i = 0; i < p->n; i++) {
		const struct config_problem *q = &p->v[i];
		if (quiet && q->severity == CONFIG_WARNING)
			continue;
		if (!*q->path)  /* about the file as a whole; the message names it */
			printf(q->severity == CONFIG_WARNING ? _("warning: %s\n") : "%s\n",
			       q->message);
		else if (q->severity == CONFIG_WARNING)
			printf(_("%s: warning: %s\n"), q->path, q->message);
		else
			printf("%s: %s\n", q->path, q->message);
		if (q->hint)
			printf("    %s\n", q->hint);
	}
	size_t ne = config_problems_count(p, CONFIG_ERROR);
	size_t nw = config_problems_count(p, CONFIG_WARNING);
	if (ne) {
		char *e = xasprintf(P_("%zu error", "%zu errors", ne), ne);
		char *w = xasprintf(P_("%zu warning", "%zu warnings", nw), nw);
		printf(_("%s: not valid: %s, %s.\n"), file, e, w);
		free(e);
		free(w);
	} else if (!quiet)
		printf(nw ? P_("%s is valid (%zu warning).\n", "%s is valid (%zu warnings).\n", nw)
			  : _("%s is valid.\n"), file, nw);
}

static int config_validate_cmd(struct lo_invocation *inv)
{
	const char *path = cfg_path(inv);
	lo_error err = LO_ERROR_INIT;
	lo_config *cfg = NULL;
	struct config_problems probs = { NULL, 0, 0 };
	int rc = config_load(path, &cfg, &err);
	if (rc == LO_EXIT_ENV) {
		rc = report_error(&err);
		lo_error_clear(&err);
		return rc;
	}
	if (rc != LO_EXIT_OK)  /* not JSON: one problem at the file itself */
		config_problem_add(&probs, CONFIG_ERROR, "", err.hint, "%s", err.message);
	else
		config_validate(cfg, &probs);
	bool valid = config_problems_count(&probs, CONFIG_ERROR) == 0;
	if (inv->g.json) {
		json_t *j = json_pack("{s:b, s:o, s:o}", "valid", valid,
				      "errors", problems_json(&probs, CONFIG_ERROR),
				      "warnings", problems_json(&probs, CONFIG_WARNING));
		print_json(j);
		json_decref(j);
	} else {
		problems_text(path, &probs, inv->g.verbosity < 0);
	}
	config_problems_free(&probs);
	config_free(cfg);
	lo_error_clear(&err);
	return valid ? LO_EXIT_OK : LO_EXIT_FAIL;
}

/* ---- show ---- */

static void print_flat(json_t *v, const char *path)
{
	if (json_is_object(v) && json_object_size(v) > 0) {
		const char *key;
		json_t *child;
		json_object_foreach(v, key, child) {
			char *p = *path ? xasprintf("%s.%s", path, key) : xstrdup(key);
			print_flat(child, p);
			free(p);
		}
		return;
	}
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER);
	printf("%s = %s\n", path, s ? s : "?");
	free(s);
}

static json_t *parse_any(const char *text)
{
	return json_loads(text, JSON_DECODE_ANY, NULL);
}

static int show_diff(struct lo_invocation *inv, const lo_config *cur, const char *old_path)
{
	lo_error err = LO_ERROR_INIT;
	lo_config *old = NULL;
	if (config_load(old_path, &old, &err) != LO_EXIT_OK) {
		int rc = report_error(&err);
		lo_error_clear(&err);
		return rc;
	}
	struct config_changes ch = { NULL, 0, 0 };
	config_diff(old, cur, &ch);
	if (inv->g.json) {
		json_t *j = json_pack("{s:[], s:[], s:[]}", "added", "removed", "changed");
		static const char *const lists[] = { "added", "removed", "changed" };
		for (size_t i = 0; i < ch.n; i++) {
			const struct config_change *c = &ch.v[i];
			json_t *o = json_pack("{s:s}", "path", c->path);
			if (c->old_value)
				json_object_set_new(o, "old", parse_any(c->old_value));
			if (c->new_value)
				json_object_set_new(o, "new", parse_any(c->new_value));
			json_array_append_new(json_object_get(j, lists[c->kind]), o);
		}
		print_json(j);
		json_decref(j);
	} else if (ch.n == 0) {
		printf(_("No differences from %s.\n"), old_path);
	}
	for (size_t i = 0; !inv->g.json && i < ch.n; i++) {
		const struct config_change *c = &ch.v[i];
		if (c->kind == CONFIG_ADDED)
			printf(_("added    %s = %s\n"), c->path, c->new_value);
		else if (c->kind == CONFIG_REMOVED)
			printf(_("removed  %s (was %s)\n"), c->path, c->old_value);
		else
			printf(_("changed  %s: %s -> %s\n"), c->path, c->old_value, c->new_value);
	}
	config_changes_free(&ch);
	config_free(old);
	return LO_EXIT_OK;
}

static int config_show_cmd(struct lo_invocation *inv)
{
	lo_error err = LO_ERROR_INIT;
	lo_config *cfg = NULL, *defaults = NULL;
	int rc = config_load(cfg_path(inv), &cfg, &err);
	if (rc == LO_EXIT_OK)
		rc = config_load_release(inv->g.release, &defaults, &err);
	if (rc != LO_EXIT_OK) {
		rc = report_error(&err);
		goto out;
	}
	if (cli_opt(inv, "diff")) {
		/* With -r: what upgrading to that release does to the file, by
		 * the same merge the upgrade uses; without: the file as it is. */
		lo_config *target = inv->g.release ? config_merge(cfg, defaults, NULL) : NULL;
		rc = show_diff(inv, target ? target : cfg, cli_opt(inv, "diff"));
		config_free(target);
		goto out;
	}
	/* The effective config: the file, with defaults for what it leaves out. */
	lo_config *eff = config_merge(cfg, defaults, NULL);
	json_t *masked = config_masked(eff);
	if (inv->g.json)
		print_json(masked);
	else
		print_flat(masked, "");
	json_decref(masked);
	config_free(eff);
out:
	config_free(cfg);
	config_free(defaults);
	lo_error_clear(&err);
	return rc;
}

/* ---- init ---- */

static int config_init_cmd(struct lo_invocation *inv)
{
	const char *path = cfg_path(inv);
	lo_error err = LO_ERROR_INIT;
	lo_config *cfg = NULL;
	struct stat st;
	if (lstat(path, &st) == 0 && !cli_flag(inv, "force")) {
		fprintf(stderr, _("liftoff: %s already exists; not overwriting it\n"), path);
		fprintf(stderr, "  %s\n", _("Use --force to replace it (the old file is kept as .bak), "
					   "or -c to write elsewhere."));
		return LO_EXIT_FAIL;
	}
	bool written = false;
	int rc = config_load_release(inv->g.release, &cfg, &err);
	if (rc == LO_EXIT_OK)
		rc = config_write(cfg, path, &written, &err);
	if (rc != LO_EXIT_OK) {
		rc = report_error(&err);
	} else if (inv->g.verbosity >= 0) {
		if (inv->g.release)
			printf(_("Wrote %s from the defaults of release %s.\n"), path, inv->g.release);
		else
			printf(_("Wrote %s from liftoff's built-in defaults.\n"), path);
		printf("%s\n", _("Fill in the required fields, then run 'liftoff config validate':"));
		for (const struct config_field *f = config_field_table; f->path; f++)
			if (f->flags & CFG_REQUIRED)
				printf("  %-32s %s\n", f->path, _(f->help));
	}
	config_free(cfg);
	lo_error_clear(&err);
	return rc;
}

/* ---- dispatch ---- */

static const struct {
	const char *name;
	int (*run)(struct lo_invocation *inv);
} config_subcommands[] = {
	{ "validate", config_validate_cmd },
	{ "show", config_show_cmd },
	{ "init", config_init_cmd },
};

static int run_config(struct lo_invocation *inv)
{
	const char *sub = inv->nargs > 0 ? inv->args[0] : NULL;
	for (size_t i = 0; sub && i < sizeof config_subcommands / sizeof config_subcommands[0]; i++)
		if (strcmp(sub, config_subcommands[i].name) == 0) {
			if (inv->nargs > 1) {
				fprintf(stderr, _("liftoff: config %s: unexpected argument '%s'\n"),
					sub, inv->args[1]);
				fprintf(stderr, "  %s\n", _("Try 'liftoff config --help'."));
				return LO_EXIT_USAGE;
			}
			return config_subcommands[i].run(inv);
		}
	if (sub)
		fprintf(stderr, _("liftoff: config: unknown subcommand '%s'\n"), sub);
	else
		fprintf(stderr, "%s\n", _("liftoff: config: which one? validate, show or init"));
	fprintf(stderr, "  %s\n", _("Try 'liftoff config validate', 'liftoff config show' or "
				   "'liftoff config init'; 'liftoff config --help' has more."));
	return LO_EXIT_USAGE;
}

const struct lo_command cmd_config = {
	.name = "config",
	.summary = N_("validate | show | init the config file"),
	.synopsis = "validate|show|init",
	.options = config_options,
	.run = run_config,
	.has_screen = false,
};
