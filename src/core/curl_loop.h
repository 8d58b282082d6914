/* curl_loop.h - a libcurl multi handle driven by the event loop.
 *
 * libcurl tells us which sockets to watch (CURLMOPT_SOCKETFUNCTION) and
 * when to wake it (CURLMOPT_TIMERFUNCTION); this hands both to the loop
 * and calls curl_multi_socket_action when they fire.  After every action
 * it calls the owner's progress function, which reads finished transfers
 * with curl_multi_info_read.  The AWS client and the plain HTTPS GET of
 * the SSO checks both sit on it, so there is one way to run libcurl here. */
#ifndef LO_CURL_LOOP_H
#define LO_CURL_LOOP_H

#include <stdbool.h>

#include <curl/curl.h>

#include "core/loop.h"

typedef void (*curl_loop_progress)(void *arg);

struct curl_loop {
	lo_loop *loop;
	CURLM *multi;
	unsigned timer;
	bool closing;           /* no new timers once the owner is closing */
	curl_loop_progress progress;
	void *arg;
};

void curl_loop_init(struct curl_loop *cl, lo_loop *loop, curl_loop_progress progress, void *arg);
/* Let libcurl start what was just added (from the loop, not from a caller). */
void curl_loop_kick(struct curl_loop *cl);
/* Closing: transfers may still be removed, but no timer is set again. */
void curl_loop_close(struct curl_loop *cl);
/* Cancel the timer and free the multi handle. */
void curl_loop_cleanup(struct curl_loop *cl);

#endif
