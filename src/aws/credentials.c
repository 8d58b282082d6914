/* credentials.c - see credentials.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aws/credentials.h"
#include "core/util.h"

void aws_credentials_free(aws_credentials *c)
{
	if (!c)
		return;
	free(c->access_key_id);
	secret_free(c->secret_access_key);
	secret_free(c->session_token);
	free(c->source);
	memset(c, 0, sizeof *c);
}

void aws_credentials_copy(aws_credentials *dst, const aws_credentials *src)
{
	dst->access_key_id = src->access_key_id ? xstrdup(src->access_key_id) : NULL;
	dst->secret_access_key = secret_dup(src->secret_access_key);
	dst->session_token = secret_dup(src->session_token);
	dst->expiration = src->expiration;
	dst->source = src->source ? xstrdup(src->source) : NULL;
}

bool aws_credentials_expiring(const aws_credentials *c, time_t now, int margin_seconds)
{
	return c->expiration != 0 && c->expiration - margin_seconds <= now;
}
