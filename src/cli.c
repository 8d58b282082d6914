/* cli.c - see cli.h. */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "aws/creds.h"
#include "cli.h"
#include "cmd/commands.h"
#include "core/i18n.h"
#include "core/tty.h"


const struct lo_command *const lo_commands[] = {
	&cmd_install, &cmd_upgrade, &cmd_status, &cmd_verify, &cmd_preflight,
	&cmd_config, &cmd_whoami, &cmd_uninstall, &cmd_sso_update, NULL,
};

enum global_opt {
	OPT_PROFILE = 256, OPT_REGION, OPT_JSON, OPT_NO_COLOR, OPT_HELP, OPT_VERSION,
	OPT_COMMAND_BASE = 1000,
};

static const struct option global_longopts[] = {
	{ "config", required_argument, NULL, 'c' },
	{ "release", required_argument, NULL, 'r' },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "region", required_argument, NULL, OPT_REGION },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "no-color", no_argument, NULL, OPT_NO_COLOR },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
};
#define N_GLOBAL (sizeof global_longopts / sizeof global_longopts[0])

/* Global options and what they do, for --help and the man page. */
static const struct { const char *spelling; const char *help; } global_help[] = {
	{ "-c, --config FILE", N_("config.json to read and write (default ./config.json)") },
	{ "-r, --release DIR|ARCHIVE", N_("the Spacelift release to install or upgrade to") },
	{ "    --profile NAME", N_("AWS profile to use (as AWS_PROFILE)") },
	{ "    --region NAME", N_("AWS region (overrides AWS_REGION and the profile)") },
	{ "    --json", N_("machine-readable output, where the command has it") },
	{ "    --no-color", N_("no colour (NO_COLOR is honoured too)") },
	{ "-q, --quiet", N_("print errors only") },
	{ "-v, --verbose", N_("more detail; repeat for more") },
	{ "-h, --help", N_("show this help, or a command's help after it") },
	{ "    --version", N_("show the version") },
};

static const struct { int code; const char *meaning; } exit_help[] = {
	{ LO_EXIT_OK, N_("success") },
	{ LO_EXIT_FAIL, N_("a check or validation failed") },
	{ LO_EXIT_USAGE, N_("usage error, or a command that is not built yet") },
	{ LO_EXIT_ENV, N_("AWS, network or environment error") },
	{ LO_EXIT_VERIFY, N_("verification (checksum or signature) failure") },
	{ LO_EXIT_INTERRUPTED, N_("interrupted") },
};

const struct lo_command *cli_find_command(const char *name)
{
	for (size_t i = 0; lo_commands[i]; i++)
		if (strcmp(lo_commands[i]->name, name) == 0)
			return lo_commands[i];
	return NULL;
}

static bool global_takes_arg(const char *arg)
{
	static const char *const with_arg[] = { "-c", "-r", "--config", "--release",
						"--profile", "--region", NULL };
	for (size_t i = 0; with_arg[i]; i++)
		if (strcmp(arg, with_arg[i]) == 0)
			return true;
	return false;
}

/* The first word that is neither an option nor an option's argument. */
static int find_command_word(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return i + 1 < argc ? i + 1 : -1;
		if (argv[i][0] != '-' || argv[i][1] == '\0')
			return i;
		if (global_takes_arg(argv[i]))
			i++;
	}
	return -1;
}

static size_t count_options(const struct lo_command *cmd)
{
	size_t n = 0;
	while (cmd && cmd->options && cmd->options[n].name)
		n++;
	return n;
}

static void build_getopt_tables(const struct lo_command *cmd, struct option *longopts,
				strbuf *shortopts)
{
	sb_append(shortopts, ":c:r:qvh");
	memcpy(longopts, global_longopts, sizeof global_longopts);
	size_t n = count_options(cmd);
	for (size_t i = 0; i < n; i++) {
		const struct cli_option *o = &cmd->options[i];
		int val = o->short_name ? o->short_name : OPT_COMMAND_BASE + (int)i;
		longopts[N_GLOBAL + i] = (struct option){ o->name,
			o->has_arg ? required_argument : no_argument, NULL, val };
		if (o->short_name) {
			sb_append_char(shortopts, o->short_name);
			if (o->has_arg)
				sb_append_char(shortopts, ':');
		}
	}
	longopts[N_GLOBAL + n] = (struct option){ NULL, 0, NULL, 0 };
}

static int command_option_index(const struct lo_command *cmd, int val)
{
	if (val >= OPT_COMMAND_BASE)
		return val - OPT_COMMAND_BASE;
	size_t n = count_options(cmd);
	for (size_t i = 0; i < n; i++)
		if (cmd->options[i].short_name == val)
			return (int)i;
	return -1;
}

/* Takes ownership of message. */
static int usage_error(lo_error *err, const struct lo_command *cmd, char *message)
{
	char *hint = cmd ? xasprintf(_("Try 'liftoff %s --help'."), cmd->name)
			 : xstrdup(_("Try 'liftoff --help'."));
	lo_error_set(err, LO_EXIT_USAGE, hint, "%s", message);
	free(hint);
	free(message);
	return LO_EXIT_USAGE;
}

static bool apply_global(struct lo_invocation *inv, int c, const char *arg)
{
	switch (c) {
	case 'c': inv->g.config_path = arg; return true;
	case 'r': inv->g.release = arg; return true;
	case OPT_PROFILE: inv->g.profile = arg; return true;
	case OPT_REGION: inv->g.region = arg; return true;
	case OPT_JSON: inv->g.json = true; return true;
	case OPT_NO_COLOR: inv->g.color = false; return true;
	case 'q': inv->g.verbosity = -1; return true;
	case 'v': inv->g.verbosity = inv->g.verbosity < 0 ? 1 : inv->g.verbosity + 1; return true;
	case 'h': inv->want_help = true; return true;
	case OPT_VERSION: inv->want_version = true; return true;
	default: return false;
	}
}

static void init_invocation(struct lo_invocation *inv, bool interactive)
{
	memset(inv, 0, sizeof *inv);
	inv->g.config_path = DEFAULT_CONFIG_PATH;
	const char *no_color = getenv("NO_COLOR");
	inv->g.color = !(no_color && *no_color);
	inv->interactive = interactive;
}

int cli_parse(int argc, char **argv, bool interactive, struct lo_invocation *inv, lo_error *err)
{
	init_invocation(inv, interactive);
	int word = find_command_word(argc, argv);
	if (word > 0) {
		inv->cmd = cli_find_command(argv[word]);
		if (!inv->cmd)
			return usage_error(err, NULL,
					   xasprintf(_("'%s' is not a liftoff command."), argv[word]));
	}
	size_t ncmd = count_options(inv->cmd);
	if (ncmd > LO_MAX_CMD_OPTS)
		abort(); /* a programming error in a command table */

	struct option *longopts = xcalloc(N_GLOBAL + ncmd + 1, sizeof *longopts);
	strbuf shortopts = STRBUF_INIT;
	build_getopt_tables(inv->cmd, longopts, &shortopts);

	int rc = LO_EXIT_OK, c;
	opterr = 0;
	optind = 0; /* full reset of GNU getopt, so parsing can run twice */
	while (rc == LO_EXIT_OK && (c = getopt_long(argc, argv, sb_str(&shortopts), longopts, NULL)) != -1) {
		if (c == '?') {
			char shortname[3] = { '-', (char)optopt, '\0' };
			rc = usage_error(err, inv->cmd, xasprintf(_("unrecognized option '%s'"),
					 optopt ? shortname : argv[optind - 1]));
		} else if (c == ':') {
			rc = usage_error(err, inv->cmd,
					 xasprintf(_("option '%s' needs an argument"), argv[optind - 1]));
		} else if (!apply_global(inv, c, optarg)) {
			int idx = command_option_index(inv->cmd, c);
			if (idx < 0) {
				rc = usage_error(err, inv->cmd,
						 xasprintf(_("unrecognized option '%s'"), argv[optind - 1]));
			} else {
				inv->opt_set[idx] = true;
				inv->opt_values[idx] = optarg;
			}
		}
	}
	free(longopts);
	sb_free(&shortopts);
	if (rc != LO_EXIT_OK)
		return rc;

	/* getopt moved the operands to the end; the command word is the first. */
	int first = optind;
	if (inv->cmd)
		first++;
	inv->nargs = argc - first;
	inv->args = xcalloc((size_t)inv->nargs + 1, sizeof *inv->args);
	for (int i = 0; i < inv->nargs; i++)
		inv->args[i] = argv[first + i];

	if (!inv->cmd && !inv->want_help && !inv->want_version) {
		if (!interactive)
			return usage_error(err, NULL,
					   xstrdup(_("no command given, and this is not a terminal.")));
		inv->cmd = &cmd_install;
	}
	return LO_EXIT_OK;
}

void cli_invocation_free(struct lo_invocation *inv)
{
	free(inv->args);
	inv->args = NULL;
}

static int option_index(const struct lo_invocation *inv, const char *name)
{
	size_t n = count_options(inv->cmd);
	for (size_t i = 0; i < n; i++)
		if (strcmp(inv->cmd->options[i].name, name) == 0)
			return (int)i;
	return -1;
}

const char *cli_opt(const struct lo_invocation *inv, const char *name)
{
	int i = option_index(inv, name);
	return i >= 0 && inv->opt_set[i] ? inv->opt_values[i] : NULL;
}

bool cli_flag(const struct lo_invocation *inv, const char *name)
{
	int i = option_index(inv, name);
	return i >= 0 && inv->opt_set[i];
}

static void print_option_row(FILE *out, const char *spelling, const char *help)
{
	fprintf(out, "  %-28s %s\n", spelling, help);
}

static void print_command_help(FILE *out, const struct lo_command *cmd)
{
	fprintf(out, _("Usage: liftoff [OPTION]... %s [OPTION]... %s\n"), cmd->name,
		cmd->synopsis ? cmd->synopsis : "");
	fprintf(out, "%s\n", _(cmd->summary));
	size_t n = count_options(cmd);
	if (n)
		fprintf(out, "\n%s\n", _("Options of this command:"));
	for (size_t i = 0; i < n; i++) {
		const struct cli_option *o = &cmd->options[i];
		char shortname[5] = "    ";
		if (o->short_name)
			snprintf(shortname, sizeof shortname, "-%c, ", o->short_name);
		char *spelling = xasprintf("%s--%s%s%s", shortname, o->name,
					   o->has_arg ? " " : "", o->has_arg ? o->arg_name : "");
		print_option_row(out, spelling, _(o->help));
		free(spelling);
	}
	fprintf(out, "\n%s\n", _("Global options (see 'liftoff --help') apply too."));
}

void cli_print_help(FILE *out, const struct lo_command *cmd)
{
	if (cmd) {
		print_command_help(out, cmd);
		return;
	}
	fputs(_("Usage: liftoff [OPTION]... COMMAND [ARG]...\n"
		"Install, upgrade and inspect Spacelift self-hosted on AWS.\n"), out);
	fprintf(out, "\n%s\n", _("Commands:"));
	for (size_t i = 0; lo_commands[i]; i++)
		fprintf(out, "  %-12s %s\n", lo_commands[i]->name, _(lo_commands[i]->summary));
	fputs(_("With no command on a terminal, liftoff starts the install wizard.\n"), out);
	fprintf(out, "\n%s\n", _("Options:"));
	for (size_t i = 0; i < sizeof global_help / sizeof global_help[0]; i++)
		print_option_row(out, global_help[i].spelling, _(global_help[i].help));
	fprintf(out, "\n%s\n", _("Exit status:"));
	for (size_t i = 0; i < sizeof exit_help / sizeof exit_help[0]; i++)
		fprintf(out, "  %-4d %s\n", exit_help[i].code, _(exit_help[i].meaning));
	fprintf(out, "\n%s\n", _("AWS credentials and region come from the same places as the AWS CLI's:\n"
		"--profile/AWS_PROFILE, the environment, ~/.aws/credentials and ~/.aws/config,\n"
		"SSO, container and instance roles.  See liftoff(1)."));
	fprintf(out, _("\nReport bugs to: %s\n"), PACKAGE_BUGREPORT);
}

void cli_print_version(FILE *out)
{
	fprintf(out, "liftoff %s\n", PACKAGE_VERSION);
	fputs(_("This is free software: you are free to change and redistribute it.\n"
		"There is NO WARRANTY, to the extent permitted by law.\n"), out);
}

int cli_not_built(const struct lo_invocation *inv, const char *issue_hint)
{
	fprintf(stderr, _("liftoff: '%s' is not built yet in this version.\n"), inv->cmd->name);
	if (issue_hint)
		fprintf(stderr, "  %s\n", issue_hint);
	return LO_EXIT_USAGE;
}

static char *ask_mfa_code(void *arg, const char *mfa_serial)
{
	char *question = xasprintf(_("MFA code for %s: "), mfa_serial);
	char *code = tty_ask_line(question, true);
	free(question);
	return code;
}

void cli_creds_options(const struct lo_invocation *inv, struct creds_options *opts)
{
	memset(opts, 0, sizeof *opts);
	opts->profile = inv->g.profile;
	opts->region = inv->g.region;
	if (tty_can_ask())
		opts->mfa_prompt = ask_mfa_code;
}
