/* test-loop.c - the event loop: fds, timers, signals, and changes made
 * from inside callbacks. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "core/loop.h"
#include "tap.h"

struct log { char order[32]; int n; };

static void note(struct log *l, char c)
{
	if (l->n < (int)sizeof l->order - 1)
		l->order[l->n++] = c;
}

static void timer_a(lo_loop *loop, void *arg) { note(arg, 'a'); }
static void timer_b(lo_loop *loop, void *arg) { note(arg, 'b'); }
static void timer_c(lo_loop *loop, void *arg) { note(arg, 'c'); }

static void test_timer_order(void)
{
	lo_loop *loop = loop_new();
	struct log l = { "", 0 };
	loop_add_timer(loop, 30, timer_c, &l);
	loop_add_timer(loop, 10, timer_a, &l);
	unsigned cancelled = loop_add_timer(loop, 15, timer_b, &l);
	loop_add_timer(loop, 20, timer_b, &l);
	loop_cancel_timer(loop, cancelled);
	long long t0 = loop_now_ms();
	loop_run(loop);
	long long took = loop_now_ms() - t0;
	is_str(l.order, "abc", "timers fire in deadline order, cancelled one never");
	ok(took >= 30 && took < 1000, "loop waited for the last timer (%lld ms)", took);
	loop_free(loop);
}

struct pipe_ctx { int reads; char got[16]; int other_fd; };

static void on_readable(lo_loop *loop, int fd, short revents, void *arg)
{
	struct pipe_ctx *c = arg;
	ssize_t n = read(fd, c->got, sizeof c->got - 1);
	if (n > 0)
		c->got[n] = '\0';
	c->reads++;
	loop_unwatch_fd(loop, fd);
	/* Removing another watch from inside a callback must be safe. */
	if (c->other_fd >= 0)
		loop_unwatch_fd(loop, c->other_fd);
}

static void test_fd_watch(void)
{
	lo_loop *loop = loop_new();
	int p[2], q[2];
	if (pipe(p) || pipe(q))
		bail_out("pipe failed");
	struct pipe_ctx a = { 0, "", q[0] }, b = { 0, "", p[0] };
	loop_watch_fd(loop, p[0], POLLIN, on_readable, &a);
	loop_watch_fd(loop, q[0], POLLIN, on_readable, &b);
	is_int(loop_run_once(loop, 20), 0, "nothing readable: nothing dispatched");
	if (write(p[1], "hello", 5) != 5 || write(q[1], "x", 1) != 1)
		bail_out("write failed");
	int ran = loop_run_once(loop, 1000);
	is_int(ran, 1, "one callback ran; the watch it removed was skipped");
	is_int(a.reads + b.reads, 1, "exactly one read happened");
	ok(strcmp(a.got, "hello") == 0 || strcmp(b.got, "x") == 0, "the callback read its pipe");
	is_int(loop_run_once(loop, 10), 0, "both watches are gone");
	close(p[0]); close(p[1]); close(q[0]); close(q[1]);
	loop_free(loop);
}

static void on_sig(lo_loop *loop, int signo, void *arg)
{
	*(int *)arg = signo;
	loop_stop(loop);
}

static void test_signal(void)
{
	lo_loop *loop = loop_new();
	int got = 0;
	ok(loop_watch_signal(loop, SIGUSR1, on_sig, &got), "SIGUSR1 routed into the loop");
	raise(SIGUSR1);
	is_int(got, 0, "the handler did not run the callback itself");
	loop_run(loop);
	is_int(got, SIGUSR1, "the callback ran from the loop");
	loop_unwatch_signal(loop, SIGUSR1);
	loop_free(loop);
}

static void rearm(lo_loop *loop, void *arg)
{
	int *count = arg;
	if (++*count < 3)
		loop_add_timer(loop, 1, rearm, arg);
}

static void test_timer_from_callback(void)
{
	lo_loop *loop = loop_new();
	int count = 0;
	loop_add_timer(loop, 1, rearm, &count);
	loop_run(loop);
	is_int(count, 3, "a timer can set a new timer from its callback");
	loop_free(loop);
}

int main(void)
{
	test_timer_order();
	test_fd_watch();
	test_signal();
	test_timer_from_callback();
	return done_testing();
}
