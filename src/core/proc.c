/* proc.c - see proc.h.
 *
 * Live children sit on one intrusive list (liftoff runs tens of them, not
 * thousands).  A child is finished when it has been reaped and both of
 * its output pipes have reached end of file; only then does done run.
 * The first live child on a loop installs the SIGCHLD watch and the last
 * one removes it, so loop_run() still returns when all work is done.
 * The SIGCHLD callback reaps only our own pids (waitpid(pid, WNOHANG)),
 * never waitpid(-1), so it cannot steal another library's children. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/proc.h"

enum { OUT = 0, ERR = 1 };

struct lo_proc {
	struct lo_proc *next;
	lo_loop *loop;
	pid_t pid;
	proc_done_cb done;
	void *arg;
	int fd[2];               /* stdout, stderr read ends; -1 once closed */
	strbuf buf[2];
	bool truncated[2];
	size_t max_output;
	int in_fd;               /* stdin write end; -1 when none or done */
	char *in_data;
	size_t in_len, in_off;
	bool reaped;
	int status;              /* from waitpid */
	int spawn_errno;
	bool timed_out;
	int kill_signo;
	long timeout_ms;
	unsigned timer, kill_timer, fail_timer;
	long long started;
};

static lo_proc *live;

static bool loop_has_children(lo_loop *loop)
{
	for (lo_proc *p = live; p; p = p->next)
		if (p->loop == loop)
			return true;
	return false;
}

static void list_remove(lo_proc *p)
{
	for (lo_proc **pp = &live; *pp; pp = &(*pp)->next) {
		if (*pp == p) {
			*pp = p->next;
			break;
		}
	}
	if (!loop_has_children(p->loop))
		loop_unwatch_signal(p->loop, SIGCHLD);
}

static void close_stdin(lo_proc *p)
{
	if (p->in_fd >= 0) {
		loop_unwatch_fd(p->loop, p->in_fd);
		close(p->in_fd);
		p->in_fd = -1;
	}
	free(p->in_data);
	p->in_data = NULL;
}

static void close_stream(lo_proc *p, int i)
{
	if (p->fd[i] >= 0) {
		loop_unwatch_fd(p->loop, p->fd[i]);
		close(p->fd[i]);
		p->fd[i] = -1;
	}
}

static void release(lo_proc *p)
{
	close_stdin(p);
	close_stream(p, OUT);
	close_stream(p, ERR);
	if (p->timer)
		loop_cancel_timer(p->loop, p->timer);
	if (p->kill_timer)
		loop_cancel_timer(p->loop, p->kill_timer);
	if (p->fail_timer)
		loop_cancel_timer(p->loop, p->fail_timer);
	list_remove(p);
	sb_free(&p->buf[OUT]);
	sb_free(&p->buf[ERR]);
	free(p);
}

static void fill_result(const lo_proc *p, struct proc_result *r)
{
	memset(r, 0, sizeof *r);
	r->out = sb_str(&p->buf[OUT]);
	r->out_len = p->buf[OUT].len;
	r->err = sb_str(&p->buf[ERR]);
	r->err_len = p->buf[ERR].len;
	r->out_truncated = p->truncated[OUT];
	r->err_truncated = p->truncated[ERR];
	r->duration_ms = loop_now_ms() - p->started;
	r->timeout_ms = p->timeout_ms;
	if (p->spawn_errno) {
		r->how = PROC_SPAWN_FAILED;
		r->spawn_errno = p->spawn_errno;
	} else if (p->timed_out) {
		r->how = PROC_TIMED_OUT;
		r->signo = WIFSIGNALED(p->status) ? WTERMSIG(p->status) : p->kill_signo;
		r->exit_code = WIFEXITED(p->status) ? WEXITSTATUS(p->status) : -1;
	} else if (WIFSIGNALED(p->status)) {
		r->how = PROC_SIGNALED;
		r->signo = WTERMSIG(p->status);
		r->exit_code = -1;
	} else {
		r->how = PROC_EXITED;
		r->exit_code = WEXITSTATUS(p->status);
	}
}

static void finish(lo_proc *p)
{
	struct proc_result r;
	close_stdin(p);
	close_stream(p, OUT);
	close_stream(p, ERR);
	fill_result(p, &r);
	proc_done_cb done = p->done;
	void *arg = p->arg;
	/* Off the list before the callback, which may spawn more children. */
	list_remove(p);
	if (p->timer)
		loop_cancel_timer(p->loop, p->timer);
	if (p->kill_timer)
		loop_cancel_timer(p->loop, p->kill_timer);
	p->timer = p->kill_timer = 0;
	done(p, &r, arg);
	sb_free(&p->buf[OUT]);
	sb_free(&p->buf[ERR]);
	free(p);
}

static void maybe_finish(lo_proc *p)
{
	if (p->reaped && p->fd[OUT] < 0 && p->fd[ERR] < 0)
		finish(p);
}

static void on_output(lo_loop *loop, int fd, short revents, void *arg)
{
	lo_proc *p = arg;
	int i = fd == p->fd[OUT] ? OUT : ERR;
	char chunk[16384];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n > 0) {
			size_t room = p->max_output - p->buf[i].len;
			if ((size_t)n > room)
				p->truncated[i] = true;
			sb_append_len(&p->buf[i], chunk, (size_t)n < room ? (size_t)n : room);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		break; /* end of file or a real error: this stream is done */
	}
	(void)loop;
	(void)revents;
	close_stream(p, i);
	maybe_finish(p);
}

static void on_stdin_writable(lo_loop *loop, int fd, short revents, void *arg)
{
	lo_proc *p = arg;
	(void)loop;
	while (p->in_off < p->in_len) {
		ssize_t n = write(fd, p->in_data + p->in_off, p->in_len - p->in_off);
		if (n > 0) {
			p->in_off += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && !(revents & POLLERR))
			return;
		break; /* EPIPE: the child does not read its input; that is its business */
	}
	close_stdin(p);
}

static void on_sigchld(lo_loop *loop, int signo, void *arg)
{
	(void)signo;
	(void)arg;
	for (lo_proc *p = live; p; p = p->next) {
		if (p->loop != loop || p->reaped || p->pid <= 0)
			continue;
		int st;
		pid_t r;
		do
			r = waitpid(p->pid, &st, WNOHANG);
		while (r < 0 && errno == EINTR);
		if (r == p->pid || (r < 0 && errno == ECHILD)) {
			p->reaped = true;
			p->status = r == p->pid ? st : 255 << 8; /* reaped elsewhere: unknown */
			close_stdin(p);
		}
	}
	/* Finishing runs callbacks that may change the list: rescan each time. */
	for (bool again = true; again;) {
		again = false;
		for (lo_proc *p = live; p; p = p->next) {
			if (p->loop == loop && p->reaped && p->fd[OUT] < 0 && p->fd[ERR] < 0) {
				finish(p);
				again = true;
				break;
			}
		}
	}
}

static void on_kill_timer(lo_loop *loop, void *arg)
{
	lo_proc *p = arg;
	(void)loop;
	p->kill_timer = 0;
	p->kill_signo = SIGKILL;
	kill(-p->pid, SIGKILL);
}

static void on_timeout(lo_loop *loop, void *arg)
{
	lo_proc *p = arg;
	p->timer = 0;
	p->timed_out = true;
	if (p->reaped) {
		/* The child is gone but something it started holds the pipes. */
		kill(-p->pid, SIGKILL);
		close_stream(p, OUT);
		close_stream(p, ERR);
		maybe_finish(p);
		return;
	}
	p->kill_signo = SIGTERM;
	kill(-p->pid, SIGTERM);
	p->kill_timer = loop_add_timer(loop, PROC_KILL_GRACE_MS, on_kill_timer, p);
}

static void on_spawn_failed(lo_loop *loop, void *arg)
{
	lo_proc *p = arg;
	(void)loop;
	p->fail_timer = 0;
	p->reaped = true;
	finish(p);
}

static bool env_named(const char *const *list, const char *var, size_t len)
{
	for (size_t j = 0; list && list[j]; j++)
		if (strncmp(list[j], var, len) == 0 && (list[j][len] == '=' || !list[j][len]))
			return true;
	return false;
}

/* environ without the dropped names, plus the additions, an addition
 * replacing a variable of the same name. */
static char **build_env(const char *const *add, const char *const *drop)
{
	size_t n = 0, nadd = 0;
	while (environ[n])
		n++;
	while (add && add[nadd])
		nadd++;
	char **env = xcalloc(n + nadd + 1, sizeof *env);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		size_t len = strcspn(environ[i], "=");
		if (!env_named(add, environ[i], len) && !env_named(drop, environ[i], len))
			env[k++] = environ[i];
	}
	for (size_t j = 0; j < nadd; j++)
		env[k++] = (char *)(uintptr_t)add[j];
	return env;
}

static int make_pipe(int p[2])
{
	if (pipe2(p, O_CLOEXEC) != 0)
		return errno;
	return 0;
}

static void close_pair(int p[2])
{
	for (int i = 0; i < 2; i++)
		if (p[i] >= 0)
			close(p[i]);
	p[0] = p[1] = -1;
}

static int spawn_child(lo_proc *p, const struct proc_spec *spec, int out[2], int err[2], int in[2])
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t def, none;
	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&attr);
	if (in[0] >= 0)
		posix_spawn_file_actions_adddup2(&fa, in[0], STDIN_FILENO);
	else
		posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, err[1], STDERR_FILENO);
	if (spec->cwd)
		posix_spawn_file_actions_addchdir_np(&fa, spec->cwd);
	/* Default dispositions for what liftoff may catch or ignore, an empty mask. */
	sigemptyset(&def);
	sigaddset(&def, SIGPIPE);
	sigaddset(&def, SIGCHLD);
	sigaddset(&def, SIGINT);
	sigaddset(&def, SIGTERM);
	sigaddset(&def, SIGHUP);
	sigaddset(&def, SIGWINCH);
	sigemptyset(&none);
	posix_spawnattr_setsigdefault(&attr, &def);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK |
					 POSIX_SPAWN_SETPGROUP);
	char **env = build_env(spec->env_add, spec->env_drop);
	pid_t pid;
	int rc = posix_spawnp(&pid, spec->argv[0], &fa, &attr,
			      (char *const *)(uintptr_t)spec->argv, env);
	free(env);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	if (rc == 0)
		p->pid = pid;
	return rc;
}

static void set_nonblocking(int fd)
{
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

static int start(lo_proc *p, const struct proc_spec *spec)
{
	int out[2] = { -1, -1 }, err[2] = { -1, -1 }, in[2] = { -1, -1 };
	int rc = 0;
	if (!spec->argv || !spec->argv[0])
		return EINVAL;
	if ((rc = make_pipe(out)) || (rc = make_pipe(err)) ||
	    (spec->stdin_mode == PROC_STDIN_DATA && (rc = make_pipe(in)))) {
		close_pair(out);
		close_pair(err);
		close_pair(in);
		return rc;
	}
	if (!loop_has_children(p->loop) && !loop_watch_signal(p->loop, SIGCHLD, on_sigchld, NULL))
		rc = EAGAIN;
	if (rc == 0) {
		p->next = live; /* on the list before the child can exit */
		live = p;
		rc = spawn_child(p, spec, out, err, in);
		if (rc != 0)
			list_remove(p);
	}
	close(out[1]);
	close(err[1]);
	if (in[0] >= 0)
		close(in[0]);
	if (rc != 0) {
		close(out[0]);
		close(err[0]);
		if (in[1] >= 0)
			close(in[1]);
		return rc;
	}
	p->fd[OUT] = out[0];
	p->fd[ERR] = err[0];
	set_nonblocking(p->fd[OUT]);
	set_nonblocking(p->fd[ERR]);
	loop_watch_fd(p->loop, p->fd[OUT], POLLIN, on_output, p);
	loop_watch_fd(p->loop, p->fd[ERR], POLLIN, on_output, p);
	if (in[1] >= 0) {
		/* A child that exits without reading must not kill liftoff. */
		signal(SIGPIPE, SIG_IGN);
		p->in_fd = in[1];
		p->in_data = xmalloc(spec->stdin_len + 1);
		memcpy(p->in_data, spec->stdin_data ? spec->stdin_data : "", spec->stdin_len);
		p->in_len = spec->stdin_len;
		set_nonblocking(p->in_fd);
		loop_watch_fd(p->loop, p->in_fd, POLLOUT, on_stdin_writable, p);
	}
	if (spec->timeout_ms > 0)
		p->timer = loop_add_timer(p->loop, spec->timeout_ms, on_timeout, p);
	return 0;
}

lo_proc *proc_spawn(lo_loop *loop, const struct proc_spec *spec, proc_done_cb done, void *arg)
{
	lo_proc *p = xcalloc(1, sizeof *p);
	p->loop = loop;
	p->pid = -1;
	p->done = done;
	p->arg = arg;
	p->fd[OUT] = p->fd[ERR] = p->in_fd = -1;
	p->max_output = spec->max_output ? spec->max_output : PROC_DEFAULT_MAX_OUTPUT;
	p->timeout_ms = spec->timeout_ms;
	p->started = loop_now_ms();
	int rc = start(p, spec);
	if (rc != 0) {
		p->spawn_errno = rc;
		p->fail_timer = loop_add_timer(loop, 0, on_spawn_failed, p);
	}
	return p;
}

void proc_cancel(lo_proc *p)
{
	if (!p)
		return;
	if (p->pid > 0 && !p->reaped) {
		kill(-p->pid, SIGKILL);
		while (waitpid(p->pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	release(p);
}

int proc_pid(const lo_proc *p)
{
	return p && p->pid > 0 ? (int)p->pid : -1;
}

bool proc_succeeded(const struct proc_result *r)
{
	return r->how == PROC_EXITED && r->exit_code == 0;
}

char *proc_describe(const struct proc_result *r)
{
	switch (r->how) {
	case PROC_EXITED:
		return xasprintf(_("exited with status %d"), r->exit_code);
	case PROC_SIGNALED:
		return xasprintf(_("killed by signal %d (%s)"), r->signo, strsignal(r->signo));
	case PROC_TIMED_OUT:
		return xasprintf(_("timed out after %ld s"), (r->timeout_ms + 999) / 1000);
	case PROC_SPAWN_FAILED:
		if (r->spawn_errno == ENOENT)
			return xstrdup(_("not found on PATH"));
		if (r->spawn_errno == EACCES)
			return xstrdup(_("found but not executable"));
		return xasprintf(_("could not be started: %s"), strerror(r->spawn_errno));
	}
	return xstrdup("?");
}
