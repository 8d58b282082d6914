## src/local.mk - the core library's foundation: loop, errors, secrets,
## logging, the command line and the wizard's step table.

libliftoff_a_SOURCES += \
	%D%/core/i18n.h \
	%D%/core/util.c %D%/core/util.h \
	%D%/core/secret.c %D%/core/secret.h \
	%D%/core/log.c %D%/core/log.h \
	%D%/core/loop.c %D%/core/loop.h \
	%D%/core/tty.c %D%/core/tty.h \
	%D%/core/curl_loop.c %D%/core/curl_loop.h \
	%D%/cli.c %D%/cli.h \
	%D%/cmd/commands.h \
	%D%/cmd/install.c %D%/cmd/upgrade.c %D%/cmd/status.c \
	%D%/cmd/verify.c %D%/cmd/preflight.c %D%/cmd/config.c \
	%D%/cmd/whoami.c %D%/cmd/uninstall.c %D%/cmd/sso_update.c \
	%D%/wizard/steps.c %D%/wizard/steps.h
