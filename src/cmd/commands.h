/* commands.h - the command table entries, one per file in src/cmd/. */
#ifndef LO_COMMANDS_H
#define LO_COMMANDS_H

#include "cli.h"

extern const struct lo_command cmd_install, cmd_upgrade, cmd_status, cmd_verify,
	cmd_preflight, cmd_config, cmd_whoami, cmd_uninstall, cmd_sso_update;

#endif
