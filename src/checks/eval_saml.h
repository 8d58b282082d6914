/* eval_saml.h - sso.saml: the identity provider's metadata.  See
 * eval_saml.c. */
#ifndef LO_CHECKS_EVAL_SAML_H
#define LO_CHECKS_EVAL_SAML_H

#include <stddef.h>

#include "checks/eval.h"

/* xml: the metadata document (len bytes; need not be NUL-terminated);
 * name_id_format: sso_config.saml_args.name_id_format ("TRANSIENT",
 * "EMAIL_ADDRESS", "PERMANENT"; NULL or "" means TRANSIENT). */
void eval_saml_metadata(const char *xml, size_t len, const char *name_id_format, time_t now,
			struct eval_verdict *v);

/* The SAML URN of a name_id_format value; NULL for an unknown one. */
const char *eval_saml_name_id_urn(const char *name_id_format);

#endif
