#pragma once

#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/at/command_table.h"
#include "emulator/fs/module_fs.h"
#include "models/common/ssl_context.h"

namespace cellemu::models {

// How one module spells AT+SSLCFG: its parameter names, its context ids, whether a trailing comma
// erases. Vendor data, filled in by each model (its test form is in the model's command table).
struct SslDialect {
  std::vector<std::pair<std::string_view, SslParam>> params;
  std::vector<int> context_ids;
  // Air780EP: "AT+SSLCFG=\"cacert\",0," erases the parameter (air780ep.md §6).
  bool erase_form = false;
};

// A module's SSL contexts and the AT+SSLCFG command that configures them:
//   AT+SSLCFG=<name>,<ctx>,<value>  -> OK; bad name, context or value -> ERROR (OQ-35)
//   AT+SSLCFG=<name>,<ctx>          -> +SSLCFG: "<name>",<ctx>,<value> / OK (OQ-47)
//   AT+SSLCFG=<name>,<ctx>,         -> erase -> OK (where the dialect allows it)
//   AT+SSLCFG?                      -> OK
//   AT+SSLCFG                       -> ERROR
//   AT+SSLCFG=?                     -> the model's test text, OK
// Every failure is a plain ERROR whatever CMEE says (OQ-35; S3 "失败：ERROR").
// Contexts live until power-up: the modules keep no settings across power cycles (S0 FAQ 4).
class SslContexts {
 public:
  // The AT+SSLCFG entry of a model's command table, on the model's ssl() and fs().
  template <class Model>
  static at::CommandForms<Model> command(std::string test_text) {
    return {.test = std::move(test_text),
            .set = [](Model& m, at::CommandContext& ctx) { return m.ssl().set(ctx, m.fs()); },
            .absent = at::AbsentForms{
                .read = at::Final::ok(), .set = at::Final::error(), .exec = at::Final::error()}};
  }

  explicit SslContexts(SslDialect dialect) : dialect_(std::move(dialect)) {}

  at::Outcome set(at::CommandContext& ctx, const fs::ModuleFs& fs);
  // The context `id` as configured (defaults for one never touched); nullptr if there is none.
  const SslContext* find(int id) const;
  void reset() { contexts_.clear(); }

 private:
  std::optional<SslParam> param_named(std::string_view name) const;
  bool valid_id(int id) const;

  SslDialect dialect_;
  std::map<int, SslContext> contexts_;
  SslContext defaults_;
};

}  // namespace cellemu::models
