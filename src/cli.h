/* cli.h - the command line: global options, the command table, and the
 * parsed invocation that every command receives.
 *
 * Each command lives in its own file under src/cmd/ and exports one const
 * struct lo_command: its name, a one-line summary, its own options (a
 * table), and its run function.  Global options may appear before or
 * after the command word, GNU style.  Parsing never exits; it returns an
 * lo_exit code and a message, so it can be unit-tested. */
#ifndef LO_CLI_H
#define LO_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "core/util.h"

#define DEFAULT_CONFIG_PATH "config.json"

struct cli_option {
	const char *name;      /* long name, without dashes */
	char short_name;       /* 0 for none */
	bool has_arg;
	const char *arg_name;  /* e.g. "FILE", shown in --help */
	const char *help;      /* N_() marked */
};

struct lo_invocation;

struct lo_command {
	const char *name;
	const char *summary;   /* N_() marked, one line */
	const char *synopsis;  /* arguments after the command, e.g. "ARCHIVE" */
	const struct cli_option *options; /* NULL-name terminated; may be NULL */
	int (*run)(struct lo_invocation *inv);
	bool has_screen;       /* the ncurses UI takes over on a terminal */
};

struct lo_globals {
	const char *config_path;
	const char *release;
	const char *profile;
	const char *region;
	bool json;
	bool color;
	int verbosity;         /* -1 quiet, 0 normal, +1 per -v */
};

#define LO_MAX_CMD_OPTS 32

struct lo_invocation {
	struct lo_globals g;
	const struct lo_command *cmd;
	int nargs;
	char **args;           /* positional arguments after the command */
	const char *opt_values[LO_MAX_CMD_OPTS]; /* indexed like cmd->options */
	bool opt_set[LO_MAX_CMD_OPTS];
	bool want_help;
	bool want_version;
	bool interactive;      /* stdin and stdout are terminals */
};

extern const struct lo_command *const lo_commands[];

const struct lo_command *cli_find_command(const char *name);

/* Parse argv into inv.  Returns LO_EXIT_OK or LO_EXIT_USAGE with err set. */
int cli_parse(int argc, char **argv, bool interactive, struct lo_invocation *inv, lo_error *err);
void cli_invocation_free(struct lo_invocation *inv);

/* A command's own option: its value, or NULL when not given. */
const char *cli_opt(const struct lo_invocation *inv, const char *name);
bool cli_flag(const struct lo_invocation *inv, const char *name);

void cli_print_help(FILE *out, const struct lo_command *cmd);
void cli_print_version(FILE *out);

struct creds_options;
/* AWS settings from the command line: --profile, --region, and on a
 * terminal a prompt for MFA codes (assumed roles with mfa_serial). */
void cli_creds_options(const struct lo_invocation *inv, struct creds_options *opts);

/* The message every unfinished command prints; returns LO_EXIT_USAGE. */
int cli_not_built(const struct lo_invocation *inv, const char *issue_hint);

#endif
