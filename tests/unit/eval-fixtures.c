/* eval-fixtures.c - see eval-fixtures.h.  The fixtures live in
 * the source tree; make check runs in the build tree and passes
 * top_srcdir in the environment. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "eval-fixtures.h"

char *fixture_read(const char *name)
{
	const char *top = getenv("top_srcdir");
	char *path = xasprintf("%s/tests/data/eval/%s", top ? top : ".", name);
	char *text = read_file_all(path, NULL);
	if (!text)
		bail_out("cannot open fixture %s (is top_srcdir set?)", path);
	free(path);
	return text;
}

bool verdict_mentions(const struct eval_verdict *v, const char *needle)
{
	if ((v->detail && strstr(v->detail, needle)) || (v->hint && strstr(v->hint, needle)))
		return true;
	if (!v->data)
		return false;
	char *dump = json_dumps(v->data, JSON_ENCODE_ANY);
	bool found = dump && strstr(dump, needle);
	free(dump);
	return found;
}
