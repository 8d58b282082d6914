/* log.h - diagnostics on stderr, gated by -q / -v.
 *
 * Levels: errors always print; warnings print unless -q; each -v adds a
 * level (info, then debug, then trace).  A front end that owns the screen (the
 * ncurses UI) installs a sink so messages land in its log pane instead of
 * tearing the display.  Callers pass no secret here; lo_secret has no
 * printf form on purpose. */
#ifndef LO_LOG_H
#define LO_LOG_H

enum lo_log_level { LO_LOG_ERROR, LO_LOG_WARN, LO_LOG_INFO, LO_LOG_DEBUG, LO_LOG_TRACE };

typedef void (*lo_log_sink)(enum lo_log_level level, const char *msg, void *arg);

void log_set_level(int level);
int log_get_level(void);
void log_set_sink(lo_log_sink sink, void *arg);  /* NULL restores stderr */
void lo_log(enum lo_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_error(...) lo_log(LO_LOG_ERROR, __VA_ARGS__)
#define log_warn(...) lo_log(LO_LOG_WARN, __VA_ARGS__)
#define log_info(...) lo_log(LO_LOG_INFO, __VA_ARGS__)
#define log_debug(...) lo_log(LO_LOG_DEBUG, __VA_ARGS__)
#define log_trace(...) lo_log(LO_LOG_TRACE, __VA_ARGS__)

#endif
