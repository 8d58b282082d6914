/* theme.h - colours by meaning, not by colour.
 *
 * One X-macro expands into the enum and the pair table.  Without colour
 * (--no-color, NO_COLOR, or a terminal without it) every meaning maps to
 * plain attributes, so the screen still reads in monochrome. */
#ifndef LO_UI_THEME_H
#define LO_UI_THEME_H

#include <stdbool.h>

/*       meaning         fg             bg            mono attribute */
#define THEME_ROLES(X) \
	X(TITLE,          COLOR_WHITE,   COLOR_BLUE,   A_REVERSE) \
	X(NORMAL,         -1,            -1,           A_NORMAL) \
	X(DIM,            COLOR_CYAN,    -1,           A_DIM) \
	X(STEP_CURRENT,   COLOR_BLACK,   COLOR_CYAN,   A_REVERSE) \
	X(STEP_PENDING,   -1,            -1,           A_NORMAL) \
	X(STATUS_OK,      COLOR_GREEN,   -1,           A_BOLD) \
	X(STATUS_WARN,    COLOR_YELLOW,  -1,           A_BOLD) \
	X(STATUS_FAIL,    COLOR_RED,     -1,           A_BOLD | A_UNDERLINE) \
	X(KEY_HINT,       COLOR_BLACK,   COLOR_WHITE,  A_REVERSE)

enum theme_role {
#define THEME_ENUM(name, fg, bg, mono) ROLE_##name,
	THEME_ROLES(THEME_ENUM)
#undef THEME_ENUM
	ROLE_COUNT
};

void theme_init(bool want_color);
int theme_attr(enum theme_role role);

#endif
