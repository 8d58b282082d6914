/* log.c - see log.h. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/log.h"
#include "core/util.h"

static int current_level = LO_LOG_INFO;
static lo_log_sink current_sink;
static void *current_sink_arg;

void log_set_level(int level)
{
	current_level = level;
}

int log_get_level(void)
{
	return current_level;
}

void log_set_sink(lo_log_sink sink, void *arg)
{
	current_sink = sink;
	current_sink_arg = arg;
}

void lo_log(enum lo_log_level level, const char *fmt, ...)
{
	if ((int)level > current_level)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (current_sink)
		current_sink(level, msg, current_sink_arg);
	else
		fprintf(stderr, "liftoff: %s\n", msg);
	free(msg);
}
