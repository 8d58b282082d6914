/* loop.c - see loop.h.
 *
 * Watches live in a small array (liftoff watches tens of descriptors, not
 * thousands); timers in an unsorted array scanned for the earliest.  A
 * dispatch round snapshots the pollfd set, so callbacks that change the
 * watch list never see a stale entry: each watch carries a generation and
 * an entry removed during the round is skipped. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/loop.h"
#include "core/util.h"

struct fd_watch {
	int fd;
	short events;
	lo_fd_cb cb;
	void *arg;
	unsigned gen;
};

struct timer {
	unsigned id;
	long long due;
	lo_timer_cb cb;
	void *arg;
};

struct signal_watch {
	int signo;
	lo_signal_cb cb;
	void *arg;
	struct sigaction old;
};

struct lo_loop {
	struct fd_watch *fds;
	size_t nfds, capfds;
	struct timer *timers;
	size_t ntimers, captimers;
	struct signal_watch sigs[NSIG];
	bool sig_watched[NSIG];
	unsigned next_timer_id;
	unsigned next_gen;
	bool stopped;
};

/* Signal plumbing: one process-wide self-pipe, a flag per signal. */
static volatile sig_atomic_t signal_pending[NSIG];
static int self_pipe[2] = { -1, -1 };
static lo_loop *signal_owner;

static void on_signal(int signo)
{
	int saved = errno;
	signal_pending[signo] = 1;
	if (self_pipe[1] >= 0) {
		char b = (char)signo;
		ssize_t r = write(self_pipe[1], &b, 1);
		(void)r;
	}
	errno = saved;
}

long long loop_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

lo_loop *loop_new(void)
{
	lo_loop *loop = xcalloc(1, sizeof *loop);
	loop->next_timer_id = 1;
	return loop;
}

static void close_self_pipe(void)
{
	for (int i = 0; i < 2; i++) {
		if (self_pipe[i] >= 0)
			close(self_pipe[i]);
		self_pipe[i] = -1;
	}
}

void loop_free(lo_loop *loop)
{
	if (!loop)
		return;
	for (int s = 1; s < NSIG; s++)
		if (loop->sig_watched[s])
			loop_unwatch_signal(loop, s);
	if (signal_owner == loop) {
		close_self_pipe();
		signal_owner = NULL;
	}
	free(loop->fds);
	free(loop->timers);
	free(loop);
}

static struct fd_watch *find_fd(lo_loop *loop, int fd)
{
	for (size_t i = 0; i < loop->nfds; i++)
		if (loop->fds[i].fd == fd)
			return &loop->fds[i];
	return NULL;
}

void loop_watch_fd(lo_loop *loop, int fd, short events, lo_fd_cb cb, void *arg)
{
	struct fd_watch *w = find_fd(loop, fd);
	if (!w) {
		if (loop->nfds == loop->capfds) {
			loop->capfds = loop->capfds ? loop->capfds * 2 : 8;
			loop->fds = xrealloc(loop->fds, loop->capfds * sizeof *loop->fds);
		}
		w = &loop->fds[loop->nfds++];
	}
	*w = (struct fd_watch){ fd, events, cb, arg, ++loop->next_gen };
}

bool loop_update_fd(lo_loop *loop, int fd, short events)
{
	struct fd_watch *w = find_fd(loop, fd);
	if (w)
		w->events = events;
	return w != NULL;
}

void loop_unwatch_fd(lo_loop *loop, int fd)
{
	struct fd_watch *w = find_fd(loop, fd);
	if (!w)
		return;
	*w = loop->fds[--loop->nfds];
}

unsigned loop_add_timer(lo_loop *loop, long ms, lo_timer_cb cb, void *arg)
{
	if (loop->ntimers == loop->captimers) {
		loop->captimers = loop->captimers ? loop->captimers * 2 : 8;
		loop->timers = xrealloc(loop->timers, loop->captimers * sizeof *loop->timers);
	}
	unsigned id = loop->next_timer_id++;
	if (loop->next_timer_id == 0)
		loop->next_timer_id = 1;
	loop->timers[loop->ntimers++] =
		(struct timer){ id, loop_now_ms() + (ms > 0 ? ms : 0), cb, arg };
	return id;
}

void loop_cancel_timer(lo_loop *loop, unsigned id)
{
	for (size_t i = 0; i < loop->ntimers; i++) {
		if (loop->timers[i].id == id) {
			loop->timers[i] = loop->timers[--loop->ntimers];
			return;
		}
	}
}

static bool ensure_self_pipe(lo_loop *loop)
{
	if (self_pipe[0] >= 0)
		return signal_owner == loop;
	if (pipe2(self_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
		return false;
	signal_owner = loop;
	return true;
}

bool loop_watch_signal(lo_loop *loop, int signo, lo_signal_cb cb, void *arg)
{
	if (signo <= 0 || signo >= NSIG || !ensure_self_pipe(loop))
		return false;
	struct signal_watch *sw = &loop->sigs[signo];
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	if (sigaction(signo, &sa, loop->sig_watched[signo] ? NULL : &sw->old) != 0)
		return false;
	sw->signo = signo;
	sw->cb = cb;
	sw->arg = arg;
	loop->sig_watched[signo] = true;
	return true;
}

void loop_unwatch_signal(lo_loop *loop, int signo)
{
	if (signo <= 0 || signo >= NSIG || !loop->sig_watched[signo])
		return;
	sigaction(signo, &loop->sigs[signo].old, NULL);
	loop->sig_watched[signo] = false;
	signal_pending[signo] = 0;
}

static int dispatch_signals(lo_loop *loop)
{
	char drain[64];
	while (read(self_pipe[0], drain, sizeof drain) > 0)
		;
	int ran = 0;
	for (int s = 1; s < NSIG; s++) {
		if (!signal_pending[s])
			continue;
		signal_pending[s] = 0;
		if (loop->sig_watched[s] && loop->sigs[s].cb) {
			loop->sigs[s].cb(loop, s, loop->sigs[s].arg);
			ran++;
		}
	}
	return ran;
}

static int dispatch_timers(lo_loop *loop)
{
	int ran = 0;
	long long now = loop_now_ms();
	/* Run due timers in due order; each is removed before its callback. */
	for (;;) {
		size_t best = loop->ntimers;
		for (size_t i = 0; i < loop->ntimers; i++)
			if (loop->timers[i].due <= now &&
			    (best == loop->ntimers || loop->timers[i].due < loop->timers[best].due))
				best = i;
		if (best == loop->ntimers)
			return ran;
		struct timer t = loop->timers[best];
		loop->timers[best] = loop->timers[--loop->ntimers];
		t.cb(loop, t.arg);
		ran++;
	}
}

static int next_timeout(lo_loop *loop, int max_wait_ms)
{
	if (loop->ntimers == 0)
		return max_wait_ms;
	long long now = loop_now_ms(), earliest = loop->timers[0].due;
	for (size_t i = 1; i < loop->ntimers; i++)
		if (loop->timers[i].due < earliest)
			earliest = loop->timers[i].due;
	long long wait = earliest - now;
	if (wait < 0)
		wait = 0;
	if (max_wait_ms >= 0 && wait > max_wait_ms)
		wait = max_wait_ms;
	return (int)wait;
}

int loop_run_once(lo_loop *loop, int max_wait_ms)
{
	size_t n = loop->nfds;
	bool with_signals = signal_owner == loop && self_pipe[0] >= 0;
	struct pollfd *pfd = xcalloc(n + 1, sizeof *pfd);
	unsigned *gens = xcalloc(n + 1, sizeof *gens);
	for (size_t i = 0; i < n; i++) {
		pfd[i] = (struct pollfd){ loop->fds[i].fd, loop->fds[i].events, 0 };
		gens[i] = loop->fds[i].gen;
	}
	if (with_signals)
		pfd[n] = (struct pollfd){ self_pipe[0], POLLIN, 0 };

	int ran = 0;
	int rc = poll(pfd, n + (with_signals ? 1 : 0), next_timeout(loop, max_wait_ms));
	if (rc > 0 && with_signals && (pfd[n].revents & POLLIN))
		ran += dispatch_signals(loop);
	for (size_t i = 0; rc > 0 && i < n; i++) {
		if (!pfd[i].revents)
			continue;
		struct fd_watch *w = find_fd(loop, pfd[i].fd);
		if (!w || w->gen != gens[i])
			continue; /* removed or replaced by an earlier callback */
		w->cb(loop, pfd[i].fd, pfd[i].revents, w->arg);
		ran++;
	}
	ran += dispatch_timers(loop);
	free(pfd);
	free(gens);
	return ran;
}

void loop_run(lo_loop *loop)
{
	loop->stopped = false;
	while (!loop->stopped) {
		bool any_signal = false;
		for (int s = 1; s < NSIG && !any_signal; s++)
			any_signal = loop->sig_watched[s];
		if (loop->nfds == 0 && loop->ntimers == 0 && !any_signal)
			break;
		loop_run_once(loop, -1);
	}
}

void loop_stop(lo_loop *loop)
{
	loop->stopped = true;
}

bool loop_stopped(const lo_loop *loop)
{
	return loop->stopped;
}
