/* eval_acm.h - acm.certificate: is load_balancer.certificate_arn usable
 * for spacelift_hostname?  And which certificates could be?  See
 * eval_acm.c. */
#ifndef LO_CHECKS_EVAL_ACM_H
#define LO_CHECKS_EVAL_ACM_H

#include "checks/eval.h"

struct eval_acm_input {
	const char *certificate_arn;  /* load_balancer.certificate_arn */
	bool found;                   /* DescribeCertificate found it */
	const json_t *certificate;    /* DescribeCertificate's "Certificate" object */
	const char *region;           /* aws_region */
	const char *account;          /* the caller's account id (GetCallerIdentity) */
	const char *hostname;         /* spacelift_hostname */
	time_t now;
};

void eval_acm_certificate(const struct eval_acm_input *in, struct eval_verdict *v);

/* Does a certificate name (a domain, or "*.domain") cover hostname?
 * Case-insensitive; a wildcard covers exactly one more label. */
bool eval_acm_name_covers(const char *name, const char *hostname);

/* ListCertificates' CertificateSummaryList, filtered to those covering
 * hostname, best first: usable ISSUED ones by latest expiry, then pending
 * ones, then the rest.  A new array of the same objects. */
json_t *eval_acm_candidates(const json_t *summaries, const char *hostname, time_t now);

#endif
