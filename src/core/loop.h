/* loop.h - the one event loop: poll() over file descriptors, timers and
 * signals.  No threads.
 *
 * Everything that waits goes through here: keys on stdin, child process
 * pipes and ptys, libcurl multi sockets (see aws/), timers, and signals.
 * A signal handler only records the signal and writes one byte to a
 * self-pipe; the callback runs later from loop_run_once(), where any
 * function may be called.
 *
 * Callbacks may add or remove watches and timers, including their own. */
#ifndef LO_LOOP_H
#define LO_LOOP_H

#include <stdbool.h>
#include <poll.h>

typedef struct lo_loop lo_loop;

typedef void (*lo_fd_cb)(lo_loop *loop, int fd, short revents, void *arg);
typedef void (*lo_timer_cb)(lo_loop *loop, void *arg);
typedef void (*lo_signal_cb)(lo_loop *loop, int signo, void *arg);

lo_loop *loop_new(void);
void loop_free(lo_loop *loop);

/* Watch fd for POLLIN/POLLOUT.  Watching an fd again replaces its watch. */
void loop_watch_fd(lo_loop *loop, int fd, short events, lo_fd_cb cb, void *arg);
bool loop_update_fd(lo_loop *loop, int fd, short events);
void loop_unwatch_fd(lo_loop *loop, int fd);

/* One-shot timer after ms milliseconds.  Returns an id > 0. */
unsigned loop_add_timer(lo_loop *loop, long ms, lo_timer_cb cb, void *arg);
void loop_cancel_timer(lo_loop *loop, unsigned id);

/* Route a signal (SIGWINCH, SIGCHLD, SIGINT, SIGTERM, SIGHUP...) into the
 * loop.  Returns false if the handler could not be installed. */
bool loop_watch_signal(lo_loop *loop, int signo, lo_signal_cb cb, void *arg);
void loop_unwatch_signal(lo_loop *loop, int signo);

/* Wait at most max_wait_ms (-1: until something happens) and dispatch.
 * Returns the number of callbacks run. */
int loop_run_once(lo_loop *loop, int max_wait_ms);

/* Run until loop_stop() or until nothing is watched and no timer is set. */
void loop_run(lo_loop *loop);
void loop_stop(lo_loop *loop);
bool loop_stopped(const lo_loop *loop);

/* Milliseconds on the monotonic clock. */
long long loop_now_ms(void);

#endif
