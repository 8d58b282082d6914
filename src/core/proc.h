/* proc.h - child processes on the event loop.
 *
 * liftoff runs other programs (aws --version, getent, later install.sh)
 * without a shell and without blocking: proc_spawn() starts the program
 * from an argv array with posix_spawnp(), captures stdout and stderr
 * through non-blocking pipes watched by the loop, reaps it from a SIGCHLD
 * watch with waitpid(pid, WNOHANG), and enforces an optional timeout
 * (SIGTERM to the child's process group, SIGKILL after a grace period).
 *
 * The done callback runs exactly once, always from the loop (never from
 * inside proc_spawn), with how the child ended and what it printed; even
 * a failure to start (ENOENT: "not found on PATH") arrives that way, so a
 * caller has one path to handle.  proc owns SIGCHLD on its loop: anything
 * else that needs a child process goes through here.
 *
 * Feeding a child's stdin sets SIGPIPE to ignored, process-wide, so that
 * a child that exits without reading cannot kill liftoff; children get
 * the default dispositions back.
 *
 * Every child starts in a new process group so that a timeout or a cancel
 * reaches its own children too.  The stdio mode is an enum so that a pty
 * (merged stdout and stderr, for install.sh) can be added as one more
 * mode without changing the callers of the pipe mode. */
#ifndef LO_PROC_H
#define LO_PROC_H

#include <stdbool.h>
#include <stddef.h>

#include "core/loop.h"
#include "core/util.h"

#define PROC_DEFAULT_MAX_OUTPUT (1024 * 1024)   /* per stream */
#define PROC_KILL_GRACE_MS 2000                 /* SIGTERM, then SIGKILL */

enum proc_stdin {
	PROC_STDIN_NULL = 0,   /* /dev/null */
	PROC_STDIN_DATA,       /* a pipe fed with spec.stdin_data, then closed */
};

enum proc_stdio {
	PROC_STDIO_PIPES = 0,  /* stdout and stderr captured separately */
	/* PROC_STDIO_PTY: a later addition for install.sh */
};

struct proc_spec {
	const char *const *argv;     /* NULL-terminated; argv[0] is looked up on PATH */
	const char *const *env_add;  /* "NAME=value" set in the child; NULL for none */
	const char *const *env_drop; /* names left out of the child's environment */
	const char *cwd;             /* NULL: inherit */
	enum proc_stdin stdin_mode;
	const char *stdin_data;      /* PROC_STDIN_DATA */
	size_t stdin_len;
	enum proc_stdio stdio;
	long timeout_ms;             /* 0: no timeout */
	size_t max_output;           /* per stream; 0: PROC_DEFAULT_MAX_OUTPUT */
};

enum proc_outcome {
	PROC_EXITED,        /* exit_code is set */
	PROC_SIGNALED,      /* signo is set */
	PROC_TIMED_OUT,     /* killed by liftoff after timeout_ms; signo is set */
	PROC_SPAWN_FAILED,  /* spawn_errno is set: ENOENT means not on PATH */
};

struct proc_result {
	enum proc_outcome how;
	int exit_code;
	int signo;
	int spawn_errno;
	const char *out;     /* NUL-terminated, never NULL */
	size_t out_len;
	const char *err;
	size_t err_len;
	bool out_truncated;  /* more than max_output was printed; the rest was dropped */
	bool err_truncated;
	long long duration_ms;
	long timeout_ms;     /* as given in the spec */
};

typedef struct lo_proc lo_proc;

/* Called once when the child has ended and both pipes are closed.  The
 * result and lo_proc are freed after the callback returns. */
typedef void (*proc_done_cb)(lo_proc *p, const struct proc_result *r, void *arg);

/* Start a child.  Never returns NULL and never calls done synchronously. */
lo_proc *proc_spawn(lo_loop *loop, const struct proc_spec *spec, proc_done_cb done, void *arg);

/* Kill the child's process group (SIGKILL), reap it, free p; done is not called. */
void proc_cancel(lo_proc *p);

/* The child's pid, or -1 when it never started. */
int proc_pid(const lo_proc *p);

/* True when the result is a clean exit with status 0. */
bool proc_succeeded(const struct proc_result *r);

/* How the child ended, in words, for a message: "not found on PATH",
 * "exited with status 2", "killed by signal 9", "timed out after 5 s".
 * Caller frees. */
char *proc_describe(const struct proc_result *r);

#endif
