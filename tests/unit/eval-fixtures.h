/* eval-fixtures.h - what the evaluator tests share: reading a
 * fixture from tests/data/eval, and searching every field of a verdict. */
#ifndef LO_EVAL_FIXTURES_H
#define LO_EVAL_FIXTURES_H

#include <stdbool.h>

#include "checks/eval.h"

/* The contents of $top_srcdir/tests/data/eval/NAME; bails out without. */
char *fixture_read(const char *name);
/* Does needle occur in the detail, the hint or the data (as JSON)? */
bool verdict_mentions(const struct eval_verdict *v, const char *needle);

#endif
