/* tui.c - the terminal session: start and restore curses, route keys and
 * signals through the one event loop, and draw the current screen.
 *
 * Keys map to actions through a table, so screens never switch on raw
 * key codes.  SIGWINCH only sets a flag (through the loop); the redraw
 * happens here.  Whatever happens, endwin() runs before liftoff exits, so
 * the admin's terminal is given back as it was. */
#include "config.h"

#include <curses.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/loop.h"
#include "core/util.h"
#include "theme.h"
#include "ui.h"
#include "wizard/steps.h"

enum ui_action { ACT_NONE, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_REDRAW };

static const struct { int key; enum ui_action action; } key_table[] = {
	{ 'q', ACT_QUIT }, { 'Q', ACT_QUIT }, { 27 /* Esc */, ACT_QUIT },
	{ KEY_UP, ACT_UP }, { 'k', ACT_UP },
	{ KEY_DOWN, ACT_DOWN }, { 'j', ACT_DOWN },
	{ 12 /* ^L */, ACT_REDRAW }, { KEY_RESIZE, ACT_REDRAW },
};

struct tui {
	lo_loop *loop;
	const struct lo_invocation *inv;
	size_t selected;
	int exit_code;
	bool need_resize;
};

#define MIN_COLS 60
#define MIN_LINES 16

static enum ui_action action_for_key(int key)
{
	for (size_t i = 0; i < sizeof key_table / sizeof key_table[0]; i++)
		if (key_table[i].key == key)
			return key_table[i].action;
	return ACT_NONE;
}

static void draw_bar(int y, enum theme_role role, const char *text)
{
	attrset(theme_attr(role));
	move(y, 0);
	clrtoeol();
	for (int x = 0; x < COLS; x++)
		addch(' ');
	mvaddnstr(y, 1, text, COLS - 2);
	attrset(A_NORMAL);
}

static void draw_too_small(void)
{
	erase();
	mvaddnstr(0, 0, _("The terminal is too small for liftoff."), COLS);
	mvaddnstr(1, 0, _("Make it at least 60x16, or press q."), COLS);
}

static void draw_steps(const struct tui *t)
{
	int y = 2;
	mvaddnstr(y++, 2, _("The install wizard will take you through:"), COLS - 4);
	y++;
	for (size_t i = 0; i < wizard_step_count && y < LINES - 5; i++, y++) {
		bool current = i == t->selected;
		attrset(theme_attr(current ? ROLE_STEP_CURRENT : ROLE_STEP_PENDING));
		char *row = xasprintf("%2zu. %-16s", i + 1, _(wizard_steps[i].title));
		mvaddnstr(y, 2, row, COLS - 4);
		free(row);
		attrset(theme_attr(ROLE_DIM));
		if (COLS > 26)
			mvaddnstr(y, 24, _(wizard_steps[i].summary), COLS - 26);
		attrset(A_NORMAL);
	}
}

static void draw_welcome(const struct tui *t)
{
	erase();
	char *title = xasprintf(_("liftoff %s - Spacelift self-hosted installer"), PACKAGE_VERSION);
	draw_bar(0, ROLE_TITLE, title);
	free(title);
	draw_steps(t);
	attrset(theme_attr(ROLE_STATUS_WARN));
	char *notice = xasprintf(_("'liftoff %s' is not built yet in this version."), t->inv->cmd->name);
	mvaddnstr(LINES - 4, 2, notice, COLS - 4);
	free(notice);
	attrset(A_NORMAL);
	mvaddnstr(LINES - 3, 2, _("Today: verify, config, preflight, whoami; see liftoff --help."), COLS - 4);
	draw_bar(LINES - 1, ROLE_KEY_HINT, _("q Quit   Up/Down Move"));
}

static void redraw(struct tui *t)
{
	if (t->need_resize) {
		endwin();
		refresh();
		t->need_resize = false;
	}
	if (COLS < MIN_COLS || LINES < MIN_LINES)
		draw_too_small();
	else
		draw_welcome(t);
	refresh();
}

static void apply_action(struct tui *t, enum ui_action a)
{
	switch (a) {
	case ACT_QUIT:
		t->exit_code = LO_EXIT_USAGE; /* the wizard is not built: say so in the status */
		loop_stop(t->loop);
		break;
	case ACT_UP:
		if (t->selected > 0)
			t->selected--;
		break;
	case ACT_DOWN:
		if (t->selected + 1 < wizard_step_count)
			t->selected++;
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACT_NONE:
		break;
	}
}

static void on_keys(lo_loop *loop, int fd, short revents, void *arg)
{
	struct tui *t = arg;
	wint_t ch;
	int kind;
	while ((kind = get_wch(&ch)) != ERR && !loop_stopped(loop))
		apply_action(t, action_for_key((int)ch));
	if (!loop_stopped(loop))
		redraw(t);
}

static void on_signal(lo_loop *loop, int signo, void *arg)
{
	struct tui *t = arg;
	if (signo == SIGWINCH) {
		t->need_resize = true;
		redraw(t);
		return;
	}
	t->exit_code = LO_EXIT_INTERRUPTED;
	loop_stop(loop);
}

int ui_run(struct lo_invocation *inv)
{
	struct tui t = { .loop = loop_new(), .inv = inv, .exit_code = LO_EXIT_OK };
	if (!initscr()) {
		loop_free(t.loop);
		fputs(_("liftoff: cannot start the terminal interface (check TERM).\n"), stderr);
		return LO_EXIT_ENV;
	}
	cbreak();
	noecho();
	nodelay(stdscr, TRUE);
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	theme_init(inv->g.color);

	loop_watch_fd(t.loop, STDIN_FILENO, POLLIN, on_keys, &t);
	static const int signals[] = { SIGWINCH, SIGINT, SIGTERM, SIGHUP };
	for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++)
		loop_watch_signal(t.loop, signals[i], on_signal, &t);

	redraw(&t);
	loop_run(t.loop);

	endwin();
	loop_free(t.loop);
	if (t.exit_code == LO_EXIT_USAGE)
		fprintf(stderr, _("liftoff: '%s' is not built yet in this version.\n"), inv->cmd->name);
	return t.exit_code;
}
