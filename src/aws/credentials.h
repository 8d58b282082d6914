/* credentials.h - one set of AWS credentials, and where it came from.
 *
 * The shared type between the credential chain (creds_*.c), which finds
 * credentials the way the AWS CLI does, and the signer (sigv4.c), which
 * uses them.  The secret key and the session token are lo_secret: they
 * are never printed, and are wiped when freed.  The access key id is not
 * secret on its own (AWS shows it in consoles and logs), but liftoff still
 * shows at most its last four characters. */
#ifndef LO_AWS_CREDENTIALS_H
#define LO_AWS_CREDENTIALS_H

#include <stdbool.h>
#include <time.h>

#include "core/secret.h"

typedef struct aws_credentials {
	char *access_key_id;
	lo_secret *secret_access_key;
	lo_secret *session_token;   /* NULL for long-term keys */
	time_t expiration;          /* 0: does not expire */
	char *source;               /* where they came from, e.g. "environment",
				       "shared-credentials-file (profile prod)",
				       "assume-role", "imds"; safe to show */
} aws_credentials;

void aws_credentials_free(aws_credentials *c);          /* frees members, wipes secrets */
void aws_credentials_copy(aws_credentials *dst, const aws_credentials *src);
/* True when the credentials expire within margin_seconds of now. */
bool aws_credentials_expiring(const aws_credentials *c, time_t now, int margin_seconds);

#endif
