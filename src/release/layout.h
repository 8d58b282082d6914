/* layout.h - what a Spacelift self-hosted release must contain.
 *
 * One table (layout.c) serves both an archive's entry set, before
 * anything is written, and an extracted directory. */
#ifndef LO_RELEASE_LAYOUT_H
#define LO_RELEASE_LAYOUT_H

#include "release/release.h"

/* The first line of a version file, trimmed, or NULL if it is not a
 * plausible version (empty, too long, control characters). */
char *layout_version_line(const char *text);

/* The layout items missing from set, as a NULL-terminated list
 * (directories with a trailing slash). */
char **layout_missing_in_set(struct release_entries *set);

#endif
