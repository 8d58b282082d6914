/* model.h - the config.json model: load, query, change, validate, merge
 * and write the file the admin keeps for every upgrade.
 *
 * The JSON document itself (jansson, insertion-ordered) is the storage, so
 * keys liftoff does not know and the user's key order survive a load and
 * a write.  One table of fields (config_field_table) says, for every field
 * of the schema, its JSON path, type, default, whether it is secret, its
 * validator and its help text; validation, masking, `config show`, the
 * wizard and the answers file all read it.  Nothing here prints: problems
 * come back as lists, failures as an lo_error. */
#ifndef LO_CONFIG_H
#define LO_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "core/secret.h"
#include "core/util.h"

typedef struct lo_config lo_config;

/* ---- problems found by validation ---- */

enum config_severity { CONFIG_ERROR, CONFIG_WARNING };

struct config_problem {
	enum config_severity severity;
	char *path;      /* JSON path, e.g. "sso_config.oidc_args.client_id" */
	char *message;   /* what is wrong (translated) */
	char *hint;      /* how to fix it (translated); may be NULL */
};

struct config_problems {
	struct config_problem *v;
	size_t n, cap;
};

void config_problem_add(struct config_problems *p, enum config_severity sev, const char *path,
			const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
size_t config_problems_count(const struct config_problems *p, enum config_severity sev);
/* Stable order: errors first, then warnings. */
void config_problems_sort(struct config_problems *p);
void config_problems_free(struct config_problems *p);

/* ---- the field table ---- */

enum config_type {
	CFG_STRING,
	CFG_BOOL,
	CFG_INT,
	CFG_BOOL_OR_EMPTY,  /* a bool, or "" (self-managed database) */
	CFG_INT_OR_EMPTY,   /* a whole number, or "" (not set: the default applies) */
	CFG_STRLIST,        /* comma-separated string or array of strings */
	CFG_STRARRAY,       /* array of strings */
	CFG_TAG,            /* {"key": ..., "value": ...} */
	CFG_TAGS,           /* array of tags */
};

enum config_flags {
	CFG_SECRET = 1 << 0,    /* masked in show, read as lo_secret */
	CFG_REQUIRED = 1 << 1,  /* must be present and non-empty */
};

struct config_check_ctx;
typedef void config_check_fn(const struct config_check_ctx *ctx, const char *path,
			     json_t *value, struct config_problems *out);

struct config_field {
	const char *path;       /* dotted JSON path */
	enum config_type type;
	const char *def;        /* built-in default as JSON text; NULL: no default */
	unsigned flags;         /* enum config_flags */
	config_check_fn *check; /* extra rule on a well-typed value; may be NULL */
	const char *help;       /* N_() marked, one line */
};

/* The table, in the order of the release's config.json; NULL-path ended. */
extern const struct config_field config_field_table[];
const struct config_field *config_field_find(const char *path);
const char *config_type_name(enum config_type t);  /* translated */

/* ---- loading ---- */

/* Read and parse a file.  err->code is LO_EXIT_ENV when the file cannot be
 * read, LO_EXIT_FAIL when it is not valid JSON (message has line:column). */
int config_load(const char *path, lo_config **out, lo_error *err);
/* The same from memory; name is used in messages. */
int config_load_buffer(const char *buf, size_t len, const char *name, lo_config **out,
		       lo_error *err);
/* The built-in defaults: every field of the table with its default. */
lo_config *config_new_defaults(void);
/* A release's defaults: RELEASE is a directory holding config.json; NULL
 * gives the built-in defaults.  An archive is refused with a hint. */
int config_load_release(const char *release, lo_config **out, lo_error *err);
lo_config *config_copy(const lo_config *cfg);
void config_free(lo_config *cfg);

/* The document (borrowed; do not change it behind the model's back). */
json_t *config_json(const lo_config *cfg);
const char *config_path(const lo_config *cfg);   /* NULL when not from a file */
bool config_dirty(const lo_config *cfg);

/* ---- queries; a path is dotted, "a.b.c" ---- */

json_t *config_get(const lo_config *cfg, const char *path);   /* borrowed or NULL */
const char *config_get_string(const lo_config *cfg, const char *path); /* NULL if absent */
bool config_get_bool(const lo_config *cfg, const char *path, bool *out);
bool config_get_int(const lo_config *cfg, const char *path, long long *out);
/* A secret field as lo_secret (caller frees); NULL when absent or empty. */
lo_secret *config_get_secret(const lo_config *cfg, const char *path);
/* webhooks_endpoint as a URL: a bare host reads as https://HOST; NULL when unset. */
char *config_webhooks_url(const lo_config *cfg);

/* ---- changes; they create missing objects and mark the model dirty ---- */

int config_set_string(lo_config *cfg, const char *path, const char *value, lo_error *err);
int config_set_bool(lo_config *cfg, const char *path, bool value, lo_error *err);
int config_set_int(lo_config *cfg, const char *path, long long value, lo_error *err);
int config_set_secret(lo_config *cfg, const char *path, const lo_secret *value, lo_error *err);
/* Steals value. */
int config_set_json(lo_config *cfg, const char *path, json_t *value, lo_error *err);
/* Remove a key; true when it was there. */
bool config_unset(lo_config *cfg, const char *path);

/* ---- validation ---- */

/* Every problem, not just the first; returns the number of errors. */
size_t config_validate(const lo_config *cfg, struct config_problems *out);

/* ---- output ---- */

/* A deep copy with every secret replaced by SECRET_MASK (caller decrefs). */
json_t *config_masked(const lo_config *cfg);
/* The text config_write would put in the file: 2-space indent, key order kept. */
char *config_serialize(const lo_config *cfg);

/* Write atomically: a temp file in the same directory, fsync, the old file
 * kept as PATH.bak, rename, fsync of the directory; mode 0600.  A symbolic
 * link at PATH is refused.  When the bytes would not change nothing is
 * written and *written (if given) is false.  On failure the old file is
 * intact and err says which step failed. */
int config_write(lo_config *cfg, const char *path, bool *written, lo_error *err);

/* Fault injection for the tests: when set, called before each step of a
 * write ("tmpfile", "write", "fsync", "backup", "rename", "dirsync"); a
 * nonzero return is treated as that step failing with that errno. */
extern int (*config_write_fault)(const char *step);

/* ---- differences and the upgrade merge ---- */

enum config_change_kind { CONFIG_ADDED, CONFIG_REMOVED, CONFIG_CHANGED };

struct config_change {
	enum config_change_kind kind;
	char *path;
	char *old_value;   /* compact JSON, masked when secret; NULL when added */
	char *new_value;   /* compact JSON, masked when secret; NULL when removed */
};

struct config_changes {
	struct config_change *v;
	size_t n, cap;
};

void config_changes_free(struct config_changes *c);

/* What differs from old to new, key by key (arrays compare whole). */
void config_diff(const lo_config *old_cfg, const lo_config *new_cfg, struct config_changes *out);

/* The upgrade merge: the user's file with the release's new keys added at
 * their defaults.  User values win; keys the release dropped are kept.
 * changes lists ADDED (new in the release), REMOVED (the release no longer
 * has it; kept) and CHANGED (the user's value differs from the release's
 * default; the user's value is kept). */
lo_config *config_merge(const lo_config *user, const lo_config *release_defaults,
			struct config_changes *changes);

#endif
