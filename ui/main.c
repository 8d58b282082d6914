/* main.c - liftoff's entry point: locale, process hardening, the command
 * line, then either a command's screen (on a terminal) or its headless
 * run.  This is the only place that turns an lo_error into an exit. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/secret.h"
#include "ui.h"

static void report_usage_error(const lo_error *err)
{
	fprintf(stderr, "liftoff: %s\n", err->message);
	if (err->hint)
		fprintf(stderr, "%s\n", err->hint);
}

int main(int argc, char **argv)
{
	lo_harden_process();
	setlocale(LC_ALL, "");
	bindtextdomain(PACKAGE, LOCALEDIR);
	textdomain(PACKAGE);

	bool interactive = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	struct lo_invocation inv;
	lo_error err = LO_ERROR_INIT;
	int rc = cli_parse(argc, argv, interactive, &inv, &err);
	if (rc != LO_EXIT_OK) {
		report_usage_error(&err);
		lo_error_clear(&err);
		cli_invocation_free(&inv);
		return rc;
	}
	if (inv.want_version) {
		cli_print_version(stdout);
	} else if (inv.want_help) {
		cli_print_help(stdout, inv.cmd);
	} else {
		log_set_level(LO_LOG_WARN + inv.g.verbosity);
		rc = inv.cmd->has_screen && interactive ? ui_run(&inv) : inv.cmd->run(&inv);
	}
	cli_invocation_free(&inv);
	return rc;
}
