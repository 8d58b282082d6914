/* creds-tests.h - what the credential chain's tests share: a private
 * temporary directory, a clean AWS environment per case, a fake STS
 * caller that records what it was asked, helper programs under
 * tests/creds/, and a check that no secret leaked into an error. */
#ifndef LO_CREDS_TESTS_H
#define LO_CREDS_TESTS_H

#include <stdbool.h>
#include <sys/types.h>

#include "aws/creds_internal.h"

/* The fake STS caller's record of its last request. */
struct tc_sts {
	int calls;
	bool fail;                 /* answer with an error */
	bool web_identity;
	char *role_arn, *session_name, *external_id, *mfa_serial, *mfa_code;
	char *token;               /* the web identity token it was given */
	char *source_key_id;       /* who asked (AssumeRole) */
	char *region;
	int duration;
};
extern struct tc_sts tc_sts;

const char *tc_dir(void);                             /* made once, removed at exit */
char *tc_path(const char *name);                      /* caller frees */
char *tc_write(const char *name, const char *text);   /* returns the path; caller frees */
/* Unset every AWS_* variable, point both files at config/credentials
 * texts (NULL: no file) and turn instance metadata off. */
void tc_env(const char *config, const char *credentials);
const char *tc_python(void);
char *tc_script(const char *name);                    /* tests/creds/NAME; caller frees */

/* creds_chain_get through a fresh chain with the fake STS.  Every error
 * it returns is checked for the fake secrets; tc_check_errors() reports. */
int tc_get(const struct creds_options *opts, aws_credentials *out, lo_error *err);
void tc_check_errors(void);
/* No known fake secret in the error's message or hint. */
bool tc_no_secret(const lo_error *err);
bool tc_has(const lo_error *err, const char *needle);  /* in message or hint */

/* Start tests/creds/fake_metadata.py MODE [AUTH]; returns its port. */
int tc_server_start(const char *mode, const char *auth, pid_t *pid);
void tc_server_stop(pid_t pid);
char *tc_read(const char *path);                       /* whole file or NULL */

#endif
