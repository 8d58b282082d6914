/* fuzz-config.c - libFuzzer harness: load config.json from memory,
 * validate it, mask it, diff and merge it against the built-in defaults,
 * and serialize it.  Anything a user can put in the file goes through
 * every rule (ARNs, URLs, SAML XML, base64 PEM, tags).  Built only with
 * ./configure CC=clang --enable-fuzzing. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "config/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lo_config *cfg = NULL;
	lo_error err = LO_ERROR_INIT;
	if (config_load_buffer((const char *)data, size, "fuzz", &cfg, &err) != 0) {
		lo_error_clear(&err);
		return 0;
	}
	struct config_problems p = { NULL, 0, 0 };
	config_validate(cfg, &p);
	for (size_t i = 0; i < p.n; i++) {
		/* every problem must be printable with --json */
		json_t *j = json_pack("{s:s, s:s, s:s?}", "path", p.v[i].path,
				      "message", p.v[i].message, "hint", p.v[i].hint);
		if (!j)
			abort();
		json_decref(j);
	}
	config_problems_free(&p);

	json_decref(config_masked(cfg));
	free(config_serialize(cfg));

	lo_config *defaults = config_new_defaults();
	struct config_changes ch = { NULL, 0, 0 };
	config_free(config_merge(cfg, defaults, &ch));
	config_changes_free(&ch);
	config_diff(defaults, cfg, &ch);
	config_changes_free(&ch);
	config_free(defaults);
	config_free(cfg);
	return 0;
}
