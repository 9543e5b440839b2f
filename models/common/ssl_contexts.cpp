#include "models/common/ssl_contexts.h"

#include <algorithm>

#include <fmt/format.h>

namespace cellemu::models {

using at::Final;
using at::Outcome;

std::optional<SslParam> SslContexts::param_named(std::string_view name) const {
  for (const auto& [known, param] : dialect_.params) {
    if (known == name) return param;
  }
  return std::nullopt;
}

bool SslContexts::valid_id(int id) const {
  return std::find(dialect_.context_ids.begin(), dialect_.context_ids.end(), id) !=
         dialect_.context_ids.end();
}

const SslContext* SslContexts::find(int id) const {
  if (!valid_id(id)) return nullptr;
  const auto it = contexts_.find(id);
  return it == contexts_.end() ? &defaults_ : &it->second;
}

Outcome SslContexts::set(at::CommandContext& ctx, const fs::ModuleFs& fs) {
  const auto& args = ctx.args();
  if (!args || args->size() < 2 || args->size() > 3) return Final::error();
  const std::string_view name = args->text(0);
  const auto param = param_named(name);
  const auto id = args->integer(1);
  if (!param || !id || !valid_id(static_cast<int>(*id))) return Final::error();
  const int n = static_cast<int>(*id);
  if (args->size() == 2) {  // value omitted: query (S3 §2.4 note 1)
    ctx.info(fmt::format("+SSLCFG: \"{}\",{},{}", name, n, ssl_param_value(*find(n), *param)));
    return Final::ok();
  }
  SslContext& c = contexts_.try_emplace(n).first->second;
  if (!args->has(2) || (args->quoted(2) && args->text(2).empty())) {
    if (!dialect_.erase_form) return Final::error();
    erase_ssl_param(c, *param);
    return Final::ok();
  }
  return set_ssl_param(c, *param, *args, 2, fs) ? Final::ok() : Final::error();
}

}  // namespace cellemu::models
