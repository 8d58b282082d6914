/* test-cli.c - the command-line contract: commands, global options in any
 * position, command options, and usage errors with exit code 2. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "tap.h"

/* getopt wants writable strings: copy the literals into a static pool,
 * which stays valid until the next parse. */
static int parse(struct lo_invocation *inv, lo_error *err, bool tty, const char *const *words)
{
	static char pool[16][64];
	static char *argv[17];
	int argc = 0;
	for (; words[argc] && argc < 16; argc++) {
		snprintf(pool[argc], sizeof pool[argc], "%s", words[argc]);
		argv[argc] = pool[argc];
	}
	argv[argc] = NULL;
	return cli_parse(argc, argv, tty, inv, err);
}

#define ARGV(...) ((const char *const[]){ "liftoff", __VA_ARGS__, NULL })

static void test_globals_anywhere(void)
{
	struct lo_invocation inv;
	lo_error err = LO_ERROR_INIT;
	int rc = parse(&inv, &err, false,
		       ARGV("--profile", "prod", "verify", "--json", "a.tar.gz", "-c", "x.json",
			    "--fingerprint", "ABCD", "-vv"));
	is_int(rc, LO_EXIT_OK, "globals before and after the command parse");
	is_str(inv.cmd ? inv.cmd->name : NULL, "verify", "command found");
	is_str(inv.g.profile, "prod", "--profile");
	is_str(inv.g.config_path, "x.json", "-c after the command");
	ok(inv.g.json, "--json after the command");
	is_int(inv.g.verbosity, 2, "-vv counts twice");
	is_int(inv.nargs, 1, "one positional");
	is_str(inv.args[0], "a.tar.gz", "positional kept");
	is_str(cli_opt(&inv, "fingerprint"), "ABCD", "command option value");
	ok(!cli_flag(&inv, "force"), "unset flag reads false");
	cli_invocation_free(&inv);
}

static void test_errors(void)
{
	struct lo_invocation inv;
	lo_error err = LO_ERROR_INIT;
	is_int(parse(&inv, &err, false, ARGV("frobnicate")), LO_EXIT_USAGE, "unknown command: 2");
	ok(err.message && strstr(err.message, "frobnicate"), "message names the command");
	is_str(err.hint, "Try 'liftoff --help'.", "hint points at --help");
	lo_error_clear(&err);
	cli_invocation_free(&inv);

	is_int(parse(&inv, &err, false, ARGV("verify", "--bogus")), LO_EXIT_USAGE, "unknown option: 2");
	ok(err.message && strstr(err.message, "--bogus"), "message names the option");
	is_str(err.hint, "Try 'liftoff verify --help'.", "hint names the command");
	lo_error_clear(&err);
	cli_invocation_free(&inv);

	is_int(parse(&inv, &err, false, ARGV("status", "--fingerprint", "X")), LO_EXIT_USAGE,
	       "another command's option is refused");
	lo_error_clear(&err);
	cli_invocation_free(&inv);

	is_int(parse(&inv, &err, false, ARGV("verify", "--sha256")), LO_EXIT_USAGE,
	       "missing option argument: 2");
	ok(err.message && strstr(err.message, "--sha256"), "message names the option");
	lo_error_clear(&err);
	cli_invocation_free(&inv);
}

static void test_default_command(void)
{
	struct lo_invocation inv;
	lo_error err = LO_ERROR_INIT;
	is_int(parse(&inv, &err, true, ARGV("--no-color")), LO_EXIT_OK, "no command on a tty");
	is_str(inv.cmd ? inv.cmd->name : NULL, "install", "defaults to the wizard");
	ok(!inv.g.color, "--no-color");
	cli_invocation_free(&inv);
	is_int(parse(&inv, &err, false, ARGV("-q")), LO_EXIT_USAGE, "no command without a tty: 2");
	lo_error_clear(&err);
	cli_invocation_free(&inv);
	is_int(parse(&inv, &err, false, ARGV("--help")), LO_EXIT_OK, "--help needs no command");
	ok(inv.want_help && !inv.cmd, "help for the program");
	cli_invocation_free(&inv);
	is_int(parse(&inv, &err, false, ARGV("config", "--", "-weird")), LO_EXIT_OK, "-- ends options");
	is_str(inv.nargs == 1 ? inv.args[0] : NULL, "-weird", "operand after --");
	cli_invocation_free(&inv);
}

static void test_every_command_has_run(void)
{
	int n = 0, complete = 0;
	for (size_t i = 0; lo_commands[i]; i++, n++)
		complete += lo_commands[i]->run && lo_commands[i]->summary && lo_commands[i]->name;
	is_int(n, 9, "nine commands in the contract");
	is_int(complete, n, "each has a name, a summary and a run function");
}

int main(void)
{
	test_globals_anywhere();
	test_errors();
	test_default_command();
	test_every_command_has_run();
	return done_testing();
}
