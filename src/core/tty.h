/* tty.h - ask the admin a question on the controlling terminal.
 *
 * For commands that run without the ncurses UI but on a terminal: an MFA
 * code for an assumed role, a yes/no confirmation.  The question goes to
 * /dev/tty and the answer comes from it, so stdout stays clean for
 * --json and pipes.  Without a terminal every function refuses (returns
 * NULL or false) instead of blocking. */
#ifndef LO_TTY_H
#define LO_TTY_H

#include <stdbool.h>

/* True when liftoff can ask: it has a controlling terminal and stdin is one. */
bool tty_can_ask(void);

/* One line from the terminal, without its newline; NULL when there is no
 * terminal or the admin sent end-of-file.  echo=false hides the typing. */
char *tty_ask_line(const char *question, bool echo);

/* "y"/"yes" (any case) is yes; anything else, or no terminal, is no. */
bool tty_confirm(const char *question);

#endif
