/* tty.c - see tty.h. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/tty.h"
#include "core/util.h"

bool tty_can_ask(void)
{
	if (!isatty(STDIN_FILENO))
		return false;
	int fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

static char *read_line(int fd)
{
	strbuf sb = STRBUF_INIT;
	char c;
	ssize_t n;
	while ((n = read(fd, &c, 1)) == 1 && c != '\n')
		sb_append_char(&sb, c);
	if (n <= 0 && sb.len == 0) {
		sb_free(&sb);
		return NULL;
	}
	if (sb.len && sb.buf[sb.len - 1] == '\r')
		sb.buf[--sb.len] = '\0';
	return sb_detach(&sb);
}

char *tty_ask_line(const char *question, bool echo)
{
	if (!tty_can_ask())
		return NULL;
	int fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct termios saved, quiet;
	bool hide = !echo && tcgetattr(fd, &saved) == 0;
	if (hide) {
		quiet = saved;
		quiet.c_lflag &= (tcflag_t)~ECHO;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	ssize_t w = write(fd, question, strlen(question));
	(void)w;
	char *line = read_line(fd);
	if (hide) {
		tcsetattr(fd, TCSAFLUSH, &saved);
		w = write(fd, "\n", 1);
	}
	close(fd);
	return line;
}

bool tty_confirm(const char *question)
{
	char *answer = tty_ask_line(question, true);
	/* English answers always work; a translation may add its own. */
	bool yes = answer && (strcasecmp(answer, "y") == 0 || strcasecmp(answer, "yes") == 0 ||
			      strcasecmp(answer, _("y")) == 0 || strcasecmp(answer, _("yes")) == 0);
	free(answer);
	return yes;
}
