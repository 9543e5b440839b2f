#include "emulator/app/ctl_command.h"

#include "emulator/control/ctl_client.h"
#include "emulator/control/fault_help.h"
#include "emulator/control/fault_table.h"

namespace cellemu::app {

void CtlCommand::add_to(CLI::App& app) {
  command_ = app.add_subcommand(
      "ctl",
      "Inject a fault into a running emulator (started with --control PATH) or read its status");
  command_->add_option("--control", control_path_, "The emulator's control socket")
      ->required()
      ->type_name("PATH");
  command_->add_option("--modem", modem_, "Which modem of a fleet (default 0)")
      ->capture_default_str();
  command_->add_option("verb", words_, "VERB [ARGS...], e.g. status | pdp-deact | link 0 reset")
      ->required();
  command_->footer("Verbs (the same in scenario files, 'do: VERB ARGS'):\n" +
                   control::verbs_help(control::fault_verbs()) +
                   "Exit status: 0 done, 1 refused (the reason on stderr), 2 no emulator there.\n"
                   "Example: cellemu ctl --control /tmp/cellemu.ctl net delay 300");
  command_->allow_extras(false);
  command_->positionals_at_end();
}

int CtlCommand::run() const {
  return control::run_ctl(control_path_, modem_, words_);
}

}  // namespace cellemu::app
