#pragma once

#include <string>

namespace cellemu::at {

enum class CommandKind { Exec, Set, Read, Test };

// One command of a command line. Extended commands keep their prefix ("+CSQ", "^HEARTBEAT");
// basic ones are a letter or &letter ("E", "&F", "I") or an S-register ("S5"). `args` is the
// raw text after '=' for Set, or the number after a basic command ("0" in "E0").
struct AtCommand {
  std::string name;
  CommandKind kind = CommandKind::Exec;
  std::string args;
  bool extended = false;
};

}  // namespace cellemu::at
