/* creds_internal.h - what the credential chain's source files share.
 *
 * creds.h is the contract for the rest of liftoff; this header is the
 * chain's own plumbing, split by concern so that each source of
 * credentials is a small file: the INI reader (creds_ini.c), the profile
 * view over the two files (creds_profile.c), the JSON answers and their
 * ISO 8601 dates (creds_json.c), child processes (creds_process.c), the
 * AWS CLI for IAM Identity Center (creds_sso.c), HTTP for ECS and IMDS
 * (creds_http.c), STS roles (creds_role.c) and the chain itself (creds.c).
 *
 * Every source answers with enum creds_found: FOUND (out filled), NONE
 * (not configured here: the chain goes on) or ERROR (configured but
 * broken: the chain stops, as botocore's providers raise).  The unit tests
 * include this header to reach the pieces and the test hooks at the end. */
#ifndef LO_AWS_CREDS_INTERNAL_H
#define LO_AWS_CREDS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "aws/creds.h"

enum creds_found {
	CREDS_FOUND = 0,
	CREDS_NONE,
	CREDS_ERROR,
};

/* ---- INI files (creds_ini.c) ---- */

struct ini_entry {
	char *key;              /* lower-cased, as configparser does */
	char *value;            /* NULL when the key holds a secret */
	lo_secret *secret;      /* aws_secret_access_key and the session tokens */
	struct ini_entry *sub;  /* an indented block under "key =" */
	size_t nsub;
};

struct ini_section {
	char *name;             /* as written between the brackets, trimmed */
	struct ini_entry *entries;
	size_t n;
};

struct ini_file {
	struct ini_section *sections;
	size_t n;
};

/* Parse text (not NUL-terminated necessarily); path is for messages. */
int ini_parse(const char *text, size_t len, const char *path, struct ini_file *out,
	      lo_error *err);
/* Load a file; a missing file is an empty ini_file and *found = false. */
int ini_load(const char *path, struct ini_file *out, bool *found, lo_error *err);
void ini_free(struct ini_file *ini);
const struct ini_entry *ini_entry_find(const struct ini_section *sec, const char *key);
const char *ini_nested_value(const struct ini_entry *e, const char *subkey);
bool ini_key_is_secret(const char *key);

/* ---- the config and credentials files as profiles (creds_profile.c) ---- */

struct creds_files {
	struct ini_file config;
	struct ini_file credentials;
	char *config_path;
	char *credentials_path;
};

/* One profile seen through both files: credentials-file keys win, as in
 * botocore's Session.full_config. */
struct creds_profile {
	const char *name;
	const struct ini_section *config;       /* [profile name] or [default] */
	const struct ini_section *credentials;  /* [name] */
};

int creds_files_load(struct creds_files *f, lo_error *err);
void creds_files_free(struct creds_files *f);
/* false when the profile is in neither file. */
bool creds_files_profile(const struct creds_files *f, const char *name, struct creds_profile *out);
const char *creds_profile_get(const struct creds_profile *p, const char *key);
const lo_secret *creds_profile_secret(const struct creds_profile *p, const char *key);
bool creds_profile_has(const struct creds_profile *p, const char *key);
/* [sso-session name] and [services name] sections of the config file. */
const struct ini_section *creds_files_sso_session(const struct creds_files *f, const char *name);
const struct ini_section *creds_files_services(const struct creds_files *f, const char *name);
/* ~ and $VAR expansion of AWS_CONFIG_FILE and friends (expanduser, expandvars). */
char *creds_expand_path(const char *path);

/* ---- JSON answers and dates (creds_json.c) ---- */

/* Parse an ISO 8601 UTC time ("2026-11-28T10:00:00Z", fractions, offsets). */
bool creds_parse_time(const char *s, time_t *out);

/* Parse a credential JSON document.  token_key is "SessionToken"
 * (credential_process, SSO) or "Token" (ECS, IMDS); version_required asks
 * for "Version": 1.  what names the source in messages.  Never quotes the
 * document in an error. */
int creds_from_json(const char *text, size_t len, const char *token_key, bool version_required,
		    bool token_required, const char *what, aws_credentials *out, lo_error *err);

/* ---- child processes (creds_process.c) ---- */

/* POSIX shell-style word splitting as Python's shlex.split does.  Returns
 * a NULL-terminated vector, or NULL with *why set on unbalanced quotes. */
char **creds_shlex_split(const char *s, const char **why);
void creds_argv_free(char **argv);

struct creds_run {
	int status;          /* exit status, or -1 when it did not exit normally */
	strbuf out;          /* stdout (may hold secrets: creds_run_free wipes it) */
	strbuf err;          /* stderr */
};

/* Run argv[0] found on PATH, no shell, stdin inherited; returns false
 * with err set (LO_EXIT_ENV) when it cannot be started; *missing is set
 * when the program does not exist. */
bool creds_run(const char *const argv[], struct creds_run *r, bool *missing, lo_error *err);
void creds_run_free(struct creds_run *r);
/* A short, single-line excerpt of a child's stderr with anything that
 * looks like a key or token masked. */
char *creds_safe_excerpt(const char *text);

int creds_from_process(const struct creds_profile *p, aws_credentials *out, lo_error *err);

/* ---- IAM Identity Center through the AWS CLI v2 (creds_sso.c) ---- */

bool creds_profile_is_sso(const struct creds_profile *p);
int creds_from_sso(const struct creds_files *f, const struct creds_profile *p,
		   aws_credentials *out, lo_error *err);

/* ---- ECS and IMDS (creds_http.c) ---- */

int creds_from_container(aws_credentials *out, lo_error *err);
/* p: the profile whose config-file keys may tune IMDS (may be NULL). */
int creds_from_imds(const struct creds_profile *p, aws_credentials *out, lo_error *err);

/* ---- STS roles (creds_role.c) ---- */

struct creds_role_ctx {
	const struct creds_files *files;
	const struct creds_options *opts;
	creds_sts_call sts;
	void *sts_ctx;
	const char *region;
	bool explicit_profile;     /* --profile given: environment keys skipped */
};

bool creds_profile_is_role(const struct creds_profile *p);
int creds_from_role(const struct creds_role_ctx *ctx, const struct creds_profile *p,
		    aws_credentials *out, lo_error *err);
/* Web identity: the environment (unless explicit_profile), then the profile. */
int creds_from_web_identity(const struct creds_role_ctx *ctx, const struct creds_profile *p,
			    aws_credentials *out, lo_error *err);

/* The parts of the chain that a source profile can use (botocore's
 * ProfileProviderBuilder with environment variables off). */
int creds_from_profile_chain(const struct creds_role_ctx *ctx, const struct creds_profile *p,
			     aws_credentials *out, lo_error *err);
int creds_from_env(aws_credentials *out, lo_error *err);
int creds_from_static(const struct creds_profile *p, bool credentials_file,
		      aws_credentials *out, lo_error *err);

/* ---- the clock and test hooks ---- */

time_t creds_now(void);
/* Tests: a clock of their own (NULL: time()). */
void creds_set_clock(time_t (*now)(void));
/* Tests: the pause between ECS attempts, in milliseconds (botocore: 1000),
 * and the address that a relative URI is appended to (NULL: the real
 * http://169.254.170.2). */
void creds_set_container_retry_delay(long ms);
void creds_set_container_base(const char *base);

/* The refresh windows, as botocore's RefreshableCredentials. */
#define CREDS_ADVISORY_REFRESH (15 * 60)
#define CREDS_MANDATORY_REFRESH (10 * 60)

#endif
