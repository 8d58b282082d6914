/* acm_candidates.h - which ACM certificates could serve spacelift_hostname:
 * for the wizard's certificate step and acm.certificate's hint.  See
 * check_acm.c. */
#ifndef LO_CHECKS_ACM_CANDIDATES_H
#define LO_CHECKS_ACM_CANDIDATES_H

#include <jansson.h>

#include "aws/client.h"

/* ListCertificates for every key type, every page (NextToken); body is
 * the JSON text the request points at (free it after starting). */
void acm_list_certificates_request(struct aws_request *req, char **body);

/* Blocking (aws_call_sync: never from a callback on the client's loop):
 * the client region's certificates that cover hostname, best first, as
 * eval_acm_candidates ranks them (*out: a new array of
 * CertificateSummary objects).  An lo_exit code; detail may be NULL. */
int acm_covering_certificates(aws_client *client, const char *hostname, json_t **out,
			      struct aws_error *detail, lo_error *err);

#endif
