/* theme.c - see theme.h. */
#include "config.h"

#include <curses.h>

#include "theme.h"

struct role_style {
	short fg, bg;
	int mono;
};

static const struct role_style role_styles[ROLE_COUNT] = {
#define THEME_ROW(name, f, b, m) [ROLE_##name] = { f, b, m },
	THEME_ROLES(THEME_ROW)
#undef THEME_ROW
};

static bool color_on;

void theme_init(bool want_color)
{
	color_on = want_color && has_colors() && start_color() == OK;
	if (!color_on)
		return;
	use_default_colors();
	for (int r = 0; r < ROLE_COUNT; r++)
		init_pair((short)(r + 1), role_styles[r].fg, role_styles[r].bg);
}

int theme_attr(enum theme_role role)
{
	if (!color_on)
		return role_styles[role].mono;
	int bold = role_styles[role].mono & A_BOLD;
	return COLOR_PAIR(role + 1) | bold;
}
