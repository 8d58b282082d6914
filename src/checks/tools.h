/* tools.h - what the tool checks share: running one program for a check
 * (a child process on the loop, killed if the runner goes away), reading
 * a version number out of its output, and the FAIL for a program that
 * is missing or broken, with the Debian package to install.
 *
 * Kept apart from engine.h so that the engine itself knows nothing about
 * child processes: an AWS-backed check never needs this header. */
#ifndef LO_CHECKS_TOOLS_H
#define LO_CHECKS_TOOLS_H

#include <stdbool.h>

#include "checks/engine.h"
#include "core/proc.h"

typedef void (*check_proc_fn)(struct check_run *run, const struct proc_result *res, void *arg);

/* Run argv (optionally feeding stdin) with the context's tool timeout;
 * fn runs once with the result.  If the runner is freed first, the child
 * is killed and free_arg (may be NULL) frees arg instead. */
void check_spawn(struct check_run *run, const char *const *argv, const char *stdin_data,
		 check_proc_fn fn, void *arg, void (*free_arg)(void *));

/* A version "X.Y[.Z]" found at the first digit after prefix in text (prefix
 * NULL: the first digit anywhere).  Missing parts are 0. */
bool tool_version_parse(const char *text, const char *prefix, int v[3]);
/* <0, 0, >0 like strcmp. */
int tool_version_cmp(const int a[3], const int b[3]);

/* Complete run as FAIL because `tool` could not be run or did not work:
 * "jq: not found on PATH" with "Install it: apt-get install jq". */
void tool_fail(struct check_run *run, const char *tool, const char *package,
	       const struct proc_result *res);

/* The first line of the program's stdout, else of its stderr (caller frees). */
char *tool_first_line(const struct proc_result *res);

/* The run functions of the checks, one file each (check_<name>.c). */
void check_run_bash(struct check_run *run);
void check_run_aws_cli(struct check_run *run);
void check_run_jq(struct check_run *run);
void check_run_docker(struct check_run *run);
void check_run_openssl(struct check_run *run);
void check_run_base64(struct check_run *run);
void check_run_dns_hostname(struct check_run *run);

#endif
