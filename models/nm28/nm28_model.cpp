#include "models/nm28/nm28_model.h"

namespace cellemu::models::nm28 {
namespace {
const at::CommandTable<Nm28Model>& vendor_table() {
  static const at::CommandTable<Nm28Model> table;
  return table;
}
}  // namespace

Nm28Model::Nm28Model(ModelEnv env) : ModemBase(std::move(env)) {}

std::optional<at::Outcome> Nm28Model::dispatch_vendor(at::CommandContext& ctx) {
  return vendor_table().dispatch(*this, ctx);
}

}  // namespace cellemu::models::nm28
