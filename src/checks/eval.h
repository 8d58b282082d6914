/* eval.h - verdicts: the pure decisions behind the AWS and SSO checks.
 *
 * A check's run function fetches data (an AWS answer, a discovery
 * document, SAML metadata) and hands it to an evaluator here, which
 * decides pass, warn or fail and says why in one translated line, with a
 * hint that says exactly what to do.  Evaluators do no I/O and keep no
 * state: they take plain values (strings, counts, jansson objects parsed
 * from the AWS answer, `now`), so every outcome is a unit test.  The
 * verdict is what check_complete() takes; eval_complete() passes it on.
 *
 * One evaluator per file, eval_<name>.c, with its header eval_<name>.h. */
#ifndef LO_CHECKS_EVAL_H
#define LO_CHECKS_EVAL_H

#include <stdbool.h>
#include <time.h>

#include <jansson.h>

#include "checks/engine.h"

struct eval_verdict {
	enum check_status status;   /* CHECK_PASS, CHECK_WARN, CHECK_FAIL or CHECK_SKIP */
	char *detail;               /* one line, translated; never NULL after an evaluator */
	char *hint;                 /* translated, what to do; NULL when nothing to do */
	json_t *data;               /* optional, owned; for --json and the wizard */
};

#define EVAL_VERDICT_INIT { CHECK_PENDING, NULL, NULL, NULL }

/* Set status, hint (copied; may be NULL) and detail (a printf format),
 * replacing what was there. */
void eval_set(struct eval_verdict *v, enum check_status status, const char *hint,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Replace the data (the reference is taken). */
void eval_set_data(struct eval_verdict *v, json_t *data);
void eval_verdict_free(struct eval_verdict *v);

/* Hand a verdict to the engine: its data, then check_complete.  The
 * verdict is freed. */
void eval_complete(struct check_run *run, struct eval_verdict *v);

/* How many days from now until t, rounded down; negative once past. */
long eval_days_left(time_t t, time_t now);

/* A warning window shared by certificates: 30 days. */
#define EVAL_EXPIRY_WARN_DAYS 30

/* Shell-style matching of '*' (any run, also empty) and '?' (one
 * character), nothing else special; case-insensitive on request. */
bool eval_glob(const char *pattern, const char *s, bool icase);

/* An ISO 8601 UTC time as AWS writes it ("2026-01-02T03:04:05Z",
 * optional fraction, "Z" or "+hh:mm").  False when it is not one. */
bool eval_parse_iso8601(const char *s, time_t *out);

/* A field of an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE),
 * 0-based; a new string, or NULL when the ARN has too few fields. */
char *eval_arn_field(const char *arn, int index);

/* A string from a JSON object by key, or NULL. */
const char *eval_json_str(const json_t *obj, const char *key);

/* True when the JSON array holds the string want. */
bool eval_json_has_string(const json_t *list, const char *want);

/* A date as YYYY-MM-DD (UTC); "?" when it cannot be shown. */
char *eval_format_date(time_t t);

#endif
