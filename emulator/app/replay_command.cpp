#include "emulator/app/replay_command.h"

#include "emulator/core/logging.h"
#include "models/model_factory.h"

namespace cellemu::app {

void ReplayCommand::add_to(CLI::App& app) {
  command_ = app.add_subcommand(
      "replay",
      "Replay the host side of a serial log (LLCOM format of the seed, or cellemu --trace) "
      "against a fresh emulator and diff what the module side said; exit 0 when they agree");
  command_->add_option("log", file_, "The log file")->required()->check(CLI::ExistingFile);
  command_->add_option("-m,--model", options_.model, "Module the log comes from")
      ->check(CLI::IsMember(models::model_names()))
      ->capture_default_str();
  command_
      ->add_option("--ignore", options_.ignore,
                   "Also ignore text matching this regular expression (repeatable); times, "
                   "IPv4 addresses, IMEI/IMSI/ICCID, +NITZ and firmware names are by default")
      ->type_name("REGEX");
  command_->add_flag("--echo-peers", options_.echo_peers,
                     "The servers the log connects to echo what they get (default: they listen)");
  command_->add_flag("--show-all", options_.show_all, "Print matching steps too");
  command_->footer(
      "A log line \"#! VERB ARGS\" injects a fault at that point (the cellemu ctl verbs) and\n"
      "\"#> AT...\" sends a host line whose answer is not compared: together they restore what a\n"
      "spliced log does not show. Example: cellemu replay tests/data/air780ep-seed-trace.log");
}

int ReplayCommand::run() const {
  core::configure_logging("warn");
  return replay::run_replay(file_, options_);
}

}  // namespace cellemu::app
