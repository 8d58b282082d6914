/* engine.h - the pre-flight check engine: a table of checks, a runner
 * that starts every check whose dependencies are satisfied, all at once on
 * the event loop, and plain result structs for the UI and --json.
 *
 * A check is one row in a table (src/checks/registry.c): an id that is
 * part of the command-line contract, a title, the ids it depends on, what
 * inputs it needs, and a run function.  The run function starts its work
 * on the loop (a child process, an AWS call) and later calls
 * check_complete() exactly once; a synchronous check completes before it
 * returns.  A row whose run is NULL is registered but not built yet: it is
 * reported as SKIP "not built yet", never as a pass.
 *
 * The runner decides, not the checks:
 *   - a check whose dependency ended FAIL or SKIP is skipped, with the
 *     reason "skipped: <dep> failed" (or "... was skipped");
 *   - a check that needs the config or the AWS client skips when the
 *     context has none, with the reason;
 *   - --only: the named checks run together with everything they depend
 *     on, transitively, and all of those are reported, because a skip
 *     "aws.identity failed" means nothing without aws.identity's own row;
 *   - duration_ms is measured from start to completion on loop time;
 *   - a progress callback sees each row start and finish, so a screen can
 *     update rows as results arrive.
 *
 * The config and the AWS client are opaque here; the engine never looks
 * inside them, so the modules that define them plug in unchanged. */
#ifndef LO_CHECKS_ENGINE_H
#define LO_CHECKS_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "core/loop.h"
#include "core/util.h"

struct lo_config;   /* src/config/ */
struct lo_aws;      /* src/aws/ */

enum check_status {
	CHECK_PENDING = 0,  /* not started */
	CHECK_RUNNING,
	CHECK_PASS,
	CHECK_WARN,
	CHECK_FAIL,
	CHECK_SKIP,
};

/* What a check needs from its context; the runner skips it without. */
enum check_needs {
	CHECK_NEEDS_NOTHING = 0,
	CHECK_NEEDS_CONFIG = 1 << 0,
	CHECK_NEEDS_AWS = 1 << 1,
};

struct check_options {
	long tool_timeout_ms;   /* for each child process; 0: CHECK_DEFAULT_TIMEOUT_MS */
};

#define CHECK_DEFAULT_TIMEOUT_MS 10000

/* What every check may use.  Any pointer may be NULL. */
struct check_ctx {
	lo_loop *loop;
	const struct lo_config *config;
	struct lo_aws *aws;
	/* spacelift_hostname when there is no config (the config's wins); NULL when unknown. */
	const char *hostname;
	/* Where config.json was looked for, and why config is NULL: the load
	 * error's message (NULL: the default file is simply not there). */
	const char *config_path;
	const char *config_error;
	const char *config_hint;
	struct check_options opts;
};

struct check_result {
	enum check_status status;
	char *detail;           /* one line, translated; never NULL once finished */
	char *hint;             /* what to do about it; NULL when nothing to do */
	json_t *data;           /* optional structured data for --json and the UI */
	long long duration_ms;
	bool not_built;         /* SKIP because the check is not built yet */
};

struct check_run;           /* one check being run; owned by the runner */

typedef void (*check_run_fn)(struct check_run *run);
typedef void (*check_cancel_fn)(void *arg);

struct check_def {
	const char *id;                  /* part of the contract: "tools.jq" */
	const char *title;               /* N_() marked */
	const char *const *depends_on;   /* NULL-terminated ids; NULL for none */
	unsigned needs;                  /* enum check_needs bits */
	check_run_fn run;                /* NULL: not built yet */
};

/* For run functions. */
const struct check_ctx *check_ctx(const struct check_run *run);
const struct check_def *check_def(const struct check_run *run);
/* Finish the check.  hint may be NULL; detail is a printf format.
 * Exactly once per run; the run handle is invalid afterwards for the check
 * (the runner keeps it). */
void check_complete(struct check_run *run, enum check_status status, const char *hint,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Attach structured data (the reference is taken) before completing. */
void check_set_data(struct check_run *run, json_t *data);
/* What to call if the runner is freed, or the check restarted, while it
 * is still running (kill its child, cancel its request, free its state).
 * Cleared by check_complete.  Every check with work in flight sets one:
 * after a restart the run handle is reused, so a stale completion would
 * land on the new run. */
void check_on_cancel(struct check_run *run, check_cancel_fn fn, void *arg);

/* The runner. */
typedef void (*checks_progress_fn)(void *arg, size_t index, const struct check_def *def,
				   const struct check_result *res);

struct checks_runner;

/* table has n rows; ids must be unique and dependencies must name rows
 * earlier or later in the same table (cycles are reported by _new). */
struct checks_runner *checks_runner_new(const struct check_def *table, size_t n,
					const struct check_ctx *ctx, lo_error *err);
void checks_runner_free(struct checks_runner *r);

/* Select checks by comma-separated ids (--only), pulling in dependencies.
 * An unknown id is a usage error naming it.  Without a call, all run. */
bool checks_runner_select(struct checks_runner *r, const char *only, lo_error *err);

void checks_runner_on_progress(struct checks_runner *r, checks_progress_fn fn, void *arg);

/* Start everything that can start; returns at once. */
void checks_runner_start(struct checks_runner *r);
bool checks_runner_finished(const struct checks_runner *r);
/* start, then run the loop until every selected check has finished. */
void checks_runner_run(struct checks_runner *r);

/* For the wizard, when an answer changes: the context the next runs see
 * (running checks keep what they started with), and running one check
 * again together with every selected check that depends on it.  Running
 * ones among them are cancelled first.  False for an unknown id. */
void checks_runner_set_ctx(struct checks_runner *r, const struct check_ctx *ctx);
bool checks_runner_restart(struct checks_runner *r, const char *id);

size_t checks_runner_count(const struct checks_runner *r);
bool checks_runner_selected(const struct checks_runner *r, size_t i);
const struct check_def *checks_runner_def(const struct checks_runner *r, size_t i);
const struct check_result *checks_runner_result(const struct checks_runner *r, size_t i);

struct check_summary {
	int pass, warn, fail, skip;
	int not_built;          /* of skip */
};
void checks_runner_summary(const struct checks_runner *r, struct check_summary *s);

/* "pass", "warn", "fail", "skip" (the --json words; untranslated). */
const char *check_status_name(enum check_status s);

/* The --json document: {"checks": [...], "summary": {...}}. */
json_t *checks_runner_to_json(const struct checks_runner *r);

/* The registered checks (src/checks/registry.c). */
extern const struct check_def checks_registry[];
extern const size_t checks_registry_count;

#endif
