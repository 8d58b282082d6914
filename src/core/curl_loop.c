/* curl_loop.c - see curl_loop.h. */
#include "config.h"

#include <poll.h>

#include "core/curl_loop.h"

static void act(struct curl_loop *cl, curl_socket_t s, int flags)
{
	int running = 0;
	curl_multi_socket_action(cl->multi, s, flags, &running);
	cl->progress(cl->arg);
}

static void on_fd(lo_loop *loop, int fd, short revents, void *arg)
{
	int flags = 0;
	if (revents & (POLLIN | POLLHUP))
		flags |= CURL_CSELECT_IN;
	if (revents & POLLOUT)
		flags |= CURL_CSELECT_OUT;
	if (revents & (POLLERR | POLLNVAL))
		flags |= CURL_CSELECT_ERR;
	act(arg, fd, flags);
}

static int on_socket(CURL *easy, curl_socket_t s, int what, void *userp, void *socketp)
{
	struct curl_loop *cl = userp;
	if (what == CURL_POLL_REMOVE) {
		loop_unwatch_fd(cl->loop, s);
		return 0;
	}
	short ev = (short)(((what & CURL_POLL_IN) ? POLLIN : 0) |
			   ((what & CURL_POLL_OUT) ? POLLOUT : 0));
	loop_watch_fd(cl->loop, s, ev, on_fd, cl);
	return 0;
}

static void on_timer_fire(lo_loop *loop, void *arg)
{
	struct curl_loop *cl = arg;
	cl->timer = 0;
	act(cl, CURL_SOCKET_TIMEOUT, 0);
}

static int on_timer(CURLM *multi, long timeout_ms, void *userp)
{
	struct curl_loop *cl = userp;
	if (cl->timer)
		loop_cancel_timer(cl->loop, cl->timer);
	cl->timer = 0;
	if (timeout_ms >= 0 && !cl->closing)
		cl->timer = loop_add_timer(cl->loop, timeout_ms, on_timer_fire, cl);
	return 0;
}

void curl_loop_init(struct curl_loop *cl, lo_loop *loop, curl_loop_progress progress, void *arg)
{
	static bool curl_ready;
	if (!curl_ready) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		curl_ready = true;
	}
	*cl = (struct curl_loop){ .loop = loop, .progress = progress, .arg = arg };
	cl->multi = curl_multi_init();
	curl_multi_setopt(cl->multi, CURLMOPT_SOCKETFUNCTION, on_socket);
	curl_multi_setopt(cl->multi, CURLMOPT_SOCKETDATA, cl);
	curl_multi_setopt(cl->multi, CURLMOPT_TIMERFUNCTION, on_timer);
	curl_multi_setopt(cl->multi, CURLMOPT_TIMERDATA, cl);
}

void curl_loop_kick(struct curl_loop *cl)
{
	act(cl, CURL_SOCKET_TIMEOUT, 0);
}

void curl_loop_close(struct curl_loop *cl)
{
	cl->closing = true;
}

void curl_loop_cleanup(struct curl_loop *cl)
{
	cl->closing = true;
	if (cl->timer)
		loop_cancel_timer(cl->loop, cl->timer);
	cl->timer = 0;
	if (cl->multi)
		curl_multi_cleanup(cl->multi);
	cl->multi = NULL;
}
