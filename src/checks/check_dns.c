/* check_dns.c - dns.hostname: for information before the install,
 * whether spacelift_hostname already resolves, and to where.
 *
 * The lookup must not block the loop and liftoff has no threads, so the
 * resolver runs in a child process: `getent ahosts HOST` (libc-bin, on
 * every Debian), through proc like every other tool check, with the same
 * timeout.  getent exits 0 with one "ADDRESS TYPE [NAME]" line per
 * address and socket type, and 2 when the name is not found.
 *
 * The hostname comes from the config model (the context's hostname only
 * when there is no config, for the wizard's answers).
 *
 * Not resolving is normal before the first install (the CNAME to the
 * load balancer is added after it), so it is a WARN, not a FAIL.  A
 * lookup that could not be made (getent timed out or crashed) is a FAIL
 * that says it is a network error, as for every check. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "checks/tools.h"
#include "config/model.h"
#include "core/i18n.h"

static bool hostname_ok(const char *h)
{
	if (!*h || *h == '-' || *h == '.' || strlen(h) > 253)
		return false;
	for (const char *p = h; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '.')
			return false;
	return true;
}

/* The distinct addresses, in getent's order. */
static json_t *addresses(const char *out)
{
	json_t *list = json_array();
	for (const char *line = out; *line;) {
		size_t len = strcspn(line, " \t\n");
		if (len) {
			char *a = xstrndup(line, len);
			bool seen = false;
			size_t i;
			json_t *v;
			json_array_foreach(list, i, v)
				seen = seen || strcmp(json_string_value(v), a) == 0;
			if (!seen)
				json_array_append_new(list, json_string(a));
			free(a);
		}
		line = strchr(line, '\n');
		if (!line)
			break;
		line++;
	}
	return list;
}

static void on_getent(struct check_run *run, const struct proc_result *res, void *arg)
{
	char *host = arg; /* as it was when the lookup started */
	if (res->how == PROC_EXITED && res->exit_code == 2) {
		char *hint = xasprintf(_("Expected before the first install: afterwards, add a "
					 "CNAME record for %s pointing at the load balancer's DNS "
					 "name, which install.sh prints."), host);
		check_complete(run, CHECK_WARN, hint, _("%s does not resolve yet"), host);
		free(hint);
		free(host);
		return;
	}
	if (res->how == PROC_SPAWN_FAILED) {
		tool_fail(run, "getent", "libc-bin", res);
		free(host);
		return;
	}
	if (!proc_succeeded(res)) {
		char *how = proc_describe(res);
		check_complete(run, CHECK_FAIL, _("Check this machine's DNS settings "
						  "(/etc/resolv.conf) and network, then run it again."),
			       _("network error: could not look up %s (getent %s)"), host, how);
		free(how);
		free(host);
		return;
	}
	json_t *list = addresses(res->out);
	strbuf sb = STRBUF_INIT;
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v)
		sb_appendf(&sb, "%s%s", i ? ", " : "", json_string_value(v));
	check_set_data(run, json_pack("{s:s, s:o}", "hostname", host, "addresses", list));
	check_complete(run, CHECK_PASS, NULL, _("%s resolves to %s"), host, sb_str(&sb));
	sb_free(&sb);
	free(host);
}

void check_run_dns_hostname(struct check_run *run)
{
	const struct check_ctx *ctx = check_ctx(run);
	const char *host = ctx->config ? config_get_string(ctx->config, "spacelift_hostname")
				       : ctx->hostname;
	if (str_empty(host)) {
		check_complete(run, CHECK_SKIP, _("Set spacelift_hostname in config.json."),
			       _("skipped: no spacelift_hostname in config.json"));
		return;
	}
	if (!hostname_ok(host)) {
		check_complete(run, CHECK_FAIL,
			       _("Give a host name only: no protocol, port or path."),
			       _("'%s' is not a valid host name"), host);
		return;
	}
	const char *argv[] = { "getent", "ahosts", host, NULL };
	check_spawn(run, argv, NULL, on_getent, xstrdup(host), free);
}
