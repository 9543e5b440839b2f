#include "models/air780ep/air780ep_model.h"

namespace cellemu::models::air780ep {
namespace {
const at::CommandTable<Air780epModel>& vendor_table() {
  static const at::CommandTable<Air780epModel> table;
  return table;
}
}  // namespace

Air780epModel::Air780epModel(ModelEnv env) : ModemBase(std::move(env)) {}

std::optional<at::Outcome> Air780epModel::dispatch_vendor(at::CommandContext& ctx) {
  return vendor_table().dispatch(*this, ctx);
}

}  // namespace cellemu::models::air780ep
