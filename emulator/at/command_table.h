#pragma once

#include <optional>
#include <string>
#include <unordered_map>

#include "emulator/at/command_context.h"

namespace cellemu::at {

// Exact command name -> handler. Handlers are plain functions of the model instance, so one
// table is built per model type and shared by every modem of that type.
template <class Target>
class CommandTable {
 public:
  using Handler = Outcome (*)(Target&, CommandContext&);

  void add(std::string name, Handler handler) { handlers_[std::move(name)] = handler; }
  bool contains(const std::string& name) const { return handlers_.contains(name); }

  std::optional<Outcome> dispatch(Target& target, CommandContext& ctx) const {
    auto it = handlers_.find(ctx.cmd().name);
    if (it == handlers_.end()) return std::nullopt;
    return it->second(target, ctx);
  }

 private:
  std::unordered_map<std::string, Handler> handlers_;
};

}  // namespace cellemu::at
