/* check_config.c - config: config.json read through the config model and
 * validated as one check, so every later check can trust the fields it
 * reads (they depend on this one).
 *
 * No file at the default path is a SKIP (nothing to check yet; the
 * checks that need it skip too); a file that cannot be parsed is a FAIL
 * with the parser's line and column.  Validation errors are a FAIL that
 * counts them and shows the first few as "path: message"; warnings only
 * are a WARN; nothing is a PASS.  Every problem is in the data. */
#include "config.h"

#include <stdlib.h>

#include "checks/aws_checks.h"
#include "config/model.h"
#include "core/i18n.h"

/* How many problems the one-line detail shows. */
#define CONFIG_SHOWN 3

static json_t *problems_json(const struct config_problems *p)
{
	json_t *list = json_array();
	for (size_t i = 0; i < p->n; i++) {
		const struct config_problem *c = &p->v[i];
		json_t *o = json_pack("{s:s, s:s, s:s}", "severity",
				      c->severity == CONFIG_ERROR ? "error" : "warning", "path",
				      c->path ? c->path : "", "message", c->message ? c->message : "");
		if (c->hint)
			json_object_set_new(o, "hint", json_string(c->hint));
		json_array_append_new(list, o);
	}
	return list;
}

/* "path: message; path: message; ..." for the first CONFIG_SHOWN of sev. */
static char *first_problems(const struct config_problems *p, enum config_severity sev)
{
	strbuf sb = STRBUF_INIT;
	size_t shown = 0, total = 0;
	for (size_t i = 0; i < p->n; i++) {
		if (p->v[i].severity != sev)
			continue;
		total++;
		if (shown++ >= CONFIG_SHOWN)
			continue;
		const char *path = p->v[i].path;
		sb_appendf(&sb, "%s%s%s%s", shown > 1 ? "; " : "", str_empty(path) ? "" : path,
			   str_empty(path) ? "" : ": ", p->v[i].message);
	}
	if (total > CONFIG_SHOWN)
		sb_appendf(&sb, "; …");
	char *s = xstrdup(sb_str(&sb));
	sb_free(&sb);
	return s;
}

void check_run_config(struct check_run *run)
{
	const struct check_ctx *ctx = check_ctx(run);
	const char *path = ctx->config_path ? ctx->config_path : "config.json";
	if (!ctx->config) {
		if (ctx->config_error)
			check_complete(run, CHECK_FAIL, ctx->config_hint, "%s", ctx->config_error);
		else
			check_complete(run, CHECK_SKIP, _("Write one with `liftoff config init` (or "
							  "copy the release's config.json), or give "
							  "its path with -c FILE."),
				       _("skipped: there is no %s"), path);
		return;
	}
	struct config_problems p = { 0 };
	size_t errors = config_validate(ctx->config, &p);
	config_problems_sort(&p);
	size_t warnings = config_problems_count(&p, CONFIG_WARNING);
	check_set_data(run, json_pack("{s:s, s:o}", "path", path, "problems", problems_json(&p)));
	const char *hint = _("Run `liftoff config validate` for every problem and how to fix it.");
	if (errors) {
		char *list = first_problems(&p, CONFIG_ERROR);
		check_complete(run, CHECK_FAIL, hint,
			       P_("%zu error in %s: %s", "%zu errors in %s: %s", errors), errors,
			       path, list);
		free(list);
	} else if (warnings) {
		char *list = first_problems(&p, CONFIG_WARNING);
		check_complete(run, CHECK_WARN, hint,
			       P_("%zu warning in %s: %s", "%zu warnings in %s: %s", warnings),
			       warnings, path, list);
		free(list);
	} else {
		check_complete(run, CHECK_PASS, NULL, _("%s is valid"), path);
	}
	config_problems_free(&p);
}
