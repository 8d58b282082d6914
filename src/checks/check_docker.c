/* check_docker.c - tools.docker: install.sh loads and pushes container
 * images, so it needs the Docker client and a daemon the client can
 * reach.  First `docker --version` (the client), then
 * `docker version --format {{.Server.Version}}`, which fails when the
 * daemon is not running or the user may not use its socket; the two
 * causes get different hints. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "checks/tools.h"
#include "core/i18n.h"

struct docker_state {
	char *client;
};

static void docker_state_free(void *arg)
{
	struct docker_state *st = arg;
	free(st->client);
	free(st);
}

static void on_server(struct check_run *run, const struct proc_result *res, void *arg)
{
	struct docker_state *st = arg;
	char *line = tool_first_line(res);
	if (proc_succeeded(res) && *line) {
		check_set_data(run, json_pack("{s:s, s:s}", "client", st->client, "server", line));
		check_complete(run, CHECK_PASS, NULL, _("Docker %s, daemon %s reachable"), st->client,
			       line);
	} else if (res->how == PROC_TIMED_OUT) {
		check_complete(run, CHECK_FAIL,
			       _("Check that the Docker daemon is healthy: systemctl status docker"),
			       _("Docker %s: the daemon did not answer within %ld s"), st->client,
			       (res->timeout_ms + 999) / 1000);
	} else if (strstr(res->err, "permission denied")) {
		check_complete(run, CHECK_FAIL,
			       _("Add your user to the docker group (usermod -aG docker $USER), "
				 "then log in again; or run liftoff as root."),
			       _("Docker %s: permission denied on the daemon's socket"), st->client);
	} else {
		check_complete(run, CHECK_FAIL,
			       _("Start Docker (systemctl start docker) and make sure your user "
				 "may use it (usermod -aG docker $USER, then log in again)."),
			       _("Docker %s: the Docker daemon is not reachable"), st->client);
	}
	free(line);
	docker_state_free(st);
}

static void on_client(struct check_run *run, const struct proc_result *res, void *arg)
{
	int v[3];
	(void)arg;
	if (!proc_succeeded(res)) {
		tool_fail(run, "docker", "docker.io", res);
		return;
	}
	struct docker_state *st = xcalloc(1, sizeof *st);
	if (tool_version_parse(res->out, "version", v))
		st->client = xasprintf("%d.%d.%d", v[0], v[1], v[2]);
	else
		st->client = tool_first_line(res);
	static const char *const argv[] = { "docker", "version", "--format",
					    "{{.Server.Version}}", NULL };
	check_spawn(run, argv, NULL, on_server, st, docker_state_free);
}

void check_run_docker(struct check_run *run)
{
	static const char *const argv[] = { "docker", "--version", NULL };
	check_spawn(run, argv, NULL, on_client, NULL, NULL);
}
