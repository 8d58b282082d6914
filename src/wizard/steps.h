/* steps.h - the install wizard's steps, as data.
 *
 * One table of {id, title, what it asks}.  The ncurses screens, the review
 * page and the answers file all walk this table, so the order and naming of
 * steps live in exactly one place. */
#ifndef LO_WIZARD_STEPS_H
#define LO_WIZARD_STEPS_H

#include <stddef.h>

struct wizard_step {
	const char *id;       /* stable, used in answers files and tests */
	const char *title;    /* N_() marked */
	const char *summary;  /* N_() marked, one line */
};

extern const struct wizard_step wizard_steps[];
extern const size_t wizard_step_count;

const struct wizard_step *wizard_step_find(const char *id);

#endif
