/* ui.h - the ncurses front end's entry point.
 *
 * ui/ is a thin layer over src/: it draws what the core computes and turns
 * keys into actions.  Nothing outside ui/ includes curses. */
#ifndef LO_UI_H
#define LO_UI_H

#include "cli.h"

/* Run the command's screen on the terminal.  Returns an lo_exit code. */
int ui_run(struct lo_invocation *inv);

#endif
